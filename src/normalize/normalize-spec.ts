import { checkValue } from "../model/check-value.js";
import { CobrowseGenError, dedupeDiagnostics, type Diagnostic } from "../errors.js";
import { joinPointer, pointerFromPath } from "../model/json-pointer.js";
import type { LoadedSpec, LoadedWebhook } from "../load/load-spec.js";
import type { EventModel, ExampleModel, ObjectSchema, ProductModel, PropertyModel, ReceiverKind, SpecModel } from "../model/model.js";
import {
  GENERATED_EXPORTS,
  MAX_FILE_NAME_LENGTH,
  PRODUCT_NAME,
  assignEventTypeNames,
  assignFileNames,
  compareCodePoints,
  isPackageVersion,
  isReservedProductName,
  toPackageName,
  toPascalIdentifier,
  toProductName,
} from "../model/naming.js";
import { chooseReceiver } from "./choose-receiver.js";
import { findDiscriminant } from "./find-discriminant.js";
import { nameShapes } from "./name-shapes.js";
import type { RecordedNames } from "./record-names.js";
import { normalizeSchema, type NormalizeContext } from "./normalize-schema.js";
import type { UnsafePatterns } from "../keywords/keyword.js";

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);


export interface NormalizeOptions {
  readonly packageName?: string;
  readonly packageVersion?: string;
  /**
   * Every name the runtime's modules export (`loadRuntime().exportNames`): the generated files import and re-export
   * them beside the names given here, so no event or shape may take one. Needed to emit the package; the model is
   * the same without it unless a name collides.
   */
  readonly runtimeExports?: ReadonlySet<string>;
  /** What a pattern that backtracks exponentially makes of the spec: an error (default), or a documented, unchecked pattern. */
  readonly unsafePatterns?: UnsafePatterns;
  /**
   * The names a previous run exported (its names.json, or recordNames of the model it was made from): kept where the
   * event or the shape still exists, so that regenerating does not rename what users import.
   */
  readonly previousNames?: RecordedNames;
  /** The receiver to generate; default: Zoom's for Zoom's specs, else the router alone (see chooseReceiver). */
  readonly receiver?: ReceiverKind;
  /**
   * A JSON pointer to the top-level body property that tells the events apart (`/type`), instead of the one found
   * (see findDiscriminant). Every event must declare it as a required string const with a value of its own.
   */
  readonly eventProperty?: string;
}

export function normalizeSpec(spec: LoadedSpec, options: NormalizeOptions = {}): { model: SpecModel; warnings: Diagnostic[] } {
  return normalizeSpecs([{ spec }], options);
}

/** One spec of a package made from several: the loaded spec and, when the user gave one, its product name. */
export interface SpecInput {
  readonly spec: LoadedSpec;
  /** The product's subpath and folder name (kebab-case); default from the spec's title. */
  readonly name?: string;
}

/**
 * Several specs → one model. With one spec this is `normalizeSpec`; with several, every event and named type says
 * which product it comes from (`SpecModel.products`), names are unique across products, and an event name defined by
 * two specs is an error naming both.
 */
