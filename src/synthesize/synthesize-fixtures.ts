import { CobrowseGenError, type Diagnostic } from "../errors.js";
import { checkValue, unionVariantFor, acceptedClasses } from "../model/check-value.js";
import { isDateTime } from "../model/formats.js";
import { cloneJson, deleteAt, setAt } from "./edit-json.js";
import { joinPointer, pointerFromPath } from "../model/json-pointer.js";
import { MAX_FILE_NAME_LENGTH, shortenName } from "../model/naming.js";
import { FixtureTooLarge, LIMIT_HINT, MAX_ARRAY_ITEMS, MAX_FIXTURE_SIZE, MAX_SPEC_FIXTURES_SIZE, MAX_STRING_LENGTH } from "./fixture-limits.js";
import { FIXTURE_ORDER, KEYWORDS, type SynthesisContext } from "../keywords/index.js";
import { MAX_TYPED_ENUM_VALUES, type EventModel, type ObjectSchema, type SchemaNode, type SpecModel } from "../model/model.js";

/**
 * Synthesizes sample events from the model: `minimal`, `full`, enum-covering variants and a labelled catalogue of
 * invalid events. Deterministic: every random choice comes from a PRNG seeded by names, never by time or machine.
 *
 * Values are meant to read like real events: strings with an example in the spec take the example's shape (ids get
 * fresh characters of the same classes and length; other strings are reused), times of one event describe the same
 * instant as its `event_ts`, a session's start precedes its end, URLs are URLs.
 */

export interface FixturesModel {
  /** Only the required properties. */
  readonly minimal: unknown;
  /** Every property present. */
  readonly full: unknown;
  /** More `full` events, so that every enum value (and null, where allowed) appears at least once (see variantCount). */
  readonly variants: readonly unknown[];
  /** Labelled negative examples: each fails with exactly the issues in `expected`. */
  readonly invalid: readonly InvalidFixtureModel[];
}

export interface InvalidFixtureModel {
  /** File name without `.json`; unique within the event. */
  readonly name: string;
  readonly description: string;
  /** The issues `validateWebhookEvent` reports for `value`, in order. */
  readonly expected: readonly { readonly pointer: string; readonly code: string }[];
  readonly value: unknown;
}

/** An event with its synthesized fixtures: the synthesize stage's output, beside the model it reads. */
export interface SynthesizedEvent extends EventModel {
  readonly fixtures: FixturesModel;
}

export interface SynthesizedSpec extends SpecModel {
  readonly events: readonly SynthesizedEvent[];
}

/**
 * The synthesize stage: fixtures for every event of the model, each checked against its schema, all of them within
 * the limits of fixture-limits.ts. What is left out for a limit is reported in `warnings`.
 */
export function synthesizeSpec(model: SpecModel, file: string, warnings: Diagnostic[] = []): SynthesizedSpec {
  const base = baseInstant(model.events);
  const limits: SynthesisLimits = { warnings, budget: { left: MAX_SPEC_FIXTURES_SIZE } };
  // Every event's minimal and full first, then the variants, then the catalogues: what the spec's budget leaves out
  // is the least needed.
  const phases = model.events.map((event) => eventSynthesis(event, base, file, limits, model.discriminant?.property));
  const valid = phases.map((phase) => phase.valid());
  const variants = phases.map((phase) => phase.variants());
  const invalid = phases.map((phase, index) => phase.invalid(valid[index]!.full));
  return {
    ...model,
    events: model.events.map((event, index) => ({ ...event, fixtures: checkedFixtures(event, { ...valid[index]!, variants: variants[index]!, invalid: invalid[index]! }) })),
  };
}

/**
 * Synthesized fixtures must satisfy the schema (and invalid ones fail exactly as labelled): anything else is a bug in
 * cobrowse-gen, caught here rather than shipped.
 */
function checkedFixtures(event: EventModel, fixtures: FixturesModel): FixturesModel {
  for (const [label, value] of [["minimal", fixtures.minimal], ["full", fixtures.full], ...fixtures.variants.map((v, i) => [`full-${i + 2}`, v] as const)] as const) {
    const problems = checkValue(event.body, value);
    if (problems.length > 0) {
      throw new Error(`synthesized ${label} fixture of ${event.name} is invalid (a cobrowse-gen bug): ${JSON.stringify(problems.slice(0, 3))}`);
    }
  }
  return fixtures;
}

