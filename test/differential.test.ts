import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ValidateFunction } from "ajv";
import { generate } from "../src/index.js";
import type { SpecModel } from "../src/model/model.js";
import type * as Generated from "../generated/src/index.js";
import { KITCHEN_SINK_SPEC, SPEC, importFrom, removeTempDirs, tempDir } from "./support/helpers.js";
import { mutate, type Mutation } from "./support/mutations.js";
import { compileOracle } from "./support/oracle.js";

type Api = typeof Generated & Record<string, any>;

interface Subject {
  model: SpecModel;
  api: Api;
  oracle: Map<string, ValidateFunction>;
}

const subjects = new Map<string, Subject>();

beforeAll(async () => {
  for (const [name, spec] of [["cobrowse", SPEC], ["kitchen-sink", KITCHEN_SINK_SPEC]] as const) {
    const out = path.join(tempDir(), name);
    const { model } = await generate({ spec, outDir: out });
    subjects.set(name, { model, api: await importFrom<Api>(path.join(out, "dist/index.js")), oracle: compileOracle(model) });
  }
});
afterAll(removeTempDirs);

const pointerOf = (p: readonly (string | number)[]) => p.map((t) => "/" + String(t).replace(/~/g, "~0").replace(/\//g, "~1")).join("");

describe.each(["cobrowse", "kitchen-sink"])("differential: generated guards vs ajv (%s)", (name) => {
  it("every valid example is accepted by both", () => {
    const { model, api, oracle } = subjects.get(name)!;
    for (const event of model.events) {
      for (const example of event.examples) {
        expect(oracle.get(event.name)!(example.value), `${event.name} ${example.key}`).toBe(true);
        expect(api[`validate${event.typeName}`](example.value).ok).toBe(true);
      }
    }
  });

  it("gives the same verdict as ajv on 100% of the mutation corpus, with an issue at the mutated pointer", () => {
    const { model, api, oracle } = subjects.get(name)!;
    const differences: string[] = [];
    let total = 0;
    for (const event of model.events) {
      const validate = api[`validate${event.typeName}`] as (v: unknown, o?: unknown) => Generated.ValidationResult<unknown>;
      const is = api[`is${event.typeName}`] as (v: unknown, o?: unknown) => boolean;
      const ajv = oracle.get(event.name)!;
      const corpus: Mutation[] = event.examples.flatMap((example) => mutate(event.body, example.value));
      corpus.push({ title: "/event: an unknown event name", value: { ...(event.examples[0]?.value as object), event: "cobrowse.session_paused" }, path: ["event"], code: "invalid_enum" });
      for (const mutation of corpus) {
        total++;
        const label = `${event.name} ${mutation.title}`;
        const ours = validate(mutation.value);
        const theirs = ajv(mutation.value);
        expect(is(mutation.value), label).toBe(ours.ok);
        expect(ours.ok, label).toBe(mutation.code === null);
        if (mutation.oracleDiffers) {
          expect(theirs, `${label}: the documented difference no longer holds`).toBe(!ours.ok);
          differences.push(`${label}: ${mutation.oracleDiffers}`);
        } else {
          expect(ours.ok, `${label}: ajv says ${theirs}`).toBe(theirs);
        }
        if (!ours.ok) {
          expect(ours.issues, label).toContainEqual(expect.objectContaining({ pointer: pointerOf(mutation.path), code: mutation.code }));
        }
        // Dispatch through the union gives the same verdict, except for an unknown name, which it reports as such.
        const union = api.validateWebhookEvent(mutation.value);
        if (mutation.title.includes("unknown event name")) {
          expect(union).toMatchObject({ ok: false, issues: [{ code: "unknown_event", pointer: "/event" }] });
        } else if (mutation.path[0] !== "event") {
          expect(union.ok, label).toBe(ours.ok);
        }
        // Reject-mode acceptance implies allow-mode acceptance; an unknown property is the only thing allow forgives.
        const allowed = validate(mutation.value, { unknownProperties: "allow" });
        if (ours.ok) expect(allowed.ok, label).toBe(true);
        if (mutation.code === "unknown_property") {
          expect(allowed, label).toMatchObject({ ok: true, warnings: [{ code: "unknown_property", pointer: pointerOf(mutation.path) }] });
        }
      }
    }
    expect(total).toBeGreaterThan(name === "cobrowse" ? 400 : 150);
    // The documented differences, each with its reason (visible with --reporter=verbose).
    console.info(`${name}: ${total} mutations; documented differences from ajv-formats:\n  ${[...new Set(differences.map((d) => d.replace(/^.*?: date-time /, "")))].join("\n  ")}`);
  });
});