export function normalizeSpecs(inputs: readonly SpecInput[], options: NormalizeOptions = {}): { model: SpecModel; warnings: Diagnostic[] } {
  if (inputs.length === 0) throw new Error("normalizeSpecs needs at least one spec");
  const contexts: NormalizeContext[] = inputs.map(({ spec }) => ({
    file: spec.file,
    warnings: [],
    ...(spec.resolveRef !== undefined ? { resolveRef: spec.resolveRef } : {}),
    ...(spec.sourcePointer !== undefined ? { sourcePointer: spec.sourcePointer } : {}),
    refStack: [],
    ...(options.unsafePatterns !== undefined ? { unsafePatterns: options.unsafePatterns } : {}),
  }));
  const webhooks = inputs.flatMap(({ spec }, index) => spec.webhooks.map((webhook) => ({ webhook, index })));
  if (inputs.length > 1) checkEventsAreUnique(webhooks.map(({ webhook, index }) => ({ webhook, file: inputs[index]!.spec.file })));
  const products = inputs.length > 1 ? describeProducts(inputs) : undefined;
  const productOfEvent = new Map(webhooks.map(({ webhook, index }) => [webhook.name, products?.[index]]));
  const reserved = new Set([...GENERATED_EXPORTS, ...(options.runtimeExports ?? [])]);
  const { names, collisions } = assignEventTypeNames(
    webhooks.map(({ webhook }) => webhook.name),
    reserved,
    products === undefined ? undefined : (event) => productOfEvent.get(event)?.typePrefix,
    options.previousNames?.events,
  );
  const contextOf = new Map(webhooks.map(({ webhook, index }) => [webhook.name, contexts[index]!]));
  for (const c of collisions) {
    const webhook = webhooks.find(({ webhook }) => webhook.name === c.event)?.webhook;
    const ctx = contextOf.get(c.event)!;
    ctx.warnings.push({
      code: "name-collision",
      message: `The type name ${c.wanted} for "${c.event}" is already taken; using ${c.given}.`,
      file: ctx.file,
      ...(webhook ? { pointer: webhook.pointer } : {}),
    });
  }
  const fileNames = assignFileNames(webhooks.map(({ webhook }) => webhook.name));
  for (const { webhook } of webhooks) {
    const fileName = fileNames.get(webhook.name) as string;
    const typeName = names.get(webhook.name) as string;
    // Past this length the folder name is shortened (and, longer still, the type name: MAX_IDENTIFIER_LENGTH).
    if (webhook.name.length <= MAX_FILE_NAME_LENGTH - 4) continue;
    const ctx = contextOf.get(webhook.name)!;
    ctx.warnings.push({
      code: "long-name",
      message: `The event name is ${webhook.name.length} characters long: its fixtures folder is fixtures/${fileName}/ and its type ${typeName} (a start of the name and a hash of all of it).`,
      file: ctx.file,
      pointer: webhook.pointer,
      hint: `Names stay readable up to ${MAX_FILE_NAME_LENGTH - 4} characters; the receiver still matches the full name in \`event\`. Check the spec for a name pasted wrongly.`,
    });
  }
  const read = [...webhooks]
    .sort((a, b) => compareCodePoints(a.webhook.name, b.webhook.name))
    .map(({ webhook, index }) => ({ webhook, index, body: readEventBody(webhook, contexts[index]!) }));
  const found = findDiscriminant(
    read.map(({ webhook, index, body }) => ({
      name: webhook.name,
      pointer: webhook.pointer,
      file: contexts[index]!.file,
      body: body.root,
      ...(body.discriminatorProperty !== undefined ? { discriminatorProperty: body.discriminatorProperty } : {}),
    })),
    options.eventProperty,
  );
  contexts[0]!.warnings.push(...found.warnings);
  const discriminant = found.discriminant;
  if (products !== undefined && discriminant === undefined) {
    throw new CobrowseGenError({
      code: "no-discriminant",
      message: "A package of several specs needs one property that tells all their events apart, and no property does.",
      file: inputs[0]!.spec.file,
      hint: "Give every event a required const property (e.g. `type`), or name one with --event-property.",
    });
  }
  const described = read.map(({ webhook, index, body }) => {
    const ctx = contexts[index]!;
    const value = found.values.get(webhook.name);
    const pinned = discriminant === undefined || value === undefined ? body.root : pinDiscriminant(body.root, discriminant.property, value, webhook.name, ctx);
    const event = describeEvent(webhook, names.get(webhook.name) as string, fileNames.get(webhook.name) as string, body, pinned, ctx);
    const withValue = discriminant === undefined || discriminant.source === "zoom" ? event : { ...event, discriminantValue: value! };
    const product = products?.[index];
    return product === undefined ? withValue : { ...withValue, product: product.name };
  });
  const productByName = new Map((products ?? []).map((p) => [p.name, p]));
  const { events, namedTypes } = nameShapes(described, reserved, {
    ...(products === undefined ? {} : { productOf: (event: EventModel) => (event.product === undefined ? undefined : productByName.get(event.product)) }),
    ...(options.previousNames !== undefined ? { previous: options.previousNames } : {}),
  });
  const first = inputs[0]!.spec;
  const title = products === undefined ? specTitle(first) : "Zoom";
  const version = products === undefined ? specVersion(first) : products.map((p) => `${p.title} ${p.version}`).join(", ");
  if (options.packageVersion !== undefined && !isPackageVersion(options.packageVersion)) {
    throw new CobrowseGenError({
      code: "invalid-package-version",
      message: `The package version ${JSON.stringify(options.packageVersion)} is not a semver version, which npm requires.`,
      file: first.file,
      hint: "Pass --package-version as MAJOR.MINOR.PATCH, e.g. 1.2.3 (a -prerelease and +build are allowed).",
    });
  }
  // Without a version of its own, the package takes the spec's (with several specs, theirs if they agree): one npm
  // cannot use is not silently replaced.
  const specVersions = [...new Set(inputs.map(({ spec }) => spec.info.version))];
  const defaultVersion = specVersions.length === 1 && isPackageVersion(specVersions[0]) ? specVersions[0] : undefined;
  if (options.packageVersion === undefined && defaultVersion === undefined) {
    const ctx = contexts[0]!;
    ctx.warnings.push(
      products === undefined
        ? {
            code: "non-semver-version",
            message: `info.version ${JSON.stringify(first.info.version)} is not a semver version (MAJOR.MINOR.PATCH), so the package version is 0.0.0.`,
            file: first.file,
            pointer: "/info/version",
            hint: "Pass --package-version <version> (e.g. 1.0.0) to choose the package version, or fix info.version.",
          }
        : {
            code: "non-semver-version",
            message: `The specs' info.version values differ or are not semver (${specVersions.map((v) => JSON.stringify(v)).join(", ")}), so the package version is 0.0.0.`,
            file: first.file,
            pointer: "/info/version",
            hint: "Pass --package-version <version> (e.g. 1.0.0) to choose the package version.",
          },
    );
  }
  const { receiver, warnings: receiverWarnings } = chooseReceiver(
    inputs.map(({ spec }) => spec),
    events,
    discriminant,
    options.receiver,
  );
  contexts[0]!.warnings.push(...receiverWarnings);
  const model: SpecModel = {
    title,
    version,
    ...(products === undefined && typeof first.info.description === "string" ? { description: first.info.description } : {}),
    packageName: options.packageName ?? (products === undefined ? toPackageName(title) : "zoom-webhooks"),
    packageVersion: options.packageVersion ?? defaultVersion ?? "0.0.0",
    events,
    namedTypes,
    ...(products !== undefined ? { products } : {}),
    ...(receiver !== "zoom" ? { receiver } : {}),
    ...(discriminant !== undefined ? { discriminant } : {}),
  };
  return { model, warnings: dedupeDiagnostics(contexts.flatMap((ctx) => ctx.warnings)) };
}

