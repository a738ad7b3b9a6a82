import fc from "fast-check";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { PRETTIER_OPTIONS } from "../src/emit/format-files.js";
import { formatJsonLikePrettier } from "../src/emit/format-json.js";

/** The generator's own prettier options: the direct printer must give exactly what prettier gives with them. */
const OPTIONS: prettier.Options = { ...PRETTIER_OPTIONS, parser: "json" };
const stringify = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

describe("formatJsonLikePrettier", () => {
  const cases: [string, unknown][] = [
    ["short arrays on one line", { tags: ["a", "b"], empty: [], none: {}, nested: [[], {}] }],
    ["arrays of objects expanded", { items: [{ a: 1 }, { b: 2 }] }],
    ["arrays of arrays of more than one element expanded", [[1, 2], [3, 4]]],
    ["arrays of arrays of one element kept flat", [[1], [2]]],
    ["a long array of strings, one per line", { list: Array.from({ length: 30 }, (_, i) => `value-${i}`) }],
    ["a long array of numbers, filled", { numbers: Array.from({ length: 80 }, (_, i) => i * 997 - 40) }],
    ["an array exactly at the print width", { k: ["x".repeat(107)] }],
    ["an array one past the print width", { k: ["x".repeat(108)] }],
    ["the comma after an array counts", { k: ["x".repeat(106)], z: 1 }],
    ["scalars", { s: "q\"uote\\", n: -12.5, t: true, f: false, z: null }],
    // Found by the property below: empty brackets past the print width stay whole.
    ["empty brackets past the print width", [{ "": { ["y".repeat(114)]: [], ["z".repeat(114)]: {} } }]],
  ];
  it.each(cases)("%s", async (_, value) => {
    const text = stringify(value);
    const fast = formatJsonLikePrettier(text);
    expect(fast).toBeDefined();
    expect(fast).toBe(await prettier.format(text, OPTIONS));
  });

  it("leaves to prettier what it does not know for sure", () => {
    expect(formatJsonLikePrettier('{"a":1}\n')).toBeUndefined(); // not JSON.stringify's layout
    expect(formatJsonLikePrettier(stringify({ a: "é" }))).toBeUndefined(); // display width
    expect(formatJsonLikePrettier(stringify({ a: 1e21 }))).toBeUndefined(); // exponent: prettier writes 1e21
    expect(formatJsonLikePrettier('{\n  "a": 1,\n  "a": 2\n}\n')).toBeUndefined(); // duplicate key
    expect(formatJsonLikePrettier("not json")).toBeUndefined();
  });

  it("agrees with prettier on arbitrary JSON values", async () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "b", " ", '"', "\\", "/"), maxLength: 118 }),
      fc.string({ unit: fc.constantFrom("q", "r"), minLength: 20, maxLength: 60 }),
      fc.constantFrom("", "x".repeat(50), "y".repeat(110)),
    );
    const number = fc.oneof(fc.integer(), fc.integer({ min: 0, max: 99 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object"), tie("numbers")),
      leaf: fc.oneof(text, number, fc.boolean(), fc.constant(null)),
      array: fc.array(tie("tree"), { maxLength: 10 }),
      numbers: fc.array(number, { maxLength: 60 }),
      object: fc.dictionary(fc.oneof(text, fc.constantFrom("k", "long_key_".repeat(8))), tie("tree"), { maxKeys: 6 }),
    }));
    await fc.assert(
      fc.asyncProperty(tree, async (value) => {
        const source = stringify(value);
        const fast = formatJsonLikePrettier(source);
        if (fast !== undefined) expect(fast).toBe(await prettier.format(source, OPTIONS));
      }),
      { numRuns: Number(process.env.FORMAT_JSON_RUNS ?? 400) },
    );
  });
});
