import { describe, expect, it } from "vitest";
import { loadRuntime } from "../src/load/load-runtime.js";
import { createHash } from "node:crypto";
import { GENERATED_EXPORTS, MAX_FILE_NAME_LENGTH, MAX_IDENTIFIER_LENGTH, assignEventTypeNames, assignFileNames, compareCodePoints, splitWords, toPackageName, toPascalIdentifier } from "../src/model/naming.js";

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

  it.each([
    {
      title: "a new event sorted before a colliding one does not take its recorded name",
      events: ["session.user-left", "session.user_left"],
      previous: { "session.user_left": "SessionUserLeftEvent" },
      names: { "session.user_left": "SessionUserLeftEvent", "session.user-left": "SessionUserLeftEvent2" },
    },
    {
      title: "a recorded numbered name is kept though the first is free now",
      events: ["session.user_left"],
      previous: { "session.user_left": "SessionUserLeftEvent2" },
      names: { "session.user_left": "SessionUserLeftEvent2" },
    },
    {
      title: "a recorded name this event could not have (hand-edited) is ignored",
      events: ["session.user_left", "a.b"],
      previous: { "session.user_left": "ABEvent", "a.b": "Whatever" },
      names: { "session.user_left": "SessionUserLeftEvent", "a.b": "ABEvent" },
    },
    {
      title: "a recorded name that is reserved now is given up",
      events: ["webhook"],
      previous: { webhook: "WebhookEvent" },
      names: { webhook: "WebhookEvent2" },
    },
  ])("with recorded names: $title", ({ events, previous, names }) => {
    const result = assignEventTypeNames(events, reserved, undefined, new Map(Object.entries(previous)));
    expect(Object.fromEntries(result.names)).toEqual(names);
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

describe("long names (issue 12, item 7)", () => {
  const long = (c: string, n = 5000) => c.repeat(n);
  it.each([
    { title: "a 5,000-character event name", names: [long("a")] },
    { title: "two long names that differ only at the end", names: [`${long("a")}x`, `${long("a")}y`] },
    { title: "two long names that differ only in case at the end", names: [`${long("a")}B`, `${long("a")}b`] },
    { title: "long names of unsafe characters", names: [long("é"), long("/")] },
  ])("$title: fixture folders are short, unique in any case, and stable", ({ names }) => {
    const files = assignFileNames(names);
    const given = names.map((n) => files.get(n)!);
    for (const name of given) {
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
      expect(name).toMatch(/^[A-Za-z0-9._-]+-[0-9a-f]{8}$/);
    }
    expect(new Set(given.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(Object.fromEntries(assignFileNames([...names].reverse()))).toEqual(Object.fromEntries(files));
  });

  it("no event's file name is index (schemas/index.json is every event's schema)", () => {
    expect(Object.fromEntries(assignFileNames(["index", "Index", "index-2", "indexes"]))).toEqual({ Index: "Index-2", index: "index-3", "index-2": "index-2-2", indexes: "indexes" });
  });

  it("a short name is kept as it is", () => {
    const name = "workspace.reservation_questionnaire_response_created";
    expect(assignFileNames([name]).get(name)).toBe(name);
    expect(toPascalIdentifier(name, "Event")).toBe("WorkspaceReservationQuestionnaireResponseCreatedEvent");
  });

  it.each([
    [long("a"), "Event"],
    [`${long("a")}.b`, "Event"],
    [long("9"), ""],
  ])("a long name's identifier keeps a readable start, the suffix and a hash (%#)", (name, suffix) => {
    const id = toPascalIdentifier(name, suffix);
    expect(id.length).toBeLessThanOrEqual(MAX_IDENTIFIER_LENGTH);
    expect(id).toMatch(new RegExp(`^_?[A-Za-z0-9]+_[0-9a-f]{8}${suffix}$`));
    expect(toPascalIdentifier(name, suffix)).toBe(id);
  });

  it("long names that differ only at the end get different identifiers", () => {
    expect(toPascalIdentifier(`${long("a")}.x`)).not.toBe(toPascalIdentifier(`${long("a")}.y`));
  });

  it("the hash is of the full name, the same on every machine", () => {
    // sha256("a" × 5000) begins c526c622: a change here renames every long name's files and types.
    expect(assignFileNames([long("a")]).get(long("a"))).toBe(`${long("a", MAX_FILE_NAME_LENGTH - 13)}-${createHash("sha256").update(long("a")).digest("hex").slice(0, 8)}`);
  });

  it("a long title gives a package name npm accepts (at most 214 characters)", () => {
    expect(toPackageName(long("Title ", 1000)).length).toBeLessThanOrEqual(214);
  });
});
