import fc from "fast-check";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { prettierStringLiteral, restoreLongStrings, setAsideLongStrings } from "../src/emit/long-strings.js";
import { PRETTIER_OPTIONS } from "../src/emit/format-files.js";

const OPTIONS: prettier.Options = { ...PRETTIER_OPTIONS, parser: "typescript" };
const json = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ name: `case-${i}`, value: { a: "it's", b: [i] } })));
const big = JSON.stringify(json(40)); // a long literal with both kinds of quote inside

describe("long string literals set aside", () => {
  it("re-quotes a literal exactly as prettier does", async () => {
    const literal = fc.string({ unit: fc.constantFrom("a", '"', "'", "\\", "n", "`", "$", "{"), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(literal, fc.constantFrom('"', "'"), async (content, quote) => {
        // A valid literal in that quote: escape backslashes, then that quote.
        const body = content.replace(/\\/g, "\\\\").replace(new RegExp(quote, "g"), "\\" + quote);
        const raw = quote + body + quote;
        const formatted = await prettier.format(`f(${raw});\n`, OPTIONS);
        expect(prettierStringLiteral(raw)).toBe(formatted.slice(2, -3));
      }),
      { numRuns: 300 },
    );
  });

  const cases: [string, string, boolean][] = [
    ["a sole call argument", `const x = invalid(${big});\nconst y = invalid(${big.replace(/case/g, "other")});\n`, true],
    ["a sole argument after prettier (trailing comma)", `const x = invalid(\n  ${big},\n);\n`, true],
    ["one of two arguments", `f(${big}, 1);\n`, false],
    ["a property key", `const o = { [${big}]: 1 };\n`, false],
    ["inside a comment", `// f(${big})\nconst a = 1;\n`, false],
    ["inside a template literal", "const t = `f(" + big + ")`;\n", false],
    ["a short literal", `f("short");\n`, false],
  ];
  it.each(cases)("%s", async (_, source, setAside) => {
    const aside = setAsideLongStrings(source, "x.ts");
    expect(aside !== undefined).toBe(setAside);
    if (aside === undefined) return;
    // Formatting with the literals set aside, then putting them back, gives what prettier gives on the whole text.
    const formatted = await prettier.format(aside.text, OPTIONS);
    expect(restoreLongStrings(formatted, aside.literals.map(prettierStringLiteral))).toBe(await prettier.format(source, OPTIONS));
  });

  it("gives up when a placeholder does not come out exactly once", () => {
    const aside = setAsideLongStrings(`f(${big});\n`, "x.ts");
    expect(aside).toBeDefined();
    expect(restoreLongStrings("f();\n", aside!.literals)).toBeUndefined();
    expect(restoreLongStrings(aside!.text + aside!.text, aside!.literals)).toBeUndefined();
    expect(restoreLongStrings(aside!.text, aside!.literals)).toBe(`f(${big});\n`);
  });
});