const specTitle = (spec: LoadedSpec) => (typeof spec.info.title === "string" && spec.info.title.trim() !== "" ? spec.info.title.trim() : "Zoom");
const specVersion = (spec: LoadedSpec) => (typeof spec.info.version === "string" ? spec.info.version : "0.0.0");

/** The products of a package of several specs, in the order given; their names must differ (they are folders). */
function describeProducts(inputs: readonly SpecInput[]): ProductModel[] {
  const products = inputs.map(({ spec, name }): ProductModel => {
    const title = specTitle(spec);
    if (name !== undefined && (!PRODUCT_NAME.test(name) || isReservedProductName(name))) {
      throw new CobrowseGenError({
        code: "invalid-product-name",
        message: `The product name ${JSON.stringify(name)} for ${spec.file} ${PRODUCT_NAME.test(name) ? "is one of the package's own subpaths" : "is not lowercase kebab-case"}.`,
        file: spec.file,
        hint: "Name the product like a folder: lowercase letters, digits and single dashes, e.g. video-sdk (not dist, src, runtime, fixtures, schemas).",
      });
    }
    const productName = name ?? toProductName(title);
    return {
      title,
      version: specVersion(spec),
      ...(typeof spec.info.description === "string" ? { description: spec.info.description } : {}),
      name: productName,
      typePrefix: toPascalIdentifier(productName),
      file: spec.file,
    };
  });
  const byName = new Map<string, ProductModel>();
  for (const product of products) {
    const other = byName.get(product.name);
    if (other !== undefined) {
      throw new CobrowseGenError([
        {
          code: "duplicate-product",
          message: `Two specs make the product "${product.name}" (from their titles "${other.title}" and "${product.title}"): a package has one subpath per product.`,
          file: other.file,
          pointer: "/info/title",
          hint: "Give one of them another name: `name` in its entry of cobrowse-gen.config.json.",
        },
        { code: "duplicate-product", message: `The other spec of product "${product.name}".`, file: product.file, pointer: "/info/title" },
      ]);
    }
    byName.set(product.name, product);
  }
  return products;
}