type Path = (string | number)[];

/** FNV-1a: a stable 32-bit hash of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-distributed PRNG; the same seed gives the same sequence everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";

/** A fresh string of the same shape: each letter or digit replaced by a random one of its class, the rest kept. */
function sameShape(example: string, random: () => number): string {
  let out = "";
  for (const c of example) {
    const pool = UPPER.includes(c) ? UPPER : LOWER.includes(c) ? LOWER : DIGITS.includes(c) ? DIGITS : undefined;
    out += pool === undefined ? c : pool[Math.floor(random() * pool.length)];
  }
  return out;
}

const FIRST_NAMES = ["Avery", "Jordan", "Mei", "Priya", "Lukas", "Sofia", "Kenji", "Amara"];
const LAST_NAMES = ["Nakamura", "Okafor", "Lindqvist", "Moreau", "Castillo", "Haddad", "Novak", "Reyes"];
const WORDS = ["quarterly", "review", "support", "onboarding", "checkout", "billing", "account", "settings"];

/** Base time of every synthesized event: the first date-time in the spec's examples, or a fixed instant. */
export function baseInstant(events: readonly EventModel[]): number {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === "string" && isDateTime(value)) found.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(visit);
  };
  for (const event of events) for (const example of event.examples) visit(example.value);
  const first = found.sort()[0];
  return first === undefined ? Date.UTC(2025, 3, 1, 12, 0, 0) : Math.floor(Date.parse(first) / 1000) * 1000;
}

/** Where in a session an event happens, from words in its name, so a session's events follow each other in time. */
function lifecycleOffsetMinutes(eventName: string): number {
  const name = eventName.toLowerCase();
  if (/(^|[._])(start|started|create|created)/.test(name)) return 0;
  if (/join/.test(name)) return 1;
  if (/(left|leave)/.test(name)) return 8;
  if (/(end|ended|stop|stopped|finish|complete|completed|delete|deleted)/.test(name)) return 10;
  return 2 + (hash(eventName) % 6);
}

interface Context {
  readonly event: EventModel;
  /** Leaf values of the first spec example, by JSON pointer. */
  readonly examples: ReadonlyMap<string, unknown>;
  /** The instant of this event (event_ts and its own *_time fields). */
  readonly instant: number;
  /** When the session started: `start_*` times of events that also have an end time. */
  readonly sessionStart: number;
  readonly hasEndTime: boolean;
  /** Which variant is being built: 0 is `full`; the index picks enum values. */
  readonly variant: number;
  readonly mode: "minimal" | "full";
  /** The spec file, for errors. */
  readonly file: string;
  /** What this fixture may still grow by, in characters of JSON (MAX_FIXTURE_SIZE at its start). */
  readonly budget: { left: number };
  /** The innermost array being built: what multiplies a fixture's size, so where an overflow is reported. */
  readonly container: string;
  readonly warnings: Diagnostic[];
}

/** Counts `units` (about the characters of JSON a value takes) against the fixture's budget, before they are built. */
function charge(ctx: Context, units: number): void {
  ctx.budget.left -= units;
  if (ctx.budget.left < 0) {
    throw new FixtureTooLarge(ctx.container, `A fixture of ${ctx.event.name} would be larger than ${MAX_FIXTURE_SIZE} characters of JSON.`, LIMIT_HINT);
  }
}

function examplesByPointer(value: unknown, path: Path = [], out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((item, index) => examplesByPointer(item, [...path, index], out));
  else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) examplesByPointer(child, [...path, key], out);
  } else {
    out.set(pointerFromPath(path), value);
    // Array items share one example: index 0's value stands for every index.
    out.set(pointerFromPath(path.map((p) => (typeof p === "number" ? 0 : p))), value);
  }
  return out;
}

