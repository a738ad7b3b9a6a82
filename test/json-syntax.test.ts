import { describe, expect, it } from "vitest";
import { findDuplicateKeys, findJsonLocations, findJsonSyntaxError } from "../src/load/find-json-syntax-error.js";
import { duplicateKeyWarnings, lineColumn } from "../src/load/load-spec.js";

describe("findJsonSyntaxError", () => {
  it.each([
    ['{"a": }', 6, /expected a value/],
    ['{"a": 1,}', 8, /property name/],
    ['{"a" 1}', 5, /expected ":"/],
    ['{"a": 1 "b": 2}', 8, /"," or "}"/],
    ["[1, 2", 5, /end of input/],
    ['{"a": "x\ny"}', 8, /Control character/],
    ['{"a": "\\q"}', 8, /Invalid escape/],
    ['{"a": 01}', 7, /after|","/],
    ['{"a": tru}', 6, /expected a value/],
    ["{} {}", 3, /after the JSON value/],
    ["{ // comment\n}", 2, /property name/],
    ["", 0, /end of input/],
  ])("%j → offset %i", (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const error = findJsonSyntaxError(text);
    expect(error?.offset).toBe(offset);
    expect(error?.message).toMatch(message);
  });

  it.each(['{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]}', " [] ", '"x"', "0"])("accepts valid JSON %j", (text) => {
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it.each([
    ["abc", 0, { line: 1, column: 1 }],
    ["a\nbc", 3, { line: 2, column: 2 }],
    ["a\n", 2, { line: 2, column: 1 }],
  ])("lineColumn(%j, %i)", (text, offset, expected) => {
    expect(lineColumn(text, offset)).toEqual(expected);
  });
});

describe("findDuplicateKeys (issue 12, item 8)", () => {
  it.each<[string, string, { pointer: string; key: string; first: number; second: number }[]]>([
    ["none", '{"a": 1, "b": {"a": 2}}', []],
    ["at the root", '{"a": 1, "a": 2}', [{ pointer: "", key: "a", first: 1, second: 9 }]],
    ["nested, with the object's pointer", '{"w": {"e": {}, "x": [{"k": 1, "k": 2}], "e": {}}}', [
      { pointer: "/w/x/0", key: "k", first: 23, second: 31 },
      { pointer: "/w", key: "e", first: 7, second: 41 },
    ]],
    ["written with an escape", '{"a": 1, "\\u0061": 2}', [{ pointer: "", key: "a", first: 1, second: 9 }]],
    ["__proto__ and a key with / and ~", '{"__proto__": 1, "a/~": 1, "__proto__": 2, "a/~": 2}', [
      { pointer: "", key: "__proto__", first: 1, second: 27 },
      { pointer: "", key: "a/~", first: 17, second: 43 },
    ]],
    ["three times: each repeat against the first", '{"a": 1, "a": 2, "a": 3}', [
      { pointer: "", key: "a", first: 1, second: 9 },
      { pointer: "", key: "a", first: 1, second: 17 },
    ]],
  ])("%s", (_, text, expected) => {
    expect(findDuplicateKeys(text)).toEqual(expected);
  });

  it("warns with file:line:column of both, and the pointer", () => {
    const text = '{\n  "webhooks": {\n    "a.b": {},\n    "a.b": {}\n  },\n  "x": {"k": 1,\n "k": 2}\n}';
    const warnings = duplicateKeyWarnings(text, "spec.json");
    expect(warnings.map((w) => [w.code, w.position, w.message])).toEqual([
      ["duplicate-key", { line: 4, column: 5 }, 'The event "a.b" is defined twice in `webhooks` (at spec.json:3:5 and spec.json:4:5); JSON keeps only the second, so the first is ignored.'],
      ["duplicate-key", { line: 7, column: 2 }, 'The key "k" is written twice in the object at /x (at spec.json:6:9 and spec.json:7:2); JSON keeps only the second, so the first is ignored.'],
    ]);
    expect(warnings[0]!.hint).toMatch(/Remove one/);
  });
});

describe("findJsonLocations", () => {
  // The offset is where the text is marked with ^: a member's key quote, an array item's or the document's first character.
  it.each([
    ["the document", ' {"a": 1}', "", " ^"],
    ["a member: its key", '{"a": {"b": [1, 2]}}', "/a", " ^"],
    ["a nested member", '{"a": {"b": [1, 2]}}', "/a/b", "       ^"],
    ["an array item", '{"a": {"b": [1, 2]}}', "/a/b/1", "                ^"],
    ["a key with / and ~", '{"x/y~": true}', "/x~1y~0", " ^"],
    ["an escaped key, decoded", '{"\\u0061": 1}', "/a", " ^"],
    ["a key written twice: the first", '{"a": 1, "a": 2}', "/a", " ^"],
  ])("%s", (_, text, pointer, mark) => {
    expect(findJsonLocations(text).get(pointer)).toBe(mark.indexOf("^"));
  });

  it("has no location for what is not there", () => {
    expect(findJsonLocations('{"a": [1]}').get("/a/1")).toBeUndefined();
  });
});
