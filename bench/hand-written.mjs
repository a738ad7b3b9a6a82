// The practical limit: a careful hand-written, straight-line guard for exactly the same checks as the generated one
// (types, required, enums, RFC 3339 date-time, integer event_ts, closed objects, own properties only).
const hasOwn = Object.prototype.hasOwnProperty;

// A careful human skips the regex too: a regex match array costs more than the rest of the guard.
const d = (s, i) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100;
};
const dd = (s, i) => d(s, i) * 10 + d(s, i + 1);

function isDateTime(s) {
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = dd(s, 0) * 100 + dd(s, 2), mo = dd(s, 5), day = dd(s, 8);
  if (dd(s, 0) < 0 || dd(s, 2) < 0 || mo < 1 || mo > 12 || day < 1) return false;
  const dim = mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  const t = s.charCodeAt(10);
  if (day > dim || (t !== 84 && t !== 116) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const h = dd(s, 11), mi = dd(s, 14), sec = dd(s, 17);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    const from = ++i;
    while (i < s.length && d(s, i) >= 0) i++;
    if (i === from) return false;
  }
  const z = s.charCodeAt(i);
  let off = 0;
  if (z === 90 || z === 122) {
    if (i + 1 !== s.length) return false;
  } else if (z === 43 || z === 45) {
    const oh = dd(s, i + 1), om = dd(s, i + 4);
    if (i + 6 !== s.length || s.charCodeAt(i + 3) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59) return false;
    off = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else return false;
  return sec !== 60 || ((((h * 60 + mi - off) % 1440) + 1440) % 1440) === 1439;
}

const OP = Object.prototype;
// Plain or null-prototype objects only (a class instance or Object.create(x) could inherit required fields).
const isObj = (v) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === OP || p === null;
};
// Own properties only: a plain load, double-checked only if Object.prototype itself answered it.
const own = (o, k) => {
  const v = o[k];
  return v !== undefined && v === OP[k] && !hasOwn.call(o, k) ? undefined : v;
};
const optString = (v) => v === undefined || typeof v === "string";
const optRole = (v) => v === undefined || v === "customer" || v === "agent";
const has = (v) => (v === undefined ? 0 : 1);

// Closed object: no more own keys than the known ones present; else look key by key.
function closed(o, keys, present) {
  let n = 0;
  for (const k in o) n++;
  if (n === present) return true;
  for (const k in o) if (!keys.has(k) && hasOwn.call(o, k)) return false;
  return true;
}

const ROOT = new Set(["event", "event_ts", "payload"]);
const PAYLOAD = new Set(["account_id", "object"]);
const STARTED = new Set(["session_id", "start_url", "user_id", "user_name", "role_type", "start_time"]);
const JOINED = new Set(["session_id", "user_connection_id", "user_id", "user_name", "role_type", "join_time"]);
const LEFT = new Set(["session_id", "user_connection_id", "user_id", "user_name", "role_type", "leave_time", "leave_reason"]);
const ENDED = new Set(["session_id", "session_pin", "user_id", "user_name", "role_type", "start_time", "end_time", "end_reason"]);
const LEAVE_REASONS = new Set(["Left the session", "Got disconnected from the session", "The session end", "Network connection error", "Unknown reason"]);
const END_REASONS = new Set(["The session ended", "Network connection error", "Unknown reason"]);

function envelope(v) {
  if (!isObj(v) || !Number.isInteger(own(v, "event_ts")) || !closed(v, ROOT, 3)) return undefined;
  const p = own(v, "payload");
  if (!isObj(p) || typeof own(p, "account_id") !== "string" || !closed(p, PAYLOAD, 2)) return undefined;
  const o = own(p, "object");
  return isObj(o) ? o : undefined;
}

export function isWebhookEventByHand(v) {
  const o = envelope(v);
  if (o === undefined) return false;
  const sessionId = own(o, "session_id"), userName = own(o, "user_name"), role = own(o, "role_type"), userId = own(o, "user_id");
  if (typeof sessionId !== "string" || !optString(userName) || !optRole(role)) return false;
  switch (own(v, "event")) {
    case "cobrowse.session_started": {
      const url = own(o, "start_url"), start = own(o, "start_time");
      return optString(url) && optString(userId) && typeof start === "string" && isDateTime(start) && closed(o, STARTED, 2 + has(url) + has(userId) + has(userName) + has(role));
    }
    case "cobrowse.session_user_joined": {
      const conn = own(o, "user_connection_id"), join = own(o, "join_time");
      return typeof conn === "string" && typeof userId === "string" && typeof join === "string" && isDateTime(join) && closed(o, JOINED, 4 + has(userName) + has(role));
    }
    case "cobrowse.session_user_left": {
      const conn = own(o, "user_connection_id"), leave = own(o, "leave_time"), reason = own(o, "leave_reason");
      return typeof conn === "string" && typeof userId === "string" && typeof leave === "string" && isDateTime(leave) && (reason === undefined || LEAVE_REASONS.has(reason)) && closed(o, LEFT, 4 + has(userName) + has(role) + has(reason));
    }
    case "cobrowse.session_ended": {
      const pin = own(o, "session_pin"), start = own(o, "start_time"), end = own(o, "end_time"), reason = own(o, "end_reason");
      return optString(pin) && optString(userId) && (start === undefined || (typeof start === "string" && isDateTime(start))) && typeof end === "string" && isDateTime(end) && (reason === undefined || END_REASONS.has(reason)) && closed(o, ENDED, 2 + has(pin) + has(userId) + has(userName) + has(role) + has(start) + has(reason));
    }
    default:
      return false;
  }
}
