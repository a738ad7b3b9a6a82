import { describe, expect, it } from "vitest";
import { loadRuntime } from "../src/load/load-runtime.js";
import { GENERATED_EXPORTS, assignEventTypeNames, compareCodePoints, splitWords, toPackageName, toPascalIdentifier } from "../src/model/naming.js";

/** What generation reserves: the names the generated files declare and every runtime export. */
const reserved = new Set([...GENERATED_EXPORTS, ...(await loadRuntime()).exportNames]);

describe("toPascalIdentifier", () => {
  it.each([
    ["cobrowse.session_started", "Event", "CobrowseSessionStartedEvent"],
    ["cobrowse.session_user_joined", "Event", "CobrowseSessionUserJoinedEvent"],
    ["cobrowse.session_user_left", "Event", "CobrowseSessionUserLeftEvent"],
    ["cobrowse.session_ended", "Event", "CobrowseSessionEndedEvent"],
    ["meeting.participant_jbh_waiting", "Event", "MeetingParticipantJbhWaitingEvent"],
    ["endpoint.url_validation", "Event", "EndpointUrlValidationEvent"],
    ["user.presence_status_updated", "", "UserPresenceStatusUpdated"],
    ["recordingCompleted", "Event", "RecordingCompletedEvent"],
    ["HTTPRequest.sent", "Event", "HTTPRequestSentEvent"],
    ["phone-call--ended", "Event", "PhoneCallEndedEvent"],
    ["2fa.enabled", "Event", "_2faEnabledEvent"],
    ["...", "Event", "UnnamedEvent"],
    ["", "", "Unnamed"],
    ["string", "", "String"],
    ["class", "", "Class"],
  ])("%j + %j → %s", (name, suffix, expected) => {
    expect(toPascalIdentifier(name, suffix)).toBe(expected);
  });

  it("always returns a valid identifier", () => {
    for (const name of ["a b", "ä.ö", "1", "x-1.y_2", "$weird", "\u{1F600}"]) {
      expect(toPascalIdentifier(name, "Event")).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    }
  });
});

describe("assignEventTypeNames", () => {
  it.each([
    {
      title: "distinct names are kept",
      events: ["b.two", "a.one"],
      names: { "a.one": "AOneEvent", "b.two": "BTwoEvent" },
      collisions: 0,
    },
    {
      title: "colliding names: first in code-point order keeps the name, the next gets 2",
      events: ["session.user_left", "session.user-left", "session.userLeft"],
      names: { "session.user-left": "SessionUserLeftEvent", "session.userLeft": "SessionUserLeftEvent2", "session.user_left": "SessionUserLeftEvent3" },
      collisions: 2,
    },
    {
      title: "a name reserved by the package's own exports is not taken",
      events: ["webhook"],
      names: { webhook: "WebhookEvent2" },
      collisions: 1,
    },
    {
      title: "nor one the runtime exports",
      events: ["unknown.webhook"],
      names: { "unknown.webhook": "UnknownWebhookEvent2" },
      collisions: 1,
    },
  ])("$title", ({ events, names, collisions }) => {
    const result = assignEventTypeNames(events, reserved);
    expect(Object.fromEntries(result.names)).toEqual(names);
    expect(result.collisions).toHaveLength(collisions);
  });

  it("does not depend on input order", () => {
    const a = assignEventTypeNames(["x.a_b", "x.a-b", "x.aB"], reserved);
    const b = assignEventTypeNames(["x.aB", "x.a_b", "x.a-b"], reserved);
    expect(Object.fromEntries(a.names)).toEqual(Object.fromEntries(b.names));
  });
});

describe("other naming helpers", () => {
  it.each([
    ["Cobrowse SDK", "cobrowse-sdk-webhooks"],
    ["Video SDK", "video-sdk-webhooks"],
    ["Team Chat", "team-chat-webhooks"],
    ["", "zoom-webhooks"],
  ])("toPackageName(%j) = %s", (title, expected) => {
    expect(toPackageName(title)).toBe(expected);
  });

  it.each([
    ["cobrowse.session_started", ["cobrowse", "session", "started"]],
    ["userPresenceStatus", ["user", "Presence", "Status"]],
    ["", []],
  ])("splitWords(%j)", (name, words) => {
    expect(splitWords(name)).toEqual(words);
  });

  it("orders by code point, not locale", () => {
    expect(["b", "a", "B", "é", "e"].sort(compareCodePoints)).toEqual(["B", "a", "b", "e", "é"]);
  });
});
