import { CHECKED_FORMATS, isCheckedFormat } from "../keywords/check-format.js";
import type { EventModel, SchemaNode, SpecModel } from "../model/model.js";
import { toJsonSchema } from "../model/to-json-schema.js";
import { bannerLines } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { printJson } from "./write-code.js";

const DIALECT = "https://json-schema.org/draft/2020-12/schema";

/**
 * The `$id` of a schema file. A URN rather than an https URL: no host serves these files, and an id that looks
 * fetchable invites validators (and people) to fetch it. `urn:npm:<package>:<version>:<path>` is unique per package,
 * version and file (two versions of one package loaded side by side during a migration do not collide); the package
 * name is percent-encoded (`@scope/name` is `%40scope%2Fname`, so a scope's `/` cannot read as a path), and so are
 * the version and file name, though they are already safe. Every `$ref` between the files is this absolute id.
 */
export function schemaId(model: SpecModel, file: string): string {
  return `urn:npm:${encodeURIComponent(model.packageName)}:${encodeURIComponent(model.packageVersion)}:schemas/${encodeURIComponent(file)}`;
}

/** The file of an event's schema: its fixture folder's safe name. */
export const eventSchemaFile = (event: EventModel): string => `${event.fileName}.json`;

/**
 * How the guards define each format they check, for validators that define it otherwise: ajv-formats' date-time also
 * accepts a space for `T` and an offset without its colon or minutes, and it has no uint64. One per checked format (a
 * test holds them to CHECKED_FORMATS).
 */
export const FORMAT_RULES: Readonly<Record<string, string>> = {
  "date-time":
    "date-time: RFC 3339 exactly: YYYY-MM-DD, T (or t), hh:mm:ss, an optional fraction, then Z (or z) or +hh:mm / -hh:mm; a real calendar day; second 60 only at 23:59:60 UTC. A space for T, or an offset written +hhmm or +hh, fails (ajv-formats accepts them: register a format that does not).",
  date: "date: RFC 3339 full-date, YYYY-MM-DD, a real calendar day.",
  int32: "int32: an integer from -2147483648 to 2147483647.",
  int64: "int64: an integer (no range check).",
  uint64: "uint64: an integer >= 0 (not a format of ajv-formats: register it).",
};

const UNKNOWN_PROPERTIES =
  'This is the spec-exact contract (the guards\' unknownProperties: "reject"): where the spec says additionalProperties: false, a property it does not define fails. Receivers accept them by default (unknownProperties: "allow", since Zoom adds fields without notice): for that contract, ignore every "additionalProperties": false.';

const children = (node: SchemaNode): readonly SchemaNode[] => {
  switch (node.kind) {
    case "object":
      return [...node.properties.map((p) => p.schema), ...(node.patternProperties ?? []).map((p) => p.schema), ...(node.additionalSchema ? [node.additionalSchema] : [])];
    case "array":
      return [...(node.prefixItems ?? []), node.items];
    case "union":
      return node.variants;
    default:
      return [];
  }
};

/** The checked formats the schema under `node` uses, in CHECKED_FORMATS order. */
function checkedFormats(node: SchemaNode): string[] {
  const used = new Set<string>();
  const visit = (n: SchemaNode): void => {
    if ((n.kind === "string" || n.kind === "integer" || n.kind === "number") && n.format !== undefined && isCheckedFormat(n.format, n.kind)) used.add(n.format);
    children(n).forEach(visit);
  };
  visit(node);
  return Object.keys(CHECKED_FORMATS).filter((format) => used.has(format));
}

function formatComment(node: SchemaNode): string {
  const rules = checkedFormats(node).map((format) => FORMAT_RULES[format]);
  if (rules.length === 0) return "The guards check no format here: each is an annotation only (JSON Schema 2020-12's default).";
  return `Formats as the guards check them. ${rules.join(" ")} Every other format is an annotation only (JSON Schema 2020-12's default): the guards do not check it.`;
}

function eventSchema(model: SpecModel, event: EventModel): Record<string, unknown> {
  const { title, description, $comment: note, ...body } = toJsonSchema(event.body, { comments: true }) as Record<string, unknown>;
  return {
    // JSON Schema's own comment keyword, first, carries the do-not-edit notice: a strict validator refuses `//`.
    $comment: [bannerLines(model).join(" "), formatComment(event.body), ...(typeof note === "string" ? [note] : [])].join("\n\n"),
    $schema: DIALECT,
    $id: schemaId(model, eventSchemaFile(event)),
    title: title ?? event.name,
    description: [
      `The ${event.name} webhook event of ${model.packageName} ${model.packageVersion}, as its guards check it. ${UNKNOWN_PROPERTIES}`,
      ...(typeof description === "string" ? [description] : []),
    ].join("\n\n"),
    ...body,
  };
}

function indexSchema(model: SpecModel): Record<string, unknown> {
  const property = model.discriminant?.property;
  const selected = property === undefined ? "tried against every event's schema (no property tells them apart), and must match exactly one" : `selected by its ${JSON.stringify(property)} property`;
  const head = {
    $comment: bannerLines(model).join(" "),
    $schema: DIALECT,
    $id: schemaId(model, "index.json"),
    title: `Any ${model.title} webhook event`,
    description: [
      `Any webhook event of ${model.packageName} ${model.packageVersion}, ${selected}. It refers to each event's schema by its $id: add every other file of this folder to the validator (ajv.addSchema, a registry of referenced schemas), then validate a delivery's parsed body with this one.${property === undefined ? "" : ` ${property === "event" ? "An event name" : "A value"} the package does not define fails.`}`,
      UNKNOWN_PROPERTIES,
    ].join("\n\n"),
  };
  if (property === undefined) return { ...head, oneOf: model.events.map((e) => ({ $ref: schemaId(model, eventSchemaFile(e)) })) };
  const valueOf = (e: EventModel) => e.discriminantValue ?? e.name;
  return {
    ...head,
    type: "object",
    properties: { [property]: { enum: model.events.map(valueOf) } },
    required: [property],
    // if/then on the name rather than a oneOf of every event: one event's errors, not all of them, and no schema but
    // the named one is tried.
    allOf: model.events.map((e) => ({
      if: { properties: { [property]: { const: valueOf(e) } }, required: [property] },
      then: { $ref: schemaId(model, eventSchemaFile(e)) },
    })),
  };
}

/**
 * `schemas/<event>.json` and `schemas/index.json`: the normalized schemas the guards enforce, as JSON Schema 2020-12,
 * for services in other languages that validate the same deliveries. Each file is self-contained (named shapes are
 * written out in place, as the oracle's schemas are), so one file validates its event.
 */
export function emitJsonSchemas(model: SpecModel): EmittedFile[] {
  return [
    ...model.events.map((event) => ({ path: `schemas/${eventSchemaFile(event)}`, contents: printJson(eventSchema(model, event)) })),
    { path: "schemas/index.json", contents: printJson(indexSchema(model)) },
  ];
}
