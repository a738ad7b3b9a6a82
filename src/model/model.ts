/**
 * The normalized model: everything the emitters may read. It is built once from the loaded spec and is plain data;
 * every node carries the JSON pointer of the spec location it came from (in the user's file).
 */
import type { FormatFields } from "../keywords/check-format.js";
import type { LengthFields } from "../keywords/check-length.js";
import type { PatternFields } from "../keywords/check-pattern.js";
import type { RangeFields } from "../keywords/check-range.js";
import type { SizeFields } from "../keywords/check-size.js";

/**
 * An enum of more values than this is typed by its base type (`string`, `number`) rather than a union of its values:
 * TypeScript gives up on unions of a few thousand literals in the fixtures (TS2590), and compiles slowly well before.
 * The guards still check every value (one `Set`, built when the module loads), and the fixtures' variants cover this
 * many of its values.
 */
export const MAX_TYPED_ENUM_VALUES = 256;

/** EVENTS.md and the guards' `expected` texts list this many values of an enum, then say how many more there are. */
export const MAX_LISTED_ENUM_VALUES = 30;

/** The first MAX_LISTED_ENUM_VALUES values, each written by `write`, joined by `separator`; then "... and N more". */
export function listEnumValues(values: readonly unknown[], write: (value: unknown) => string, separator: string): string {
  const listed = values.slice(0, MAX_LISTED_ENUM_VALUES).map(write);
  if (values.length > MAX_LISTED_ENUM_VALUES) listed.push(`... and ${values.length - MAX_LISTED_ENUM_VALUES} more`);
  return listed.join(separator);
}

export interface SpecModel {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  /** npm name of the generated package. */
  readonly packageName: string;
  readonly packageVersion: string;
  /** Sorted by event name (code-point order), so a vendor reordering its file changes nothing. */
  readonly events: readonly EventModel[];
  /** Nested object shapes that have a name of their own (repeated or large), in naming order. */
  readonly namedTypes: readonly NamedTypeModel[];
  /**
   * Set when the package is made from several specs (one Zoom product each), in the order they were given: every
   * event and named type then says which product it belongs to, and each product gets a subpath of its own.
   */
  readonly products?: readonly ProductModel[];
  /**
   * The receiver the package carries: "zoom" (Zoom's signature and URL-validation handshake, then the router), "standard"
   * (Standard Webhooks signatures, then the router) or "none" (the router alone). Absent: "zoom".
   */
  readonly receiver?: ReceiverKind;
  /**
   * The top-level body property that tells the events apart (see src/normalize/find-discriminant.ts); absent when no
   * property does, and the guards then try every event's schema.
   */
  readonly discriminant?: Discriminant;
}

export type ReceiverKind = "zoom" | "standard" | "none";

/** The model's receiver: a model made without the choice is a Zoom package. */
export const receiverOf = (model: Pick<SpecModel, "receiver">): ReceiverKind => model.receiver ?? "zoom";

/** How a package tells its events apart. */
export interface Discriminant {
  /** The property's name, e.g. `event` (Zoom) or `type`. */
  readonly property: string;
  /** JSON pointer to it in the body, e.g. `/type`. */
  readonly pointer: string;
  /**
   * Why: Zoom's `event` (pinned to the webhook name), the body schemas' `discriminator.propertyName`, a required
   * string const found in every event, or `--event-property`.
   */
  readonly source: "zoom" | "discriminator" | "const" | "option";
}

/** Whether the package is discriminated as Zoom's are: by `event`, whose value is each event's name. */
export const isZoomShaped = (model: Pick<SpecModel, "discriminant" | "events">): boolean =>
  model.discriminant?.property === "event" && model.events.every((e) => (e.discriminantValue ?? e.name) === e.name);

/** One spec of a package made from several. */
export interface ProductModel {
  /** The spec's `info.title`, e.g. `Video SDK`. */
  readonly title: string;
  /** The spec's `info.version`. */
  readonly version: string;
  readonly description?: string;
  /** Subpath and folder of the product (`<pkg>/video-sdk`, `src/video-sdk/`): kebab-case, from the title or given. */
  readonly name: string;
  /** `name` in PascalCase (`VideoSdk`): what a type name two products would share is prefixed with. */
  readonly typePrefix: string;
  /** The spec file as the user named it, for diagnostics only (generated files never depend on paths). */
  readonly file: string;
}

/** A named nested object type: every object node of this shape carries `typeName` = `name`. */
export interface NamedTypeModel {
  readonly name: string;
  /** The product (ProductModel.name) whose events have this shape; set in packages of several specs. */
  readonly product?: string;
  /** Where the shape first occurs. */
  readonly pointer: string;
  readonly schema: ObjectSchema;
}