/** Zoom's event names never repeat across its specs; one that does is the same spec given twice, or a vendor error. */
function checkEventsAreUnique(webhooks: readonly { webhook: LoadedWebhook; file: string }[]): void {
  const seen = new Map<string, { webhook: LoadedWebhook; file: string }>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of webhooks) {
    const earlier = seen.get(entry.webhook.name);
    if (earlier === undefined) {
      seen.set(entry.webhook.name, entry);
      continue;
    }
    diagnostics.push(
      {
        code: "duplicate-event",
        message: `The event "${entry.webhook.name}" is defined by two specs: ${earlier.file} and ${entry.file}. One package has one type and one handler per event name.`,
        file: earlier.file,
        pointer: earlier.webhook.pointer,
        hint: "Generate from one of the two (the same product's webhooks.json and docs-page form define the same events), or generate the two into separate packages.",
      },
      { code: "duplicate-event", message: `The second definition of "${entry.webhook.name}".`, file: entry.file, pointer: entry.webhook.pointer },
    );
  }
  // Two forms of one product repeat every event: the first few pairs say enough.
  if (diagnostics.length === 0) return;
  const shown = diagnostics.slice(0, 6);
  const more = (diagnostics.length - shown.length) / 2;
  if (more > 0) {
    shown.push({ code: "duplicate-event", message: `... and ${more} more event name${more === 1 ? "" : "s"} defined by two specs.`, file: shown[shown.length - 1]!.file });
  }
  throw new CobrowseGenError(shown);
}

function fail(ctx: NormalizeContext, pointer: string, message: string, hint: string): never {
  throw new CobrowseGenError({ code: "invalid-webhook", message, file: ctx.file, pointer, hint });
}

function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return base === "application/json" || /^application\/[^/]+\+json$/.test(base);
}

interface EventBody {
  readonly pathItem: JsonObject;
  readonly operation: JsonObject;
  readonly requestBody: JsonObject;
  readonly media: JsonObject;
  readonly mediaPointer: string;
  readonly root: ObjectSchema;
  /** `discriminator.propertyName` of the raw body schema (after one `$ref`), before normalization drops it. */
  readonly discriminatorProperty?: string;
}

/** The body schema of a webhook, normalized but not yet pinned to its discriminant (which depends on every event). */
function readEventBody(webhook: LoadedWebhook, ctx: NormalizeContext): EventBody {
  const { name, pointer } = webhook;
  // Where each part is written: a part reached through a `$ref` (a path item in components/pathItems, a body in
  // components/requestBodies) is reported where it is written, not under the webhook that uses it.
  const at = (node: unknown, fallback: string) => (isObject(node) ? ctx.sourcePointer?.(node) : undefined) ?? fallback;
  if (!isObject(webhook.pathItem)) fail(ctx, pointer, `Webhook "${name}" is not a path item object.`, "Define the event as { post: { requestBody: ... } }.");
  const pathItem = webhook.pathItem;
  const operation = pathItem.post;
  const operationPointer = at(operation, joinPointer(at(pathItem, pointer), "post"));
  if (!isObject(operation)) {
    fail(ctx, operationPointer, `Webhook "${name}" has no \`post\` operation.`, "Zoom delivers webhooks as POST requests: define `post`.");
  }
  const requestBody = operation.requestBody;
  const bodyPointer = at(requestBody, joinPointer(operationPointer, "requestBody"));
  if (!isObject(requestBody) || !isObject(requestBody.content)) {
    fail(ctx, bodyPointer, `Webhook "${name}" has no request body content.`, "Add requestBody.content.application/json.schema.");
  }
  const mediaTypes = Object.keys(requestBody.content);
  const mediaType = mediaTypes.find(isJsonMediaType);
  if (mediaType === undefined) {
    fail(
      ctx,
      at(requestBody.content, joinPointer(bodyPointer, "content")),
      `Webhook "${name}" has no application/json body (found ${mediaTypes.map((m) => JSON.stringify(m)).join(", ") || "none"}).`,
      "Zoom sends JSON bodies: declare the body under content.application/json.",
    );
  }
  const media = requestBody.content[mediaType];
  const mediaPointer = at(media, joinPointer(at(requestBody.content, joinPointer(bodyPointer, "content")), mediaType));
  if (!isObject(media) || media.schema === undefined) {
    fail(ctx, joinPointer(mediaPointer, "schema"), `Webhook "${name}" has no body schema.`, "Add a schema for the body.");
  }
  const schemaPointer = joinPointer(mediaPointer, "schema");
  const root = normalizeSchema(media.schema, schemaPointer, ctx);
  if (root.kind !== "object" || root.nullable) {
    fail(ctx, schemaPointer, `The body of "${name}" must be an object schema (found ${root.kind}).`, "Zoom webhook bodies are JSON objects.");
  }
  let rawSchema: unknown = media.schema;
  if (isObject(rawSchema) && typeof rawSchema.$ref === "string" && !isObject(rawSchema.discriminator)) rawSchema = ctx.resolveRef?.(rawSchema.$ref);
  const discriminator = isObject(rawSchema) && isObject(rawSchema.discriminator) ? rawSchema.discriminator.propertyName : undefined;
  return {
    pathItem,
    operation,
    requestBody,
    media,
    mediaPointer,
    root,
    ...(typeof discriminator === "string" && discriminator !== "" ? { discriminatorProperty: discriminator } : {}),
  };
}

