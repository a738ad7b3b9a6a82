import { describe, expect, it } from "vitest";
import { makeIssue, type ValidationIssue } from "../../src/runtime/make-issue.js";
import { hasOwn, isObjectLike, OBJECT_PROTOTYPE, parseAndValidate, passes, readMode, run, type Checker, type Tester } from "../../src/runtime/run-guard.js";

describe("readMode", () => {
  it.each<[unknown, boolean]>([
    [undefined, false],
    [{}, false],
    [{ unknownProperties: undefined }, false],
    [{ unknownProperties: "reject" }, false],
    [{ unknownProperties: "allow" }, true],
  ])("%j → allow = %s", (options, allow) => {
    expect(readMode(options as never)).toBe(allow);
  });

  it.each([[{ unknownProperties: "Allow" }], [{ unknownProperties: true }], [{ unknownProperties: null }]])("throws on %j: a typo is a programming error", (options) => {
    expect(() => readMode(options as never)).toThrow(/unknownProperties must be "reject" or "allow"/);
  });
});

describe("isObjectLike", () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [Object.create(null), true],
    [new Date(0), true],
    [[], false],
    [null, false],
    ["{}", false],
    [() => ({}), false],
  ])("%j → %s", (value, expected) => {
    expect(isObjectLike(value)).toBe(expected);
  });
});

describe("hasOwn and OBJECT_PROTOTYPE", () => {
  it("tell own properties from inherited ones", () => {
    expect(hasOwn.call({ a: 1 }, "a")).toBe(true);
    expect(hasOwn.call({}, "toString")).toBe(false);
    expect(hasOwn.call(Object.create({ a: 1 }), "a")).toBe(false);
    expect(OBJECT_PROTOTYPE).toBe(Object.prototype);
    expect(OBJECT_PROTOTYPE["toString"]).toBe(Object.prototype.toString);
  });
});

/** A guard for `{ n: number }`, written the way the generated guards are. */
const test: Tester = (value, allow) => {
  if (!isObjectLike(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (typeof value["n"] !== "number") return false;
  return allow || Object.keys(value).length === 1;
};
const check: Checker = (value, issues, warnings, allow) => {
  if (!isObjectLike(value)) {
    issues.push(makeIssue([], "", "invalid_type", "object", value));
    return;
  }
  if (typeof value["n"] !== "number") issues.push(makeIssue(["n"], "/n", "invalid_type", "number", value["n"]));
  for (const key of Object.keys(value)) {
    if (key !== "n") (allow ? warnings : issues).push(makeIssue([key], "/" + key, "unknown_property", undefined, value[key]));
  }
};

describe("run: the fast test, then the checker", () => {
  it.each<[string, unknown, "reject" | "allow", { ok: boolean; issues?: string[]; warnings?: string[] }]>([
    ["a valid value passes the test; no issue, no warning", { n: 1 }, "reject", { ok: true, warnings: [] }],
    ["the same in allow mode", { n: 1 }, "allow", { ok: true, warnings: [] }],
    ["an unknown property fails in reject mode", { n: 1, x: 2 }, "reject", { ok: false, issues: ["unknown_property"] }],
    ["and is a warning in allow mode", { n: 1, x: 2 }, "allow", { ok: true, warnings: ["unknown_property"] }],
    ["a wrong type fails in either mode", { n: "1" }, "allow", { ok: false, issues: ["invalid_type"] }],
    ["all issues are collected", { n: "1", x: 2 }, "reject", { ok: false, issues: ["invalid_type", "unknown_property"] }],
    ["a value the test cannot take (not plain) goes to the checker", Object.assign(Object.create({ inherited: 1 }), { n: 1 }), "reject", { ok: true, warnings: [] }],
  ])("%s", (_, value, mode, expected) => {
    const result = run<{ n: number }>(value, { unknownProperties: mode }, test, check);
    expect(result.ok).toBe(expected.ok);
    if (result.ok) {
      expect(result.value).toBe(value);
      expect(result.warnings.map((w) => w.code)).toEqual(expected.warnings);
    } else {
      expect(result.issues.map((i) => i.code)).toEqual(expected.issues);
    }
  });

  it("shares one frozen empty warnings list on the fast path (no allocation)", () => {
    const a = run({ n: 1 }, undefined, test, check);
    const b = run({ n: 2 }, undefined, test, check);
    expect(a.ok && b.ok && a.warnings === b.warnings && Object.isFrozen(a.warnings)).toBe(true);
  });

  it("turns a value that throws while being read into one issue, never an exception", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = { get n(): number { throw new Error("getter failed"); } };
    for (const value of [proxy, throwing]) {
      const result = run(value, undefined, test, check);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues).toMatchObject([{ code: "invalid_type", pointer: "", message: expect.stringMatching(/^Value could not be read/) }]);
    }
  });

  it("throws for invalid options, before looking at the value", () => {
    expect(() => run({ n: 1 }, { unknownProperties: "sometimes" as never }, test, check)).toThrow(TypeError);
  });
});

describe("passes", () => {
  it("is the checker asked only whether it found nothing", () => {
    expect(passes(check, { n: 1 }, false)).toBe(true);
    expect(passes(check, { n: 1, x: 1 }, false)).toBe(false);
    expect(passes(check, { n: 1, x: 1 }, true)).toBe(true);
    const issues: ValidationIssue[] = [];
    check("no", issues, [], false);
    expect(passes(check, "no", false)).toBe(issues.length === 0);
  });
});

describe("parseAndValidate", () => {
  const validate = (value: unknown) => ({ ok: true as const, value, warnings: [] as const });
  const bytes = (text: string) => new TextEncoder().encode(text);
  it.each<[string, unknown, { ok: boolean; code?: string; message?: RegExp; value?: unknown }]>([
    ["a JSON string", '{"a":1}', { ok: true, value: { a: 1 } }],
    ["JSON bytes", bytes('{"a":1}'), { ok: true, value: { a: 1 } }],
    ["a byte order mark before the text", "\ufeff[1]", { ok: true, value: [1] }],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), { ok: false, code: "invalid_json", message: /not valid UTF-8/ }],
    ["a JSON syntax error", "{", { ok: false, code: "invalid_json", message: /not valid JSON \(/ }],
    ["neither text nor bytes", 42, { ok: false, code: "invalid_type" }],
  ])("%s", (_, body, expected) => {
    const result = parseAndValidate(body as string, undefined, validate);
    expect(result.ok).toBe(expected.ok);
    if (result.ok) expect(result.value).toEqual(expected.value);
    else {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ code: expected.code, pointer: "" });
      if (expected.message) expect(result.issues[0]!.message).toMatch(expected.message);
    }
  });

  it("refuses invalid options, and passes valid ones to the validator", () => {
    expect(() => parseAndValidate("{}", { unknownProperties: "maybe" as never }, validate)).toThrow(TypeError);
    let seen: unknown;
    parseAndValidate("{}", { unknownProperties: "allow" }, (value, options) => ((seen = options), validate(value)));
    expect(seen).toEqual({ unknownProperties: "allow" });
  });
});