/** What the value keywords (src/keywords/) get to know of the place a value is made for. */
function keywordContext(path: Path, file: string, warnings: Diagnostic[]): SynthesisContext {
  return {
    file,
    pointer: pointerFromPath(path),
    random: (seed) => prng(hash(seed)),
    satisfies: (node, value) => checkValue(node, value).length === 0,
    skip: (pointer, message) => warnings.push({ code: "fixture-too-large", message, file, pointer, hint: LIMIT_HINT }),
  };
}

/**
 * A synthesized scalar, made to pass the node's value keywords: each fits it, then those that choose among candidates
 * pick. One that still fails them is no value of the schema's at all (an integer between 0.2 and 0.8) or none
 * synthesis can find: the spec's error either way, at the schema, rather than an invalid fixture.
 */
function satisfying(node: SchemaNode, value: unknown, path: Path, ctx: Context): unknown {
  if (node.kind === "string" && node.minLength !== undefined && node.minLength > MAX_STRING_LENGTH && !node.enum && node.format === undefined) {
    throw new FixtureTooLarge(
      joinPointer(node.pointer, "minLength"),
      `A string of at least ${node.minLength} characters is past the fixtures' limit of ${MAX_STRING_LENGTH}.`,
      LIMIT_HINT,
    );
  }
  let out = value;
  for (const keyword of KEYWORDS) if (keyword.fit) out = keyword.fit(node, out);
  const context = keywordContext(path, ctx.file, ctx.warnings);
  for (const keyword of KEYWORDS) if (keyword.pick) out = keyword.pick(node, out, context);
  const problems = checkValue(node, out);
  if (problems.length > 0) {
    throw new CobrowseGenError({
      code: "unsatisfiable-schema",
      message: `No fixture value satisfies every constraint of this schema together (${problems.map((p) => p.message).join("; ")}).`,
      file: ctx.file,
      pointer: node.pointer,
      hint: "Check that the bounds, format and pattern beside each other leave a value; add an `example` that satisfies them all.",
    });
  }
  return out;
}

function stringValue(node: Extract<SchemaNode, { kind: "string" }>, path: Path, ctx: Context): string {
  return satisfying(node, unfittedString(node, path, ctx), path, ctx) as string;
}

function unfittedString(node: Extract<SchemaNode, { kind: "string" }>, path: Path, ctx: Context): string {
  const name = String(path.filter((p) => typeof p === "string").pop() ?? "value").toLowerCase();
  if (node.enum) return pickEnum(node, ctx) as string;
  // A start time of an event that also ends is the session's start; every other time is the event's own.
  const time = { event: ctx.instant, field: /start|begin|created/.test(name) && ctx.hasEndTime ? ctx.sessionStart : ctx.instant };
  for (const keyword of KEYWORDS) {
    const made = keyword.make?.(node, time);
    if (made !== undefined) return made as string;
  }
  // Seeded by the property name (so one session's ids agree across its events) and by array indexes (so items differ).
  const random = prng(hash(`${name}#${path.filter((p) => typeof p === "number").join(".")}`));
  const example = ctx.examples.get(pointerFromPath(path.map((p) => (typeof p === "number" ? 0 : p))));
  const idLike = /(^|_)(id|uuid|pin|token|key|code)$/.test(name) || /^[A-Za-z0-9_=+/-]{16,}$/.test(String(example ?? ""));
  const hasExample = typeof example === "string" && example !== "";
  if (hasExample && idLike) return sameShape(example, random);
  // People's names and addresses read better than the spec's "exampleuser"; everything else keeps the spec's value.
  if (/email/.test(name)) return `${FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]!.toLowerCase()}@example.com`;
  if (/(^|_)(user_|display_|first_|last_|full_)?name$/.test(name) && !/(file|host|domain|event)_?name/.test(name)) {
    return `${FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]}`;
  }
  if (hasExample) return example;
  if (/url|link|uri/.test(name)) return `https://example.zoom.us/${WORDS[Math.floor(random() * WORDS.length)]}`;
  if (/pin|passcode|password/.test(name)) return sameShape("123456", random);
  if (idLike) return sameShape("Aa0Aa0Aa0Aa0Aa0Aa0Aa0A", random);
  const words = name.split(/[^a-z0-9]+/).filter(Boolean);
  return `${words.join(" ")} ${WORDS[Math.floor(random() * WORDS.length)]}`.replace(/^./, (c) => c.toUpperCase());
}