function describeEvent(
  webhook: LoadedWebhook,
  typeName: string,
  fileName: string,
  read: EventBody,
  body: ObjectSchema,
  ctx: NormalizeContext,
): EventModel {
  const { name, pointer } = webhook;
  const { pathItem, operation, requestBody, media, mediaPointer } = read;

  // The path item's summary and description apply to all its operations (OpenAPI 3.1): after the operation's own. A
  // webhook that is a `$ref` to a path item may override them beside the ref; dereferencing lets the override win.
  const rawDescription = firstString(operation.description, pathItem.description, requestBody.description);
  const description = rawDescription === undefined ? undefined : stripNameHeading(rawDescription, name);
  const summary = firstString(operation.summary, pathItem.summary) ?? (description === undefined ? undefined : firstParagraph(description));
  const examples = readExamples(media, mediaPointer, body, name, ctx);
  return {
    name,
    typeName,
    fileName,
    pointer,
    ...(summary ? { summary } : {}),
    ...(description ? { description } : {}),
    body,
    examples,
  };
}

/**
 * The union is discriminated on `property` (Zoom's `event`), so each event's property must be required and exactly
 * its own value. Zoom's specs mostly say so with a one-value enum; where they do not, the model says it and a warning
 * tells.
 */
function pinDiscriminant(body: ObjectSchema, property: string, value: string, name: string, ctx: NormalizeContext): ObjectSchema {
  const index = body.properties.findIndex((p) => p.name === property);
  const found = body.properties[index];
  if (found === undefined) {
    fail(ctx, joinPointer(body.pointer, "properties"), `The body of "${name}" has no \`${property}\` property.`, `Add "${property}": { "type": "string", "enum": ["` + value + '"] } and require it.');
  }
  const schema = found.schema;
  if (schema.kind !== "string" || schema.nullable) {
    fail(ctx, schema.pointer, `The \`${property}\` property of "${name}" must be a string.`, `Declare it as { "type": "string", "enum": ["${value}"] }.`);
  }
  const exact = schema.enum?.length === 1 && schema.enum[0] === value;
  if (exact && found.required) return body;
  if (!exact) {
    ctx.warnings.push({
      code: "event-enum",
      message: schema.enum
        ? `\`${property}\` allows ${JSON.stringify(schema.enum)}, but this webhook is "${value}"; narrowed to "${value}".`
        : `\`${property}\` has no enum; narrowed to "${value}" so the union can discriminate on it.`,
      file: ctx.file,
      pointer: schema.pointer,
      hint: `Declare "enum": ["${value}"].`,
    });
  }
  if (!found.required) {
    ctx.warnings.push({
      code: "event-required",
      message: `\`${property}\` is not listed in \`required\`; treated as required (${property === "event" ? "Zoom always sends it" : "it tells the events apart"}).`,
      file: ctx.file,
      pointer: joinPointer(body.pointer, "required"),
      hint: `Add "${property}" to required.`,
    });
  }
  const pinned: PropertyModel = { name: property, required: true, schema: { ...schema, enum: [value] } };
  return { ...body, properties: body.properties.map((p, i) => (i === index ? pinned : p)) };
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === "string" && value.trim() !== "") return value;
  return undefined;
}

