import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createSchemas, schemas, type CobrowseSessionStartedEvent, type WebhookEvent } from "../generated/dist/index.js";
import { fixtures } from "../generated/dist/fixtures.js";

/** Accepts only what the official Standard Schema types accept: a compile-time check of the generated objects. */
function asStandard<S extends StandardSchemaV1>(schema: S): S {
  return schema;
}

async function run<T>(schema: StandardSchemaV1<T, T>, value: unknown, options?: StandardSchemaV1.Options) {
  return schema["~standard"].validate(value, options);
}

describe("Standard Schema v1 interop", () => {
  it("every schema satisfies the official StandardSchemaV1 type, with the right inferred output", () => {
    const any = asStandard(schemas.WebhookEvent);
    const started = asStandard(schemas.CobrowseSessionStartedEvent);
    expectTypeOf<StandardSchemaV1.InferOutput<typeof any>>().toEqualTypeOf<WebhookEvent>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof started>>().toEqualTypeOf<CobrowseSessionStartedEvent>();
    expectTypeOf<StandardSchemaV1.InferInput<typeof started>>().toEqualTypeOf<CobrowseSessionStartedEvent>();
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema["~standard"], name).toMatchObject({ version: 1, vendor: "cobrowse-gen", validate: expect.any(Function) });
    }
    expect(Object.keys(schemas).sort()).toEqual(
      ["WebhookEvent", "CobrowseSessionEndedEvent", "CobrowseSessionStartedEvent", "CobrowseSessionUserJoinedEvent", "CobrowseSessionUserLeftEvent"].sort(),
    );
  });

  it("returns { value } for a valid event and { issues } with message and path otherwise", async () => {
    const example = fixtures["cobrowse.session_started"].example!;
    expect(await run(schemas.WebhookEvent, example)).toEqual({ value: example });
    expect(await run(schemas.CobrowseSessionStartedEvent, example)).toEqual({ value: example });
    const failure = await run(schemas.CobrowseSessionEndedEvent, example);
    expect(failure.issues?.length).toBeGreaterThan(0);
    for (const issue of failure.issues ?? []) {
      expect(typeof issue.message).toBe("string");
      expect(Array.isArray(issue.path)).toBe(true);
    }
    const bad = await run(schemas.WebhookEvent, { ...example, payload: { ...example.payload, object: { ...example.payload.object, start_time: "soon" } } });
    expect(bad.issues).toMatchObject([{ path: ["payload", "object", "start_time"], message: expect.stringMatching(/date-time/) }]);
  });

  it("takes the unknown-property mode from createSchemas and from libraryOptions", async () => {
    const withExtra = { ...fixtures["cobrowse.session_ended"].example!, zoom_added_this: 1 };
    expect((await run(schemas.WebhookEvent, withExtra)).issues).toMatchObject([{ path: ["zoom_added_this"] }]);
    expect(await run(createSchemas({ unknownProperties: "allow" }).WebhookEvent, withExtra)).toEqual({ value: withExtra });
    expect(await run(schemas.WebhookEvent, withExtra, { libraryOptions: { unknownProperties: "allow" } })).toEqual({ value: withExtra });
    expect((await run(createSchemas({ unknownProperties: "allow" }).WebhookEvent, withExtra, { libraryOptions: { unknownProperties: "reject" } })).issues).toHaveLength(1);
  });
});
