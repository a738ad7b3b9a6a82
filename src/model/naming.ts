import { createHash } from "node:crypto";

/**
 * The one naming function: every identifier the generator writes comes from here, so the rules (and their collision
 * handling) live in one place.
 */

const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await any boolean never number object " +
    "string symbol undefined unknown bigint"
  ).split(" "),
);

/**
 * The names the generated files declare for every spec (the per-event and per-shape names aside). With the runtime's
 * exports (read from its build: see load-runtime.ts), they are what an event's or a shape's name must avoid.
 */
export const GENERATED_EXPORTS: readonly string[] = [
  // types.ts
  "WebhookEvent",
  "WebhookEventName",
  "WebhookEventMap",
  "webhookEventNames",
  // guards.ts
  "isWebhookEvent",
  "validateWebhookEvent",
  "parseWebhookEvent",
  // schemas.ts
  "WebhookSchemas",
  "createSchemas",
  "schemas",
  // receiver.ts
  "WebhookHandlers",
  "WebhookHandlerOptions",
  "createWebhookHandler",
  // fixtures.ts
  "fixtures",
  "invalidFixtures",
  "build",
];

/** Splits a name like `cobrowse.session_user-joined` or `sessionStarted` into words. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * The longest identifier made from a name (suffix included). TypeScript has no limit, but an identifier of thousands
 * of characters, repeated in every guard, builder and doc line, makes the package unreadable and large.
 */
export const MAX_IDENTIFIER_LENGTH = 128;

/**
 * The longest file or folder name made from a name (ASCII, so as many bytes): well under the 255 bytes file systems
 * allow per path segment, leaving room for the package's own folders around it.
 */
export const MAX_FILE_NAME_LENGTH = 100;

/** Eight hex digits of the SHA-256 of `text`: the same on every machine, and different for different long names. */
function shortHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);
}

/**
 * `made` (made from `name`) if it is at most `max` characters, otherwise a readable prefix of it and a short hash of
 * the full `name`, joined by `separator`, in `max` characters.
 */
export function shortenName(made: string, name: string, max: number, separator = "-"): string {
  if (made.length <= max) return made;
  const hash = shortHash(name);
  return `${made.slice(0, max - hash.length - separator.length)}${separator}${hash}`;
}

/**
 * `cobrowse.session_started` + `Event` → `CobrowseSessionStartedEvent`. Always a valid TS identifier, at most
 * MAX_IDENTIFIER_LENGTH characters (a longer one keeps its start and the suffix, with a hash of the name between).
 */
export function toPascalIdentifier(name: string, suffix = ""): string {
  const words = splitWords(name);
  const pascal = words.length === 0 ? "Unnamed" : words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  let id = shortenName(pascal, name, MAX_IDENTIFIER_LENGTH - suffix.length - 1, "_") + suffix;
  if (/^[0-9]/.test(id)) id = "_" + id;
  if (RESERVED_WORDS.has(id)) id = "_" + id;
  return id;
}

/**
 * A name a names.json may give a type: an identifier of the kind toPascalIdentifier makes (a numeric suffix
 * included), so that a hand-edited file cannot put arbitrary text into the generated code.
 */
export function isRecordedIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name.length <= MAX_IDENTIFIER_LENGTH + 10 && !RESERVED_WORDS.has(name);
}

/**
 * Names every event's type, deterministically: names are assigned in code-point order of the event names, and a
 * name already taken (by an earlier event or a fixed export of the package) gets the smallest free numeric suffix.
 */
