/**
 * The guard emitter still writes the value keywords' tests itself; each module's `failing`, `code` and `expected` must
 * say exactly what it writes, so that the emitter can print them from the registry instead and change no byte. Once
 * it does, this test keeps the two from drifting apart on the way.
 */
import { describe, expect, it } from "vitest";
import { describeExpected, emitGuards } from "../../src/emit/emit-guards.js";
import type { EmittedFile } from "../../src/emit/emitted-file.js";
import { guardSource, keywordChecks } from "../../src/keywords/index.js";
import type { SchemaNode, SpecModel } from "../../src/model/model.js";
import { arr, int, num, str } from "./support.js";

function guardsFor(node: SchemaNode): string {
  const model: SpecModel = {
    title: "T",
    version: "1",
    packageName: "t",
    packageVersion: "1.0.0",
    namedTypes: [],
    events: [
      {
        name: "e.x",
        typeName: "EX",
        fileName: "e.x",
        pointer: "/webhooks/e.x",
        examples: [],
        body: {
          kind: "object",
          pointer: "",
          nullable: false,
          additionalProperties: true,
          properties: [
            { name: "event", required: true, schema: { kind: "string", pointer: "", nullable: false, enum: ["e.x"] } },
            { name: "x", required: true, schema: node },
          ],
        },
      },
    ],
  };
  // One file or several (src/ and dist/), indented or not: the statements are what is compared.
  const files = ([] as EmittedFile[]).concat(emitGuards(model) as EmittedFile | EmittedFile[]);
  return files.find((file) => file.path === "src/guards.ts")!.contents.replace(/^[ \t]+/gm, "");
}

/** `1e+21` and `1e21` are one number: printers spell exponents either way. */
const spelling = (source: string) => source.replace(/(\d)e\+(\d)/g, "$1e$2");

/** A JS string literal as emitted, in either quote. */
const STRING = `("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*')`;
const unquote = (literal: string): string =>
  literal.startsWith("'") ? (JSON.parse(`"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string) : (JSON.parse(literal) as string);

const CODES = "invalid_format|too_small|too_big";

/** The emitted check of `x`: each keyword condition with its issue, and the local it tests. */
function emittedChecks(code: string): { test: string; code: string; expected: string; v: string }[] {
  const check = code.slice(code.indexOf("function checkEX("));
  const re = new RegExp(`if \\((.*)\\) (?:\\{\\n)?issues\\.push\\(makeIssue\\(\\["x"\\], "/x", "(${CODES})", ${STRING}, (v\\d+)\\)\\);`, "g");
  return [...check.matchAll(re)].map((m) => ({ test: m[1]!, code: m[2]!, expected: unquote(m[3]!), v: m[4]! }));
}

/** Module-level patterns, by source. */
function patternNames(code: string): Map<string, string> {
  return new Map([...code.matchAll(new RegExp(`^const (PATTERN_\\d+) = new RegExp\\(${STRING}, "u"\\);$`, "gm"))].map((m) => [unquote(m[2]!), m[1]!]));
}

describe("the value keywords say what the guard emitter writes", () => {
  it.each([
    str({ format: "date-time", pattern: "^2", minLength: 20, maxLength: 40 }),
    str({ format: "date" }),
    str({ nullable: true, minLength: 3 }),
    str({ minLength: 0, maxLength: 0 }),
    str({ enum: ["ab", "cd"], pattern: "^a" }),
    str({ format: "email", maxLength: 10, pattern: "@" }),
    str({ format: "int32", pattern: "[" + "0-9]" }),
    int({ format: "int32", minimum: -5, exclusiveMinimum: -6, maximum: 9, exclusiveMaximum: 10 }),
    int({ format: "int64", maximum: 100 }),
    int({ format: "uint64" }),
    int({ format: "date-time", exclusiveMinimum: 0.5 }),
    num({ format: "int32" }),
    num({ format: "int64", minimum: 1.5 }),
    num({ format: "uint64", exclusiveMaximum: 1e21 }),
    num({ format: "double", maximum: -1 }),
    arr({ minItems: 1, maxItems: 3 }),
    arr({ minItems: 0, maxItems: 0 }),
  ])("%j", (node) => {
    const code = guardsFor(node);
    const emitted = emittedChecks(code);
    const patterns = patternNames(code);
    const scope = { regExp: (source: string) => patterns.get(source) ?? `<no PATTERN for ${source}>` };
    const checkLocal = /const (v\d+) = hasOwn\.call\(o\d+, "x"\)/.exec(code.slice(code.indexOf("function checkEX(")))![1]!;
    const checks = keywordChecks(node);
    expect(emitted.map((e) => ({ ...e, test: spelling(e.test) }))).toEqual(
      checks.map((c) => ({ test: spelling(guardSource(c.test, checkLocal, scope)), code: c.code, expected: c.expected ?? describeExpected(node), v: checkLocal })),
    );
    // The boolean test ends with the same conditions in the same order (after the type and enum tests), each one
    // returning false.
    const test = code.slice(code.indexOf("function testEX("), code.indexOf("function checkEX("));
    const testLocal = /let (v\d+) = o\d+\["x"\];/.exec(test)![1]!;
    const wanted = checks.map((c) => spelling(guardSource(c.test, testLocal, scope)));
    const returns = [...test.matchAll(/^if \((.*)\) return false;$/gm)].map((m) => spelling(m[1]!));
    const own = returns.filter((r) => r.includes(testLocal));
    expect(own.slice(own.length - wanted.length)).toEqual(wanted);
    expect(own.length).toBeGreaterThan(wanted.length);
  });
});
