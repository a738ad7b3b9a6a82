import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ValidateFunction } from "ajv";
import { generate } from "../src/index.js";
import type { EventModel } from "../src/model/model.js";
import type * as Generated from "../generated/src/index.js";
import { KITCHEN_SINK_SPEC, SPEC, importFrom, removeTempDirs, tempDir } from "./support/helpers.js";
import { clone } from "./support/mutations.js";
import { compileOracle } from "./support/oracle.js";

type Api = typeof Generated & Record<string, any>;
let cobrowse: Api;
let sink: Api;
let events: readonly EventModel[];
let oracle: Map<string, ValidateFunction>;

beforeAll(async () => {
  const [a, b] = [path.join(tempDir(), "cobrowse"), path.join(tempDir(), "sink")];
  const built = await generate({ spec: SPEC, outDir: a });
  await generate({ spec: KITCHEN_SINK_SPEC, outDir: b });
  events = built.model.events;
  oracle = compileOracle(built.model);
  cobrowse = await importFrom<Api>(path.join(a, "dist/index.js"));
  sink = await importFrom<Api>(path.join(b, "dist/index.js"));
});
afterAll(removeTempDirs);

const RUNS = { numRuns: 400 };

/** The invariants every guard keeps on every input. */
function checkInvariants(api: Api, typeNames: string[], value: unknown): void {
  for (const mode of ["reject", "allow"] as const) {
    const options = { unknownProperties: mode };
    const union = api.validateWebhookEvent(value, options);
    expect(api.isWebhookEvent(value, options)).toBe(union.ok);
    for (const typeName of typeNames) {
      const result = api[`validate${typeName}`](value, options);
      expect(api[`is${typeName}`](value, options)).toBe(result.ok);
      if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
    }
  }
  for (const typeName of typeNames) {
    if (api[`validate${typeName}`](value).ok) expect(api[`validate${typeName}`](value, { unknownProperties: "allow" }).ok).toBe(true);
  }
}

describe("property: the guards never throw and agree with themselves", () => {
  it("on arbitrary JSON values", () => {
    const names = events.map((e) => e.typeName);
    fc.assert(fc.property(fc.jsonValue(), (value) => checkInvariants(cobrowse, names, value)), RUNS);
  });

  it("on arbitrary JavaScript values (symbols, functions, bigints, sparse arrays, null prototypes, ...)", () => {
    const names = events.map((e) => e.typeName);
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }), (value) =>
        checkInvariants(cobrowse, names, value),
      ),
      RUNS,
    );
  });

  it("on the kitchen-sink guards (arrays, nullable, prototype-named keys)", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => checkInvariants(sink, ["SinkEverythingEvent", "SinkOpenEvent"], value)), RUNS);
  });

  it("parseWebhookEvent on arbitrary strings and bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.uint8Array({ maxLength: 200 }), fc.json()), (body) => {
        const result = cobrowse.parseWebhookEvent(body);
        if (!result.ok) expect(result.issues[0]!.code).toMatch(/^(invalid_json|invalid_type|missing_property|unknown_event)$/);
      }),
      RUNS,
    );
  });
});

/** Every path into a value: the places a mutation can replace, delete or add at. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) paths.push(...pathsOf(child, [...prefix, key]));
  }
  return paths;
}

type Edit = { kind: "set"; at: number; value: unknown } | { kind: "delete"; at: number } | { kind: "add"; at: number; key: string; value: unknown };

function applyEdits(valid: unknown, edits: Edit[]): unknown {
  let value = clone(valid);
  for (const edit of edits) {
    const paths = pathsOf(value);
    const target = paths[edit.at % paths.length]!;
    if (target.length === 0) {
      if (edit.kind === "set") value = edit.value;
      continue;
    }
    const parent = target.slice(0, -1).reduce<any>((node, key) => node[key], value);
    const key = target[target.length - 1]!;
    if (edit.kind === "set") Object.defineProperty(parent, key, { value: edit.value, enumerable: true, writable: true, configurable: true });
    if (edit.kind === "delete") delete parent[key];
    if (edit.kind === "add" && typeof parent[key] === "object" && parent[key] !== null && !Array.isArray(parent[key])) {
      Object.defineProperty(parent[key], edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return value;
}

const leafValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("2025-04-01T12:22:26Z", "customer", "agent", "Left the session", 1743483350000, -0, 2 ** 53 + 2));
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: leafValue }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("add" as const), at: fc.nat(), key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "toString", "constructor", "event")), value: leafValue }),
);

describe("property: arbitrary mutations of valid events", () => {
  it("the guard's verdict equals ajv's, the guards agree with themselves, and never throw", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 }), (pick, edits) => {
        const event = events[pick % events.length]!;
        const value = applyEdits(event.examples[0]!.value, edits);
        const ours = cobrowse[`validate${event.typeName}`](value);
        expect(ours.ok).toBe(oracle.get(event.name)!(value));
        checkInvariants(cobrowse, [event.typeName], value);
      }),
      { numRuns: 2000 },
    );
  });
});