export function assignEventTypeNames(
  eventNames: readonly string[],
  reserved: ReadonlySet<string>,
  /** In a package of several products: the prefix (ProductModel.typePrefix) tried before a number. */
  productPrefixOf?: (event: string) => string | undefined,
  previous?: ReadonlyMap<string, string>,
): { names: Map<string, string>; collisions: { event: string; wanted: string; given: string }[] } {
  const taken = new Set(reserved);
  const names = new Map<string, string>();
  const collisions: { event: string; wanted: string; given: string }[] = [];
  const isTaken = (name: string) => taken.has(name) || taken.has(`is${name}`) || taken.has(`validate${name}`);
  const sorted = [...eventNames].sort(compareCodePoints);
  // A previous run's name first (if it is one this function could give the event): a new event that sorts before
  // a colliding one must not take its name.
  for (const event of previous === undefined ? [] : sorted) {
    const wanted = toPascalIdentifier(event, "Event");
    const prefix = productPrefixOf?.(event);
    const recorded = previous!.get(event);
    const couldGive = (base: string) => recorded !== undefined && recorded.startsWith(base) && /^(?:[1-9]\d*)?$/.test(recorded.slice(base.length));
    if (recorded === undefined || !(couldGive(wanted) || (prefix !== undefined && couldGive(toPascalIdentifier(`${prefix} ${event}`, "Event")))) || isTaken(recorded)) continue;
    if (recorded !== wanted) collisions.push({ event, wanted, given: recorded });
    taken.add(recorded);
    names.set(event, recorded);
  }
  for (const event of sorted) {
    if (names.has(event)) continue;
    const wanted = toPascalIdentifier(event, "Event");
    const prefix = productPrefixOf?.(event);
    let given = isTaken(wanted) && prefix !== undefined ? toPascalIdentifier(`${prefix} ${event}`, "Event") : wanted;
    const base = given;
    for (let n = 2; isTaken(given); n++) given = `${base}${n}`;
    if (given !== wanted) collisions.push({ event, wanted, given });
    taken.add(given);
    names.set(event, given);
  }
  collisions.sort((a, b) => compareCodePoints(a.event, b.event));
  return { names, collisions };
}

/** A semver 2.0.0 version (what npm accepts as a package's `version`): `1.2.3`, `1.2.3-beta.1`, `1.2.3+build.7`. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function isPackageVersion(version: unknown): version is string {
  return typeof version === "string" && version.length <= 256 && SEMVER.test(version);
}

/** The npm package name for a spec title: `Cobrowse SDK` → `cobrowse-sdk-webhooks`. */
export function toPackageName(title: string): string {
  const slug = splitWords(title)
    .map((w) => w.toLowerCase())
    .join("-");
  // npm allows 214 characters.
  return `${shortenName(slug, title, MAX_FILE_NAME_LENGTH) || "zoom"}-webhooks`;
}

/** Subpaths and folders of the package itself, which no product may be named (a product gets `<name>-events`). */
const RESERVED_PRODUCT_NAMES = new Set(["dist", "src", "runtime", "fixtures", "schemas", "index", "types", "guards", "receiver", "package.json", "names"]);

/** A product name given in a config: lowercase kebab-case, since it names a subpath and a folder. */
export const PRODUCT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Whether a product name is one of the package's own subpaths or folders. */
export function isReservedProductName(name: string): boolean {
  return RESERVED_PRODUCT_NAMES.has(name);
}

/**
 * The product name (subpath and folder) for a spec title: `Video SDK` → `video-sdk`. Always matches PRODUCT_NAME, is
 * at most 64 characters (a longer one keeps its start and a hash of the title), and is never one of the package's
 * own folders.
 */
export function toProductName(title: string): string {
  let slug = splitWords(title)
    .map((w) => w.toLowerCase())
    .join("-");
  if (!/^[a-z]/.test(slug)) slug = `product${slug === "" ? "" : "-"}${slug}`;
  slug = shortenName(slug, title, 64);
  return isReservedProductName(slug) ? `${slug}-events` : slug;
}

/** Locale-independent ordering, so output does not depend on the machine's language settings. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A folder name for each event's fixtures: the event name where it is a safe file name (Zoom's are), otherwise its
 * unsafe characters replaced; never `.`/`..`, at most MAX_FILE_NAME_LENGTH characters (a longer name keeps its start
 * and a hash of the full name), unique in any case (case-insensitive file systems included). The name is also the
 * event's `schemas/<name>.json`, beside `schemas/index.json`: never `index`.
 */
export function assignFileNames(eventNames: readonly string[]): Map<string, string> {
  const taken = new Set<string>(["index"]);
  const names = new Map<string, string>();
  for (const event of [...eventNames].sort(compareCodePoints)) {
    let base = shortenName(event.replace(/[^A-Za-z0-9._-]/g, "_"), event, MAX_FILE_NAME_LENGTH - 4);
    if (base === "" || /^\.+$/.test(base)) base = `_${base}`;
    let given = base;
    for (let n = 2; taken.has(given.toLowerCase()); n++) given = `${base}-${n}`;
    taken.add(given.toLowerCase());
    names.set(event, given);
  }
  return names;
}
