import { describe, expectTypeOf, it } from "vitest";
import { build, buildCobrowseSessionEndedEvent, type DeepPartial } from "../generated/dist/fixtures.js";
import type { CobrowseSessionEndedEvent, CobrowseSessionStartedEvent } from "../generated/dist/index.js";

/** Type-level tests: `npm run typecheck` fails if an @ts-expect-error line stops being an error. */
describe("builder types", () => {
  it("returns the exact event type and accepts typed, partial overrides", () => {
    expectTypeOf(build("cobrowse.session_started")).toEqualTypeOf<CobrowseSessionStartedEvent>();
    expectTypeOf(buildCobrowseSessionEndedEvent({ payload: { object: { end_reason: "Unknown reason" } } })).toEqualTypeOf<CobrowseSessionEndedEvent>();
    expectTypeOf<DeepPartial<CobrowseSessionEndedEvent>["payload"]>().toMatchTypeOf<{ account_id?: string | undefined } | undefined>();
  });

  it("rejects what the schema rejects", () => {
    const typeChecksOnly = (run: () => unknown) => run;
    typeChecksOnly(() => {
      // @ts-expect-error: not an event name
      build("cobrowse.session_paused", {});
      // @ts-expect-error: "admin" is not a role_type
      build("cobrowse.session_started", { payload: { object: { role_type: "admin" } } });
      // @ts-expect-error: event_ts is a number
      buildCobrowseSessionEndedEvent({ event_ts: "now" });
      // @ts-expect-error: the event of an ended event cannot be another name
      buildCobrowseSessionEndedEvent({ event: "cobrowse.session_started" });
      // @ts-expect-error: unknown property in overrides
      build("cobrowse.session_started", { payload: { object: { unknown_field: 1 } } });
      return undefined;
    });
  });
});