/** Zoom descriptions start with `# <event name>`, which only repeats what the type already says. */
function stripNameHeading(description: string, name: string): string | undefined {
  const lines = description.replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trim() === `# ${name}`) lines.shift();
  const text = lines.join("\n").trim();
  return text === "" ? undefined : text;
}

function firstParagraph(description: string): string | undefined {
  const paragraph = description.split(/\n\s*\n/)[0]?.replace(/\s+/g, " ").trim();
  return paragraph && !paragraph.startsWith("#") ? paragraph : undefined;
}

function readExamples(media: JsonObject, mediaPointer: string, body: ObjectSchema, name: string, ctx: NormalizeContext): ExampleModel[] {
  // `text`: Zoom ships example values as JSON text rather than JSON values; a schema's `examples` are instances.
  const found: { key: string; pointer: string; summary?: string; raw: unknown; valuePointer: string; text: boolean }[] = [];
  if (media.example !== undefined) {
    const pointer = joinPointer(mediaPointer, "example");
    found.push({ key: "example", pointer, raw: media.example, valuePointer: pointer, text: true });
  }
  if (isObject(media.examples)) {
    for (const [key, example] of Object.entries(media.examples)) {
      // An example reached through a `$ref` (components/examples) is reported where it is written.
      const pointer = (isObject(example) ? ctx.sourcePointer?.(example) : undefined) ?? joinPointer(mediaPointer, "examples", key);
      if (!isObject(example) || example.value === undefined) {
        ctx.warnings.push({
          code: "invalid-example",
          message: `Example "${key}" of "${name}" has no inline \`value\`; skipped.`,
          file: ctx.file,
          pointer,
          hint: "Give the example an inline `value`.",
        });
        continue;
      }
      found.push({
        key,
        pointer,
        ...(typeof example.summary === "string" ? { summary: example.summary } : {}),
        raw: example.value,
        valuePointer: joinPointer(pointer, "value"),
        text: true,
      });
    }
  }
  // The body schema's own `examples` (JSON Schema's array of instances) are the fallback: the media type's examples
  // replace the schema's (OpenAPI 3.1, Media Type Object), so they are read only when the media type has none.
  const mediaHasExamples = media.example !== undefined || (isObject(media.examples) && Object.keys(media.examples).length > 0);
  const schemaExamples = isObject(media.schema) ? media.schema.examples : undefined;
  if (!mediaHasExamples && Array.isArray(schemaExamples)) {
    schemaExamples.forEach((raw, index) => {
      const pointer = joinPointer(body.pointer, "examples", index);
      found.push({ key: `schema-examples-${index}`, pointer, raw, valuePointer: pointer, text: false });
    });
  }
  const examples: ExampleModel[] = [];
  for (const entry of found) {
    let value = entry.raw;
    // Zoom ships example values as JSON text rather than JSON values.
    if (typeof value === "string" && entry.text) {
      try {
        value = JSON.parse(value);
      } catch (error) {
        ctx.warnings.push({
          code: "invalid-example",
          message: `Example "${entry.key}" of "${name}" is a string that does not parse as JSON (${(error as Error).message}); skipped.`,
          file: ctx.file,
          pointer: entry.valuePointer,
          hint: "Make the example value valid JSON.",
        });
        continue;
      }
    }
    const problems = checkValue(body, value);
    if (problems.length > 0) {
      const listed = problems
        .slice(0, 5)
        .map((p) => `${pointerFromPath(p.path) || "(root)"}: ${p.message}`)
        .join("; ");
      ctx.warnings.push({
        code: "invalid-example",
        message: `Example "${entry.key}" of "${name}" does not satisfy its own schema (${listed}${problems.length > 5 ? `; and ${problems.length - 5} more` : ""}); not used as a fixture.`,
        file: ctx.file,
        pointer: entry.valuePointer,
        hint: "Report it to the spec's publisher.",
      });
      continue;
    }
    examples.push({ key: entry.key, pointer: entry.pointer, ...(entry.summary ? { summary: entry.summary } : {}), value });
  }
  return examples;
}
