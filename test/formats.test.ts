import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { isDate, isDateTime, isInt32 } from "../src/model/formats.js";
import type * as Generated from "../generated/src/index.js";
import { KITCHEN_SINK_SPEC, SPEC, generateInto, importFrom, removeTempDirs } from "./support/helpers.js";


/** One table, run through the generator's own rules and through the emitted guards. */
const DATE_TIMES: [string, boolean][] = [
  ["2025-04-01T12:22:26Z", true],
  ["2025-04-01T12:22:26.123Z", true],
  ["2025-04-01T12:22:26+05:30", true],
  ["2025-04-01T12:22:26-00:00", true],
  ["2025-04-01t12:22:26z", true],
  ["2024-02-29T00:00:00Z", true],
  ["2000-02-29T00:00:00Z", true],
  ["1900-02-29T00:00:00Z", false],
  ["2025-02-29T00:00:00Z", false],
  ["2025-04-31T00:00:00Z", false],
  ["2025-13-01T00:00:00Z", false],
  ["2025-00-10T00:00:00Z", false],
  ["2025-04-00T00:00:00Z", false],
  ["2025-04-01T24:00:00Z", false],
  ["2025-04-01T23:60:00Z", false],
  ["2016-12-31T23:59:60Z", true],
  ["2016-12-31T18:59:60-05:00", true],
  ["2016-12-31T23:58:60Z", false],
  ["2025-04-01T12:22:26", false],
  ["2025-04-01 12:22:26", false],
  ["2025-04-01 12:22:26Z", false],
  ["2025-04-01T12:22Z", false],
  ["2025-04-01T12:22:26+0530", false],
  ["2025-04-01T12:22:26+24:00", false],
  ["2025-04-01T12:22:26.Z", false],
  ["2025-04-01", false],
  ["", false],
  [" 2025-04-01T12:22:26Z", false],
  ["2025-04-01T12:22:26Z\n", false],
  ["\u0662025-04-01T12:22:26Z", false],
];

const DATES: [string, boolean][] = [
  ["2025-04-01", true],
  ["2024-02-29", true],
  ["2023-02-29", false],
  ["2025-4-1", false],
  ["2025-04-01T00:00:00Z", false],
  ["", false],
];

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
  it.each([
    [0, true],
    [-2147483648, true],
    [2147483647, true],
    [2147483648, false],
    [-2147483649, false],
    [1.5, false],
  ])("%s → %s (generator and generated guard)", (value, valid) => {
    expect(isInt32(value)).toBe(valid);
    const event = structuredClone(sinkExample);
    event.payload.small = value;
    expect(sink.validateWebhookEvent(event).ok).toBe(valid);
  });
});
