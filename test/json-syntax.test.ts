import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../src/load/find-json-syntax-error.js";
import { lineColumn } from "../src/load/load-spec.js";

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
