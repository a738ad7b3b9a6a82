import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { isDate, isDateTime, isInt32 } from "../src/model/formats.js";
import type * as Generated from "../generated/src/index.js";
import { DATES, DATE_TIMES, INT32S } from "./support/format-cases.js";
import { KITCHEN_SINK_SPEC, SPEC, generateInto, importFrom, removeTempDirs } from "./support/helpers.js";

let cobrowse: typeof Generated;
let sink: { validateWebhookEvent: typeof Generated.validateWebhookEvent };
let sinkExample: Record<string, any>;

beforeAll(async () => {
  const [cobrowseDir, sinkDir] = await Promise.all([generateInto(SPEC), generateInto(KITCHEN_SINK_SPEC)]);
  cobrowse = await importFrom(path.join(cobrowseDir, "dist/index.js"));
  sink = await importFrom(path.join(sinkDir, "dist/index.js"));
  const sinkFixtures = await importFrom<{ fixtures: Record<string, { example: Record<string, any> }> }>(path.join(sinkDir, "dist/fixtures.js"));
  sinkExample = sinkFixtures.fixtures["sink.everything"]!.example;
});
afterAll(removeTempDirs);

describe("date-time (RFC 3339)", () => {
  it.each(DATE_TIMES)("%j → %s (generator)", (value, valid) => {
    expect(isDateTime(value)).toBe(valid);
  });

  it.each(DATE_TIMES)("%j → %s (generated guard)", (value, valid) => {
    const event = {
      event: "cobrowse.session_started",
      event_ts: 1743483350000,
      payload: { account_id: "a", object: { session_id: "s", start_time: value } },
    };
    const result = cobrowse.validateWebhookEvent(event);
    expect(result.ok).toBe(valid);
    if (!result.ok) expect(result.issues).toMatchObject([{ code: "invalid_format", pointer: "/payload/object/start_time" }]);
    expect(cobrowse.isWebhookEvent(event)).toBe(valid);
  });
});

describe("date (RFC 3339 full-date)", () => {
  it.each(DATES)("%j → %s (generator and generated guard)", (value, valid) => {
    expect(isDate(value)).toBe(valid);
    const event = structuredClone(sinkExample);
    event.payload.day = value;
    expect(sink.validateWebhookEvent(event).ok).toBe(valid);
  });
});

describe("int32", () => {
  it.each(INT32S)("%s → %s (generator and generated guard)", (value, valid) => {
    expect(isInt32(value)).toBe(valid);
    const event = structuredClone(sinkExample);
    event.payload.small = value;
    expect(sink.validateWebhookEvent(event).ok).toBe(valid);
  });
});