export interface EventModel {
  /** The event name as Zoom sends it in `event`, e.g. `cobrowse.session_started`. */
  readonly name: string;
  /** `CobrowseSessionStartedEvent`; from the one naming function, unique within the model. */
  readonly typeName: string;
  /** Folder name for this event's fixture files; from the naming module, safe and unique. */
  readonly fileName: string;
  /** Where the webhook is defined: `/webhooks/<name>` (or `/paths/<name>` in the docs-page form). */
  readonly pointer: string;
  /** The product (ProductModel.name) the event comes from; set in packages of several specs. */
  readonly product?: string;
  /** One line for tables and the type's first JSDoc line. */
  readonly summary?: string;
  /** The vendor's full description (markdown), with a leading heading that only repeats the event name removed. */
  readonly description?: string;
  readonly body: ObjectSchema;
  /** The value of SpecModel.discriminant's property in this event (may differ from `name`); absent without one. */
  readonly discriminantValue?: string;
  /** Spec examples that parse and satisfy the schema, in spec order. */
  readonly examples: readonly ExampleModel[];
}

export interface ExampleModel {
  readonly key: string;
  readonly pointer: string;
  readonly summary?: string;
  readonly value: unknown;
}

interface SchemaBase {
  readonly pointer: string;
  readonly description?: string;
  readonly title?: string;
  readonly deprecated?: boolean;
  /** Annotation only: the sender does not apply defaults, so a property with a default stays optional. */
  readonly default?: unknown;
  /** The schema's own `example` (or first of `examples`), an annotation; synthesis draws `pattern` values from it. */
  readonly example?: unknown;
  /** `null` is accepted besides the node's own kind (`type: [T, "null"]`). */
  readonly nullable: boolean;
}

export interface ObjectSchema extends SchemaBase {
  readonly kind: "object";
  /** The named type this object is (see SpecModel.namedTypes); absent for objects written out in place. */
  readonly typeName?: string;
  readonly properties: readonly PropertyModel[];
  /** `false` when the spec says `additionalProperties: false`. */
  readonly additionalProperties: boolean;
  /** `additionalProperties` as a schema: every property not named in `properties` (nor matched by a pattern) must match it. */
  readonly additionalSchema?: SchemaNode;
  /** `patternProperties`: a property whose name matches `pattern` (ECMA-262, `u` flag) must match `schema`. */
  readonly patternProperties?: readonly { readonly pattern: string; readonly schema: SchemaNode }[];
  /**
   * `patternProperties` keys that backtrack exponentially, kept under `unsafePatterns: "annotate"` as documentation
   * only. The guards cannot tell which properties they name, so the object is open (`additionalProperties` is true).
   */
  readonly uncheckedPatternProperties?: readonly string[];
}

export interface PropertyModel {
  readonly name: string;
  readonly required: boolean;
  readonly schema: SchemaNode;
}

// The fields of value keywords (format, pattern, bounds) are declared by their modules in src/keywords/.
export interface StringSchema extends SchemaBase, FormatFields, PatternFields, LengthFields {
  readonly kind: "string";
  readonly enum?: readonly string[];
}

export interface NumberSchema extends SchemaBase, FormatFields, RangeFields {
  readonly kind: "integer" | "number";
  readonly enum?: readonly number[];
}

export interface BooleanSchema extends SchemaBase {
  readonly kind: "boolean";
  readonly enum?: readonly boolean[];
}

export interface NullSchema extends SchemaBase {
  readonly kind: "null";
}

export interface ArraySchema extends SchemaBase, SizeFields {
  readonly kind: "array";
  /** `prefixItems`: the schemas of the first items, by position (a tuple). */
  readonly prefixItems?: readonly SchemaNode[];
  /** Every item after the prefix. (`items: false` is read as `maxItems` = the prefix's length, which means the same.) */
  readonly items: SchemaNode;
}

/** `{}`: any JSON value. */
export interface UnknownSchema extends SchemaBase {
  readonly kind: "unknown";
}

/**
 * `oneOf` (exactly one variant matches) or `anyOf` (at least one does). A `type` list of several types and an enum of
 * mixed types become an `anyOf` of one variant per type.
 */
export interface UnionSchema extends SchemaBase {
  readonly kind: "union";
  readonly mode: "oneOf" | "anyOf";
  readonly variants: readonly SchemaNode[];
  /**
   * A property that tells object variants apart: every variant defines it as a string enum, and no value is in two
   * variants' enums. A value with one of those values can only match that variant, so the guards switch on it.
   */
  readonly discriminator?: { readonly property: string; readonly cases: readonly { readonly value: string; readonly variant: number }[] };
}

export type SchemaNode =
  | ObjectSchema
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | NullSchema
  | ArraySchema
  | UnionSchema
  | UnknownSchema;
