import { describe, expectTypeOf, it } from "vitest";
import { createWebhookHandler, type CobrowseSessionEndedEvent, type CobrowseSessionStartedEvent, type WebhookEvent } from "../generated/dist/index.js";

/** Type-level tests: `npm run typecheck` fails if an @ts-expect-error line stops being an error. */
describe("receiver types", () => {
  it("gives each handler its exact event type, and rejects unknown event names", () => {
    const make = () =>
      createWebhookHandler({
        secret: "s",
        on: {
          "cobrowse.session_started": (event) => expectTypeOf(event).toEqualTypeOf<CobrowseSessionStartedEvent>(),
          "cobrowse.session_ended": (event) => {
            expectTypeOf(event).toEqualTypeOf<CobrowseSessionEndedEvent>();
            // @ts-expect-error: an ended event has no join_time
            return event.payload.object.join_time;
          },
        },
        onAny: (event) => expectTypeOf(event).toEqualTypeOf<WebhookEvent>(),
      });
    const wrongName = () =>
      createWebhookHandler({
        secret: "s",
        on: {
          // @ts-expect-error: not an event of this spec
          "cobrowse.session_paused": () => undefined,
        },
      });
    const wrongType = () =>
      createWebhookHandler({
        secret: "s",
        on: {
          // @ts-expect-error: the started handler cannot take an ended event
          "cobrowse.session_started": (event: CobrowseSessionEndedEvent) => event,
        },
      });
    expectTypeOf(make).returns.toHaveProperty("fetch");
    expectTypeOf(wrongName).toBeFunction();
    expectTypeOf(wrongType).toBeFunction();
  });
});
