import { describe, expect, it } from "vitest";
import { escapeToken, makeIssue, unreadable, type IssueCode, type ValidationIssue } from "../../src/runtime/make-issue.js";

describe("escapeToken (RFC 6901)", () => {
  it.each<[string | number, string]>([
    ["plain", "plain"],
    ["", ""],
    [0, "0"],
    [42, "42"],
    ["a/b", "a~1b"],
    ["a~b", "a~0b"],
    // "~" first: "~1" in the key must not read back as "/".
    ["~1", "~01"],
    ["/~", "~1~0"],
    ["a//b~~c", "a~1~1b~0~0c"],
    ["😀/é", "😀~1é"],
  ])("%j → %j", (token, escaped) => {
    expect(escapeToken(token)).toBe(escaped);
  });

  it("returns the key itself when nothing needs escaping (no copy on the hot path)", () => {
    const key = "session_id";
    expect(escapeToken(key)).toBe(key);
  });
});

describe("makeIssue: one message per code, the place appended", () => {
  const long = "x".repeat(100);
  it.each<[string, Parameters<typeof makeIssue>, ValidationIssue]>([
    [
      "invalid_type names the received JSON type",
      [["payload", "count"], "/payload/count", "invalid_type", "integer", "3"],
      { path: ["payload", "count"], pointer: "/payload/count", code: "invalid_type", expected: "integer", received: "string", message: "Expected integer, received string at /payload/count" },
    ],
    [
      "integer, number, non-finite, null and array are told apart",
      [[], "", "invalid_type", "string", 1.5],
      { path: [], pointer: "", code: "invalid_type", expected: "string", received: "number", message: "Expected string, received number at the root" },
    ],
    [
      "NaN is named as such",
      [["n"], "/n", "invalid_type", "number", Number.NaN],
      { path: ["n"], pointer: "/n", code: "invalid_type", expected: "number", received: "NaN", message: "Expected number, received NaN at /n" },
    ],
    [
      "an array",
      [["a"], "/a", "invalid_type", "object", []],
      { path: ["a"], pointer: "/a", code: "invalid_type", expected: "object", received: "array", message: "Expected object, received array at /a" },
    ],
    [
      "missing_property quotes the property and what it should be, with no received",
      [["payload", "object"], "/payload/object", "missing_property", "object", undefined],
      { path: ["payload", "object"], pointer: "/payload/object", code: "missing_property", expected: "object", message: 'Missing required property "object" (object) at /payload/object' },
    ],
    [
      "unknown_property has no expected",
      [["extra"], "/extra", "unknown_property", undefined, null],
      { path: ["extra"], pointer: "/extra", code: "unknown_property", received: "null", message: 'Unknown property "extra" (the schema does not define it) at /extra' },
    ],
    [
      "invalid_enum previews the value as JSON",
      [["role"], "/role", "invalid_enum", '"a" | "b"', "admin"],
      { path: ["role"], pointer: "/role", code: "invalid_enum", expected: '"a" | "b"', received: '"admin"', message: 'Expected "a" | "b", received "admin" at /role' },
    ],
    [
      "invalid_format cuts a long string before quoting it",
      [["t"], "/t", "invalid_format", "string (date-time)", long],
      { path: ["t"], pointer: "/t", code: "invalid_format", expected: "string (date-time)", received: JSON.stringify("x".repeat(60)) + "...", message: `Expected string (date-time), received ${JSON.stringify("x".repeat(60))}... at /t` },
    ],
    [
      "unknown_event lists the known events",
      [["event"], "/event", "unknown_event", '"a.b" | "c.d"', "e.f"],
      { path: ["event"], pointer: "/event", code: "unknown_event", expected: '"a.b" | "c.d"', received: '"e.f"', message: 'Unknown event "e.f"; expected one of "a.b" | "c.d" at /event' },
    ],
    [
      "too_small counts a string in code points",
      [["s"], "/s", "too_small", "at least 3 characters", "😀😀"],
      { path: ["s"], pointer: "/s", code: "too_small", expected: "at least 3 characters", received: "2 characters", message: "Expected at least 3 characters, received 2 characters at /s" },
    ],
    [
      "too_big counts an array in items",
      [["a"], "/a", "too_big", "at most 1 items", [1, 2]],
      { path: ["a"], pointer: "/a", code: "too_big", expected: "at most 1 items", received: "2 items", message: "Expected at most 1 items, received 2 items at /a" },
    ],
    [
      "too_big on a number previews it",
      [["n"], "/n", "too_big", "integer <= 5", 6],
      { path: ["n"], pointer: "/n", code: "too_big", expected: "integer <= 5", received: "6", message: "Expected integer <= 5, received 6 at /n" },
    ],
    [
      "invalid_union names the received type; a given message replaces the built one",
      [["u"], "/u", "invalid_union", "exactly one of: a | b", {}, "Matches 2 of the schemas in oneOf; exactly one must match"],
      { path: ["u"], pointer: "/u", code: "invalid_union", expected: "exactly one of: a | b", received: "object", message: "Matches 2 of the schemas in oneOf; exactly one must match at /u" },
    ],
    [
      "invalid_json takes its message as given",
      [[], "", "invalid_json", undefined, undefined, "Body is not valid UTF-8"],
      { path: [], pointer: "", code: "invalid_json", message: "Body is not valid UTF-8 at the root" },
    ],
  ])("%s", (_, args, issue) => {
    expect(makeIssue(...args)).toEqual(issue);
  });

  it("gives every issue its final shape: absent fields are absent, not undefined", () => {
    const issue = makeIssue(["x"], "/x", "missing_property", "string", undefined);
    expect(Object.keys(issue)).toEqual(["path", "pointer", "code", "expected", "message"]);
    expect(Object.keys(makeIssue([], "", "invalid_json", undefined, undefined, "m"))).toEqual(["path", "pointer", "code", "message"]);
  });

  it("previews values that cannot be turned into a string without throwing", () => {
    const hostile = { toString: () => { throw new Error("no"); } };
    expect(makeIssue(["v"], "/v", "invalid_format", "x", Object.create(null)).received).toBe("object");
    expect(makeIssue(["v"], "/v", "invalid_enum", "x", Symbol("s")).received).toBe("Symbol(s)");
    expect(makeIssue(["v"], "/v", "invalid_enum", "x", 10n).received).toBe("10");
    expect(makeIssue(["v"], "/v", "invalid_enum", "x", hostile).received).toBe("object");
  });

  it("covers every issue code", () => {
    const codes: Record<IssueCode, true> = {
      invalid_type: true,
      missing_property: true,
      unknown_property: true,
      invalid_enum: true,
      invalid_format: true,
      invalid_json: true,
      unknown_event: true,
      too_small: true,
      too_big: true,
      invalid_union: true,
    };
    for (const code of Object.keys(codes) as IssueCode[]) expect(makeIssue([], "", code, "e", "v").code).toBe(code);
  });
});

describe("unreadable", () => {
  it.each<[string, unknown, string]>([
    ["an Error", new TypeError("revoked"), "Value could not be read (revoked) at the root"],
    ["a thrown string", "boom", "Value could not be read (boom) at the root"],
    ["something that cannot be described", { toString: () => { throw new Error(); } }, "Value could not be read (an exception that cannot be described) at the root"],
  ])("describes %s", (_, error, message) => {
    expect(unreadable(error)).toEqual({ path: [], pointer: "", code: "invalid_type", expected: "a plain JSON value", received: "undefined", message });
  });
});
