/**
 * Which top-level property of an event's body tells the events apart, and its value in each event. Zoom's bodies all
 * carry `event` = the webhook's name; other vendors use a `discriminator`, a const `type`, or nothing at all.
 */
import { CobrowseGenError, type Diagnostic } from "../errors.js";
import { joinPointer } from "../model/json-pointer.js";
import { compareCodePoints } from "../model/naming.js";
import type { Discriminant, ObjectSchema } from "../model/model.js";

/** What detection reads of one event: its name (the webhook key), its normalized body, and the raw body schema. */
export interface DiscriminantInput {
  readonly name: string;
  /** Where the webhook is defined, for diagnostics. */
  readonly pointer: string;
  readonly file: string;
  readonly body: ObjectSchema;
  /** `discriminator.propertyName` of the raw body schema, when it has one. */
  readonly discriminatorProperty?: string;
}

export interface FoundDiscriminant {
  readonly discriminant?: Discriminant;
  /** Event name → the discriminant's value for that event (absent without a discriminant). */
  readonly values: ReadonlyMap<string, string>;
  readonly warnings: readonly Diagnostic[];
}

/** When several properties qualify, the first of these that does wins; then code-point order. */
const PREFERRED = ["type", "event", "kind"];

/** The value of a property that is a required, non-null string of exactly one value, else undefined. */
export function constStringOf(body: ObjectSchema, property: string): string | undefined {
  const found = body.properties.find((p) => p.name === property);
  if (found === undefined || !found.required) return undefined;
  const schema = found.schema;
  if (schema.kind !== "string" || schema.nullable || schema.enum?.length !== 1) return undefined;
  return schema.enum[0];
}

const hasStringProperty = (body: ObjectSchema, property: string): boolean =>
  body.properties.some((p) => p.name === property && p.schema.kind === "string" && !p.schema.nullable);

/** A pointer to a top-level property (`/type`) → its name; nested pointers are refused. */
function propertyOfPointer(pointer: string, file: string): string {
  const match = /^\/([^/]*)$/.exec(pointer);
  if (match === null || match[1] === "") {
    throw new CobrowseGenError({
      code: "invalid-event-property",
      message: `--event-property ${JSON.stringify(pointer)} is not a JSON pointer to a top-level property of the body.`,
      file,
      hint: "Name a property of the event body itself, e.g. --event-property /type (nested properties are not supported).",
    });
  }
  return match[1]!.replace(/~1/g, "/").replace(/~0/g, "~");
}

const pointerOf = (property: string): string => joinPointer("", property);

function distinct(values: ReadonlyMap<string, string>): [string, string, string] | undefined {
  const seen = new Map<string, string>();
  for (const [event, value] of values) {
    const other = seen.get(value);
    if (other !== undefined) return [other, event, value];
    seen.set(value, event);
  }
  return undefined;
}

/**
 * The discriminant of these events, in order: `override` (a pointer given by the user); Zoom's `event` when every
 * body has an `event` string property (pinned to the webhook name by the caller, as always); the raw schemas' shared
 * `discriminator.propertyName`; a required string const property whose values differ across events. None found is
 * no discriminant: the guards then try every event.
 */
export function findDiscriminant(events: readonly DiscriminantInput[], override?: string): FoundDiscriminant {
  const file = events[0]?.file ?? "";
  if (override !== undefined) {
    const property = propertyOfPointer(override, file);
    const values = new Map<string, string>();
    for (const event of events) {
      const value = constStringOf(event.body, property);
      if (value === undefined) {
        throw new CobrowseGenError({
          code: "invalid-event-property",
          message: `--event-property ${override}: the body of "${event.name}" has no required \`${property}\` property that is a string of one value (const or one-value enum).`,
          file: event.file,
          pointer: event.body.pointer,
          hint: `Declare "${property}": { "type": "string", "const": "..." } in every event and require it, or choose another property.`,
        });
      }
      values.set(event.name, value);
    }
    const clash = distinct(values);
    if (clash !== undefined) {
      throw new CobrowseGenError({
        code: "invalid-event-property",
        message: `--event-property ${override}: "${clash[0]}" and "${clash[1]}" both have \`${property}\` = ${JSON.stringify(clash[2])}, so it cannot tell them apart.`,
        file,
        hint: "Choose a property whose value differs in every event.",
      });
    }
    return { discriminant: { property, pointer: pointerOf(property), source: "option" }, values, warnings: [] };
  }
  const zoom: FoundDiscriminant = { discriminant: { property: "event", pointer: "/event", source: "zoom" }, values: new Map(events.map((e) => [e.name, e.name])), warnings: [] };
  if (events.length > 0 && events.every((e) => hasStringProperty(e.body, "event"))) return zoom;
  const declared = [...new Set(events.map((e) => e.discriminatorProperty))];
  if (declared.length === 1 && declared[0] !== undefined && events.length > 0) {
    const property = declared[0];
    // A discriminator property that is not a const names each event's schema: its value is the webhook's name.
    const values = new Map(events.map((e) => [e.name, constStringOf(e.body, property) ?? e.name]));
    const clash = distinct(values);
    if (clash !== undefined) {
      throw new CobrowseGenError({
        code: "invalid-webhook",
        message: `The discriminator \`${property}\` is ${JSON.stringify(clash[2])} in both "${clash[0]}" and "${clash[1]}".`,
        file,
        hint: "Give every event its own value of the discriminator property.",
      });
    }
    return {
      discriminant: { property, pointer: pointerOf(property), source: "discriminator" },
      values,
      warnings: [info(file, `Events are discriminated by \`${pointerOf(property)}\` (the body schemas' discriminator.propertyName).`)],
    };
  }
  const first = events[0];
  if (first === undefined) return { values: new Map(), warnings: [] };
  const candidates = first.body.properties
    .map((p) => p.name)
    .filter((property) => {
      const values = new Map<string, string>();
      for (const event of events) {
        const value = constStringOf(event.body, property);
        if (value === undefined) return false;
        values.set(event.name, value);
      }
      return distinct(values) === undefined;
    })
    .sort((a, b) => rank(a) - rank(b) || compareCodePoints(a, b));
  const property = candidates[0];
  // Zoom's shape with an event that lacks `event`: the caller's pinning says which, as it always has.
  if (property === undefined && events.some((e) => hasStringProperty(e.body, "event"))) return zoom;
  if (property === undefined) {
    return {
      values: new Map(),
      warnings: [
        {
          code: "discriminant",
          message: "No property tells the events apart: validateWebhookEvent tries every event's schema, and WebhookEvent cannot be narrowed by a property.",
          file,
          hint: "Give every event a required const property (e.g. `type`), or name one with --event-property.",
        },
      ],
    };
  }
  const others = candidates.slice(1).map((c) => `\`${pointerOf(c)}\``);
  return {
    discriminant: { property, pointer: pointerOf(property), source: "const" },
    values: new Map(events.map((e) => [e.name, constStringOf(e.body, property)!])),
    warnings: [
      info(
        file,
        `Events are discriminated by \`${pointerOf(property)}\` (a required string const in every event, distinct across events)${others.length > 0 ? `; chosen over ${others.join(", ")}` : ""}.`,
      ),
    ],
  };
}

const rank = (property: string): number => {
  const index = PREFERRED.indexOf(property);
  return index === -1 ? PREFERRED.length : index;
};

const info = (file: string, message: string): Diagnostic => ({
  code: "discriminant",
  message,
  file,
  hint: "Pass --event-property <pointer> to choose another property.",
});