function numberValue(node: Extract<SchemaNode, { kind: "integer" | "number" }>, path: Path, ctx: Context): number {
  return node.enum ? (pickEnum(node, ctx) as number) : (satisfying(node, unfittedNumber(node, path, ctx), path, ctx) as number);
}

function unfittedNumber(node: Extract<SchemaNode, { kind: "integer" | "number" }>, path: Path, ctx: Context): number {
  const name = String(path.filter((p) => typeof p === "string").pop() ?? "").toLowerCase();
  if (/(^|_)ts$|timestamp/.test(name) && node.format !== "int32") return ctx.instant;
  const example = ctx.examples.get(pointerFromPath(path.map((p) => (typeof p === "number" ? 0 : p))));
  if (typeof example === "number" && (node.kind === "number" || Number.isInteger(example))) return example;
  const random = prng(hash(name));
  const whole = 1 + Math.floor(random() * 99);
  // An integer format on a number (uint64 as much as int64 and int32) allows whole numbers only.
  return node.kind === "integer" || node.format === "int64" || node.format === "uint64" || node.format === "int32" ? whole : whole + 0.5;
}

function synthesize(node: SchemaNode, path: Path, ctx: Context): unknown {
  if (node.nullable && ctx.mode === "full" && ctx.variant === 1) {
    charge(ctx, 4);
    return null;
  }
  switch (node.kind) {
    case "unknown":
      charge(ctx, 40);
      return { note: "any JSON value is allowed here" };
    case "null":
      charge(ctx, 4);
      return null;
    case "boolean":
      charge(ctx, 5);
      return node.enum ? pickEnum(node, ctx) : ctx.variant % 2 === 0;
    case "string": {
      const value = stringValue(node, path, ctx);
      charge(ctx, value.length + 2);
      return value;
    }
    case "integer":
    case "number": {
      const value = numberValue(node, path, ctx);
      charge(ctx, String(value).length);
      return value;
    }
    case "array": {
      const prefix = node.prefixItems ?? [];
      const count = KEYWORDS.reduce((n, keyword) => keyword.itemCount?.(node, n) ?? n, ctx.mode === "minimal" ? 0 : Math.max(2, prefix.length));
      if (count > MAX_ARRAY_ITEMS) {
        const bound = node.minItems !== undefined && node.minItems > MAX_ARRAY_ITEMS ? "minItems" : "prefixItems";
        throw new FixtureTooLarge(joinPointer(node.pointer, bound), `An array of at least ${count} items is past the fixtures' limit of ${MAX_ARRAY_ITEMS}.`, LIMIT_HINT);
      }
      charge(ctx, 2);
      const inner = { ...ctx, container: node.pointer };
      return Array.from({ length: count }, (_, index) => {
        charge(inner, 1);
        return synthesize(prefix[index] ?? node.items, [...path, index], { ...inner, variant: ctx.variant + index });
      });
    }
    case "union": {
      // Variant by variant (starting with the one this fixture variant picks), until a value satisfies the union as
      // a whole: for oneOf, a value that also matches a second variant does not.
      // Fixture variant k takes union variant k mod n, and inside it variant k div n: together they cover every
      // variant's own enums (variantCount gives a union n times its largest variant's count).
      const n = node.variants.length;
      const inner = Math.floor(ctx.variant / n);
      // A variant too large for a fixture, or with no value, gives way to the next; if every one does, the first
      // one's reason is given.
      let failed: Error | undefined;
      for (let k = 0; k < n; k++) {
        const variant = node.variants[(ctx.variant + k) % n]!;
        for (const mode of ctx.mode === "minimal" ? (["minimal", "full"] as const) : (["full"] as const)) {
          const before = ctx.budget.left;
          try {
            const value = synthesize(variant, path, { ...ctx, mode, variant: inner });
            if (unionVariantFor(node, value) === "valid") return value;
          } catch (error) {
            if (!(error instanceof FixtureTooLarge) && !(error instanceof CobrowseGenError && error.diagnostics[0]?.code === "unsatisfiable-schema")) throw error;
            failed ??= error;
          }
          ctx.budget.left = before;
        }
      }
      if (failed !== undefined) throw failed;
      return synthesize(node.variants[0]!, path, ctx);
    }
    case "object": {
      const out: Record<string, unknown> = {};
      charge(ctx, 2);
      for (const property of node.properties) {
        if (ctx.mode === "minimal" && !property.required) continue;
        const before = ctx.budget.left;
        let value: unknown;
        try {
          charge(ctx, property.name.length + 4);
          value = synthesize(property.schema, [...path, property.name], ctx);
        } catch (error) {
          // An optional property too large for a fixture is left out of it: `full` then shows every other one.
          if (property.required || !(error instanceof FixtureTooLarge)) throw error;
          ctx.budget.left = before;
          ctx.warnings.push({
            code: "fixture-too-large",
            message: `${error.message} The optional property ${pointerFromPath([...path, property.name])} is left out of ${ctx.event.name}'s fixtures.`,
            file: ctx.file,
            pointer: error.pointer,
            hint: error.hint,
          });
          continue;
        }
        Object.defineProperty(out, property.name, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/**
 * The enum values a value may take: those the node's other keywords allow too (`enum: [1, 2, 3]` with `maximum: 2`
 * lists 3, which no valid event can carry). None left: no value satisfies the schema, the spec's error.
 */
function allowedEnum(node: Extract<SchemaNode, { kind: "string" | "integer" | "number" | "boolean" }>, file: string): readonly (string | number | boolean)[] {
  // Asked once per variant: an enum of thousands of values is checked once, not once per variant.
  const known = allowedEnums.get(node);
  if (known !== undefined) return known;
  const values = (node.enum ?? []) as readonly (string | number | boolean)[];
  const allowed = values.filter((value) => checkValue(node, value).length === 0);
  allowedEnums.set(node, allowed);
  if (allowed.length === 0) {
    throw new CobrowseGenError({
      code: "unsatisfiable-enum",
      message: "No value can satisfy this schema: every `enum` value breaks another of its constraints.",
      file,
      pointer: node.pointer,
      hint: "Fix the enum or the constraint beside it.",
    });
  }
  return allowed;
}

const allowedEnums = new WeakMap<SchemaNode, readonly (string | number | boolean)[]>();

function pickEnum(node: Extract<SchemaNode, { kind: "string" | "integer" | "number" | "boolean" }>, ctx: Context): string | number | boolean {
  const values = allowedEnum(node, ctx.file);
  return values[ctx.variant % values.length]!;
}

/**
 * How many `full` variants it takes for every enum value, and null where allowed, to appear; an enum of more than
 * MAX_TYPED_ENUM_VALUES values (typed by its base type) has that many of its values covered, not thousands of events.
 */
function variantCount(node: SchemaNode, file: string): number {
  let count = node.nullable ? 2 : 1;
  if ((node.kind === "string" || node.kind === "integer" || node.kind === "number" || node.kind === "boolean") && node.enum) {
    count = Math.max(count, Math.min(allowedEnum(node, file).length, MAX_TYPED_ENUM_VALUES));
  }
  if (node.kind === "array") count = Math.max(count, variantCount(node.items, file), ...(node.prefixItems ?? []).map((p) => variantCount(p, file)));
  if (node.kind === "union") count = Math.max(count, node.variants.length * Math.max(...node.variants.map((v) => variantCount(v, file))));
  if (node.kind === "object") for (const property of node.properties) count = Math.max(count, variantCount(property.schema, file));
  return count;
}

function hasDateTimeNamed(node: SchemaNode, pattern: RegExp, name = ""): boolean {
  if (node.kind === "string" && node.format === "date-time" && pattern.test(name)) return true;
  if (node.kind === "array") return hasDateTimeNamed(node.items, pattern, name) || (node.prefixItems ?? []).some((p) => hasDateTimeNamed(p, pattern, name));
  if (node.kind === "union") return node.variants.some((v) => hasDateTimeNamed(v, pattern, name));
  if (node.kind === "object") return node.properties.some((p) => hasDateTimeNamed(p.schema, pattern, p.name.toLowerCase()));
  return false;
}

/** Where synthesis reports what it leaves out, and what the spec's fixtures may still grow by (MAX_SPEC_FIXTURES_SIZE). */
export interface SynthesisLimits {
  readonly warnings: Diagnostic[];
  /** `exhausted` once an invalid fixture did not fit: the catalogues of the events after it are left out too. */
  readonly budget: { left: number; exhausted?: boolean };
}

/** One event's synthesis, phase by phase: the spec's budget goes to every event's valid fixtures before any catalogue. */
/** `property`: the discriminant's name (SpecModel.discriminant), whose value in this event the unknown-event fixture changes. */
function eventSynthesis(event: EventModel, base: number, file: string, limits: SynthesisLimits, property: string | undefined) {
  const hasEndTime = hasDateTimeNamed(event.body, /end|finish|stop/);
  const instant = base + lifecycleOffsetMinutes(event.name) * 60_000;
  const ctx: Omit<Context, "budget"> = {
    event,
    examples: event.examples[0] ? examplesByPointer(event.examples[0].value) : new Map(),
    instant,
    sessionStart: base,
    hasEndTime,
    variant: 0,
    mode: "full",
    file,
    container: event.body.pointer,
    warnings: limits.warnings,
  };
  // Each fixture within MAX_FIXTURE_SIZE, all of them within what is left of the spec's budget.
  const build = (variant: number, mode: Context["mode"]): unknown => {
    const left = limits.budget.left;
    try {
      const value = synthesize(event.body, [], { ...ctx, variant, mode, budget: { left: Math.min(MAX_FIXTURE_SIZE, left) } });
      limits.budget.left -= JSON.stringify(value).length;
      return value;
    } catch (error) {
      if (!(error instanceof FixtureTooLarge) || left >= MAX_FIXTURE_SIZE) throw error;
      throw new FixtureTooLarge(event.pointer, `The spec's fixtures together would be larger than ${MAX_SPEC_FIXTURES_SIZE} characters of JSON by ${event.name}'s.`, LIMIT_HINT);
    }
  };
  return {
    valid(): { full: unknown; minimal: unknown } {
      try {
        return { full: build(0, "full"), minimal: build(0, "minimal") };
      } catch (error) {
        if (!(error instanceof FixtureTooLarge)) throw error;
        throw new CobrowseGenError({
          code: "fixture-too-large",
          message: `${error.message} No valid ${event.name} event fits within the fixtures' limits, so none can be synthesized.`,
          file,
          pointer: error.pointer,
          hint: "Lower the bound if it is a mistake; a required value past the limits leaves no sample event (the limits are in the README).",
        });
      }
    },
    variants(): unknown[] {
      const variants: unknown[] = [];
      const count = variantCount(event.body, file);
      for (let variant = 1; variant < count; variant++) {
        try {
          variants.push(build(variant, "full"));
        } catch (error) {
          if (!(error instanceof FixtureTooLarge)) throw error;
          limits.warnings.push({ code: "fixture-too-large", message: `${error.message} ${event.name} gets ${variants.length + 1} full fixture(s), not ${count}.`, file, pointer: error.pointer, hint: error.hint });
          break;
        }
      }
      return variants;
    },
    invalid: (full: unknown): InvalidFixtureModel[] =>
      invalidFixtures(event.body, full, event.name, file, limits, property === undefined ? undefined : { property, value: event.discriminantValue ?? event.name }),
  };
}

export function synthesizeFixtures(
  event: EventModel,
  base: number,
  file = "(spec)",
  limits: SynthesisLimits = { warnings: [], budget: { left: MAX_SPEC_FIXTURES_SIZE } },
): FixturesModel {
  const phases = eventSynthesis(event, base, file, limits, "event");
  const { full, minimal } = phases.valid();
  return { minimal, full, variants: phases.variants(), invalid: phases.invalid(full) };
}

// --- the negative catalogue ------------------------------------------------------------------------------------

/** A value of another JSON type than the node allows (a number for text, text for numbers, ...). */
function wrongTypeFor(node: SchemaNode): { value: unknown; label: string } | undefined {
  switch (node.kind) {
    case "string":
      return { value: 42, label: "a number" };
    case "integer":
      return { value: "42", label: "a numeric string" };
    case "number":
      return { value: "1.5", label: "a numeric string" };
    case "boolean":
      return { value: "true", label: "the string \"true\"" };
    case "null":
      return { value: 0, label: "0" };
    case "array":
      return { value: {}, label: "an object" };
    case "object":
      return { value: [], label: "an array" };
    case "unknown":
      return undefined;
    case "union": {
      const accepted = acceptedClasses(node);
      const other = ([[42, "a number", "number"], ["text", "a string", "string"], [true, "true", "boolean"], [[], "an array", "array"], [{}, "an object", "object"]] as const).find(
        ([, , cls]) => !accepted.has(cls),
      );
      return other === undefined ? undefined : { value: other[0], label: other[1] };
    }
  }
}

/**
 * `full` without the optional properties that are not on the way to `path`: the smallest valid event that still
 * reaches the place of the fault, so an invalid fixture shows its one fault and not a thousand settings around it.
 * Falls back to `full` where pruning would change which union variant the value matches.
 */
function focused(body: SchemaNode, full: unknown, path: Path): unknown {
  const pruned = prune(body, full, path);
  return checkValue(body, pruned).length === 0 ? pruned : cloneJson(full);
}

function prune(node: SchemaNode, value: unknown, path: Path): unknown {
  if (node.kind === "object" && typeof value === "object" && value !== null && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (!Object.prototype.hasOwnProperty.call(value, property.name)) continue;
      const onPath = path[0] === property.name;
      if (!property.required && !onPath) continue;
      Object.defineProperty(out, property.name, {
        value: prune(property.schema, (value as Record<string, unknown>)[property.name], onPath ? path.slice(1) : []),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (node.kind === "array" && Array.isArray(value)) {
    return value.map((item, index) => prune(node.prefixItems?.[index] ?? node.items, item, path[0] === index ? path.slice(1) : []));
  }
  if (node.kind === "union") {
    const variant = node.variants.find((candidate) => checkValue(candidate, value).length === 0);
    if (variant === undefined) return cloneJson(value);
    const pruned = prune(variant, value, path);
    return unionVariantFor(node, pruned) === "valid" ? pruned : cloneJson(value);
  }
  return cloneJson(value);
}

const slug = (path: Path) => path.map((p) => String(p).replace(/[^A-Za-z0-9_]+/g, "_")).join("-") || "root";

/**
 * Every single-fault variant of `full` (pruned to what reaches the fault, see `focused`): each required property dropped, an unknown property at each closed object, a
 * wrong type at each leaf, an out-of-enum value at each enum, a broken value for each checked format, and an unknown
 * event name. Each is labelled with the one issue `validateWebhookEvent` reports for it.
 */
function invalidFixtures(
  body: ObjectSchema,
  full: unknown,
  eventName: string,
  file: string,
  limits: SynthesisLimits,
  discriminant: { readonly property: string; readonly value: string } | undefined,
): InvalidFixtureModel[] {
  const out: InvalidFixtureModel[] = [];
  const names = new Set<string>();
  const add = (label: string, description: string, path: Path, code: string, edit: (copy: unknown) => void) => {
    // Once the spec's budget is spent, the rest of the catalogue is left out (one warning says so).
    if (limits.budget.exhausted) return;
    // The label names a file: a long property name must not make it longer than a file system allows.
    const wanted = shortenName(label, label, MAX_FILE_NAME_LENGTH - 4);
    let name = wanted;
    for (let n = 2; names.has(name); n++) name = `${wanted}-${n}`;
    names.add(name);
    const value = focused(body, full, path);
    edit(value);
    const size = JSON.stringify({ value }).length;
    if (size > MAX_FIXTURE_SIZE || size > limits.budget.left) {
      limits.budget.exhausted = size <= MAX_FIXTURE_SIZE;
      limits.warnings.push({
        code: "fixture-too-large",
        message: limits.budget.exhausted
          ? `The spec's fixtures reach their limit of ${MAX_SPEC_FIXTURES_SIZE} characters of JSON: the invalid fixtures of ${eventName} from ${name} on, and of every event after it, are left out.`
          : `The invalid fixture ${name} of ${eventName} would be larger than ${MAX_FIXTURE_SIZE} characters of JSON; it is left out.`,
        file,
        pointer: body.pointer,
        hint: "The guards of every event are generated all the same; only sample events are left out. Lower the large bounds if they are mistakes.",
      });
      return;
    }
    limits.budget.left -= size;
    out.push({ name, description, expected: [{ pointer: pointerFromPath(path), code }], value });
  };
  // Without a discriminant no value names an event, so none is unknown.
  if (discriminant !== undefined) {
    const { property, value } = discriminant;
    const says = property === "event" && value === eventName ? "a name" : "a value";
    add("unknown-event", `\`${property}\` is ${says} no webhook in this spec has`, [property], "unknown_event", (v) => setAt(v, [property], `${value}_renamed`));
  }
  // What each value keyword (src/keywords/) says fails it, and nothing else.
  const keywordFaults = (node: SchemaNode, value: unknown, path: Path): void => {
    const at = pointerFromPath(path);
    const context = keywordContext(path, file, limits.warnings);
    for (const keyword of FIXTURE_ORDER) {
      for (const fault of keyword.invalid?.(node, value, context) ?? []) {
        add(`${fault.name}-${slug(path)}`, `${at} ${fault.says}`, path, fault.code, (v) => setAt(v, path, fault.value));
      }
    }
  };

  const visit = (node: SchemaNode, value: unknown, path: Path): void => {
    const at = pointerFromPath(path);
    if (node.kind === "object" && typeof value === "object" && value !== null) {
      for (const property of node.properties) {
        const child = [...path, property.name];
        if (property.required) {
          add(`missing-${slug(child)}`, `required property ${pointerFromPath(child)} is missing`, child, "missing_property", (v) => deleteAt(v, child));
        }
        if (Object.prototype.hasOwnProperty.call(value, property.name)) visit(property.schema, (value as Record<string, unknown>)[property.name], child);
      }
      if (!node.additionalProperties) {
        const child = [...path, "unexpected_field"];
        add(`unknown-property-${slug(path)}`, `${at || "the event"} has a property the schema does not define`, child, "unknown_property", (v) => setAt(v, child, "surprise"));
      }
      return;
    }
    if (node.kind === "union") {
      const wrong = wrongTypeFor(node);
      if (wrong && !(node.nullable && wrong.value === null)) {
        add(`wrong-type-${slug(path)}`, `${at} is ${wrong.label}`, path, "invalid_union", (v) => setAt(v, path, wrong.value));
      }
      // Faults inside the variant the value was made from; the labels are checked below, and a fault the guards
      // would report as invalid_union instead is dropped.
      const variant = node.variants.find((candidate) => checkValue(candidate, value).length === 0);
      if (variant !== undefined && !(value === null && node.nullable)) visit(variant, value, path);
      return;
    }
    if (node.kind === "array" && Array.isArray(value)) {
      value.slice(0, 1).forEach((item, index) => visit(node.prefixItems?.[index] ?? node.items, item, [...path, index]));
      keywordFaults(node, value, path);
      return;
    }
    // The discriminant is covered by unknown-event; a wrong type there is reported the same way as anywhere else.
    const wrong = wrongTypeFor(node);
    if (wrong && !(node.nullable && wrong.value === null)) {
      add(`wrong-type-${slug(path)}`, `${at} is ${wrong.label}`, path, "invalid_type", (v) => setAt(v, path, wrong.value));
    }
    if ((node.kind === "string" || node.kind === "integer" || node.kind === "number") && node.enum && !(discriminant !== undefined && path.length === 1 && path[0] === discriminant.property)) {
      const outside = node.kind === "string" ? "not-a-listed-value" : Math.max(...(node.enum as number[])) + 1;
      add(`not-in-enum-${slug(path)}`, `${at} is outside its enum`, path, "invalid_enum", (v) => setAt(v, path, outside));
    }
    keywordFaults(node, value, path);
  };
  visit(body, full, []);
  // Each label must be what the guards report: a fault that a union reports differently is left out.
  return out.filter((fixture) => {
    const problems = checkValue(body, fixture.value);
    return (
      fixture.expected[0]!.code === "unknown_event" ||
      (problems.length === 1 && pointerFromPath(problems[0]!.path) === fixture.expected[0]!.pointer && problems[0]!.code === fixture.expected[0]!.code)
    );
  });
}
