// What many users write by hand today: zod v4 strict objects and a discriminated union on `event`, matching the spec.
import { z } from "zod";

const roleType = z.enum(["customer", "agent"]);
const dateTime = z.iso.datetime({ offset: true });
const envelope = (event, object) =>
  z.strictObject({
    event: z.literal(event),
    event_ts: z.number().int(),
    payload: z.strictObject({ account_id: z.string(), object: z.strictObject(object) }),
  });

export const CobrowseSessionStartedEvent = envelope("cobrowse.session_started", {
  session_id: z.string(),
  start_url: z.string().optional(),
  user_id: z.string().optional(),
  user_name: z.string().optional(),
  role_type: roleType.optional(),
  start_time: dateTime,
});

export const CobrowseSessionUserJoinedEvent = envelope("cobrowse.session_user_joined", {
  session_id: z.string(),
  user_connection_id: z.string(),
  user_id: z.string(),
  user_name: z.string().optional(),
  role_type: roleType.optional(),
  join_time: dateTime,
});

export const CobrowseSessionUserLeftEvent = envelope("cobrowse.session_user_left", {
  session_id: z.string(),
  user_connection_id: z.string(),
  user_id: z.string(),
  user_name: z.string().optional(),
  role_type: roleType.optional(),
  leave_time: dateTime,
  leave_reason: z
    .enum(["Left the session", "Got disconnected from the session", "The session end", "Network connection error", "Unknown reason"])
    .optional(),
});

export const CobrowseSessionEndedEvent = envelope("cobrowse.session_ended", {
  session_id: z.string(),
  session_pin: z.string().optional(),
  user_id: z.string().optional(),
  user_name: z.string().optional(),
  role_type: roleType.optional(),
  start_time: dateTime.optional(),
  end_time: dateTime,
  end_reason: z.enum(["The session ended", "Network connection error", "Unknown reason"]).optional(),
});

export const WebhookEvent = z.discriminatedUnion("event", [
  CobrowseSessionStartedEvent,
  CobrowseSessionUserJoinedEvent,
  CobrowseSessionUserLeftEvent,
  CobrowseSessionEndedEvent,
]);
