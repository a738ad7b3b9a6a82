import { describe, expect, it } from "vitest";
import { buildFixture, FixtureBuildError, mergeOverrides, type EventFixtures } from "../../src/runtime/build-fixture.js";
import { makeIssue } from "../../src/runtime/make-issue.js";
import type { ValidationResult } from "../../src/runtime/run-guard.js";

describe("mergeOverrides", () => {
  it.each<[string, unknown, unknown, unknown]>([
    ["no overrides: a copy", { a: 1, b: { c: 2 } }, undefined, { a: 1, b: { c: 2 } }],
    ["objects merge key by key, at any depth", { a: 1, b: { c: 2, d: 3 } }, { b: { d: 4 } }, { a: 1, b: { c: 2, d: 4 } }],
    ["a new key is added", { a: 1 }, { b: { c: 1 } }, { a: 1, b: { c: 1 } }],
    ["undefined removes a property", { a: 1, b: 2 }, { b: undefined }, { a: 1 }],
    ["undefined removes a nested property", { a: { b: 1, c: 2 } }, { a: { c: undefined } }, { a: { b: 1 } }],
    ["an array replaces, it does not merge", { a: [1, 2, 3] }, { a: [9] }, { a: [9] }],
    ["null replaces an object", { a: { b: 1 } }, { a: null }, { a: null }],
    ["an object replaces a scalar", { a: 1 }, { a: { b: 1 } }, { a: { b: 1 } }],
    ["a scalar replaces the whole value", { a: 1 }, 5, 5],
    ["an empty override changes nothing", { a: { b: 1 } }, { a: {} }, { a: { b: 1 } }],
  ])("%s", (_, base, overrides, expected) => {
    expect(mergeOverrides(base, overrides)).toEqual(expected);
  });

  it("never shares or changes its inputs", () => {
    const base = { a: { b: [1] } };
    const overrides = { a: { c: { d: 1 } } };
    const out = mergeOverrides(base, overrides) as { a: { b: number[]; c: { d: number } } };
    out.a.b.push(2);
    out.a.c.d = 2;
    expect(base).toEqual({ a: { b: [1] } });
    expect(overrides).toEqual({ a: { c: { d: 1 } } });
  });

  it("keeps a __proto__ key as data, not as the prototype", () => {
    const overrides = JSON.parse('{"__proto__":{"polluted":true},"a":{"__proto__":1}}') as unknown;
    const out = mergeOverrides({ a: {} }, overrides) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"a":{"__proto__":1},"__proto__":{"polluted":true}}');
  });
});

interface Events {
  "a.created": { event: "a.created"; id: string; tags?: string[] };
}

const full: Events["a.created"] = { event: "a.created", id: "x", tags: ["t"] };
const fixtures: { readonly [K in keyof Events]: EventFixtures<Events[K]> } = {
  "a.created": { example: full, examples: [full], minimal: { event: "a.created", id: "x" }, full, variants: [] },
};
const validators: { readonly [K in keyof Events]: (value: unknown) => ValidationResult<Events[K]> } = {
  "a.created": (value) =>
    typeof (value as { id?: unknown }).id === "string"
      ? { ok: true, value: value as Events["a.created"], warnings: [] }
      : { ok: false, issues: [makeIssue(["id"], "/id", "invalid_type", "string", (value as { id?: unknown }).id)] },
};

describe("buildFixture", () => {
  it("is a deep copy of full with the overrides merged in", () => {
    const built = buildFixture<Events, "a.created">(fixtures, validators, "a.created", { tags: ["u"] }, undefined);
    expect(built).toEqual({ event: "a.created", id: "x", tags: ["u"] });
    built.tags?.push("mutated");
    expect(fixtures["a.created"].full.tags).toEqual(["t"]);
  });

  it("validates the result and throws FixtureBuildError listing the issues", () => {
    const build = () => buildFixture<Events, "a.created">(fixtures, validators, "a.created", { id: 5 as never }, undefined);
    expect(build).toThrow(FixtureBuildError);
    expect(build).toThrow('build("a.created"): the result is not a valid event:\n  - Expected string, received integer at /id\nPass { validate: false }');
    try {
      build();
    } catch (error) {
      expect((error as FixtureBuildError).issues).toMatchObject([{ code: "invalid_type", pointer: "/id" }]);
      expect((error as FixtureBuildError).name).toBe("FixtureBuildError");
    }
  });

  it.each([[{ validate: false }]])("builds an invalid event on purpose with %j", (options) => {
    expect(buildFixture<Events, "a.created">(fixtures, validators, "a.created", { id: undefined }, options)).toEqual({ event: "a.created", tags: ["t"] });
  });

  it.each([["c.unknown"], ["toString"], ["__proto__"]])("refuses the unknown event name %j, listing the known ones", (name) => {
    expect(() => buildFixture<Events, "a.created">(fixtures, validators, name as "a.created", undefined, undefined)).toThrow(
      new TypeError(`build: unknown event ${JSON.stringify(name)}; known: a.created`),
    );
  });
});
