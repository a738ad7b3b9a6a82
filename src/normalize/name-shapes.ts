import { createHash } from "node:crypto";
import type { EventModel, NamedTypeModel, ObjectSchema, ProductModel, SchemaNode } from "../model/model.js";
import { compareCodePoints, toPascalIdentifier } from "../model/naming.js";
import { parsePointer } from "../model/json-pointer.js";
import type { RecordedNames } from "./record-names.js";
import { toJsonSchema } from "../model/to-json-schema.js";

/**
 * Naming at scale: nested objects that repeat (the same shape anywhere in the spec: `object` and `old_object` of an
 * `*.updated` event, one settings block in several events) or that are large and deep get a named type of their
 * own, so that a 1 MB spec reads as a list of interfaces rather than one literal per event. Identical shapes share
 * one name; the guards share one function per name.
 *
 * Deterministic: events in model order, properties depth first, in spec order; a name is the property's name in
 * PascalCase, prefixed by its parent's name (then the event's) when taken by a different shape, numbered last.
 *
 * Names a previous run exported (its names.json) come first, so that a later spec cannot rename a type users import:
 * a shape keeps its recorded name while it exists anywhere (named even if it would not be now), a changed shape keeps
 * the name recorded at its pointer, and new shapes are named around them.
 */

/**
 * The name the spec's author gave a shape: `Pet` for one written at `/components/schemas/Pet` (the loader's source
 * pointer, the same for every use of the component), so a shared component is named once after itself rather than
 * after its first use. Zoom's specs have no components: their shapes are named by use, as before.
 */
function componentName(node: ObjectSchema): string | undefined {
  if (!node.pointer.startsWith("/components/schemas/")) return undefined;
  let tokens: string[];
  try {
    tokens = parsePointer(node.pointer);
  } catch {
    return undefined;
  }
  return tokens.length === 3 && tokens[2] !== "" ? tokens[2] : undefined;
}

/** A nested object at least this deep and this large is named even if it occurs once. */
const LARGE_DEPTH = 3;
const LARGE_SIZE = 12;

/** Property names too generic to name a type on their own (or names of JavaScript globals). */
const GENERIC = new Set([
  "object", "old_object", "payload", "data", "details", "detail", "info", "properties", "value", "values", "item", "items",
  "result", "results", "body", "content", "params", "settings", "old_settings", "new_settings",
  "string", "number", "boolean", "array", "date", "error", "map", "set", "promise", "function", "symbol", "record",
  "response", "request", "headers", "url", "event",
  // DOM and JavaScript globals a consumer's code may mean instead.
  "file", "blob", "node", "element", "document", "window", "location", "image", "audio", "video", "text", "comment",
  "range", "selection", "notification", "storage", "screen", "history", "navigator", "performance", "worker", "crypto",
  "credential", "plugin", "animation", "option", "touch", "report", "position", "permission", "permissions", "clipboard",
  "cache", "lock", "object_", "math", "json", "intl", "reflect", "proxy", "iterator", "generator",
]);

function size(node: SchemaNode): number {
  switch (node.kind) {
    case "object":
      return 1 + node.properties.reduce((n, p) => n + size(p.schema), 0) + (node.additionalSchema ? size(node.additionalSchema) : 0);
    case "array":
      return 1 + size(node.items) + (node.prefixItems ?? []).reduce((n, p) => n + size(p), 0);
    case "union":
      return 1 + node.variants.reduce((n, v) => n + size(v), 0);
    default:
      return 1;
  }
}

/** What makes two objects the same type: everything but their documentation. */
export function shapeKey(node: SchemaNode): string {
  return JSON.stringify(toJsonSchema(node), (key, value) => (key === "description" || key === "default" || key === "deprecated" ? undefined : value));
}

/** A short, stable hash of shapeKey: what names.json records to recognise a shape in the next spec. */
export function shapeFingerprint(node: SchemaNode): string {
  return fingerprintOf(shapeKey(node));
}

const fingerprintOf = (key: string) => createHash("sha256").update(key, "utf8").digest("hex").slice(0, 16);

const singular = (word: string) => (/ies$/.test(word) ? word.replace(/ies$/, "y") : /[^s]s$/.test(word) ? word.slice(0, -1) : word);

interface Occurrence {
  readonly node: ObjectSchema;
  readonly key: string;
  /** Property names from the event root, array items as the singular of their property. */
  readonly names: readonly string[];
  readonly depth: number;
  readonly event: EventModel;
}

/**
 * Names the wanted shapes in occurrence order that `nameOf` does not name yet: the first free candidate (`transform`ed,
 * for products), else the first one numbered. `taken` and `nameOf` are filled in; `firstOf` gets each named shape's
 * first occurrence.
 */
function assignNames(
  occurrences: readonly Occurrence[],
  wanted: (o: Occurrence) => boolean,
  taken: Set<string>,
  transformOf: (o: Occurrence) => ((candidate: string) => string) | undefined,
  nameOf: Map<string, string>,
  firstOf: Map<string, Occurrence>,
): Map<string, string> {
  for (const o of occurrences) {
    if (!wanted(o) || nameOf.has(o.key)) continue;
    const own = o.names[o.names.length - 1] ?? "value";
    const parent = o.names[o.names.length - 2];
    const eventStem = o.event.typeName.replace(/Event\d*$/, "");
    const specific = (word: string | undefined) => word !== undefined && !GENERIC.has(word.toLowerCase());
    const transform = transformOf(o) ?? ((candidate: string) => candidate);
    const component = componentName(o.node);
    const candidates = [
      ...(component !== undefined ? [toPascalIdentifier(component)] : []),
      ...(specific(own) ? [toPascalIdentifier(own)] : []),
      ...(specific(parent) && !own.startsWith(parent!) ? [toPascalIdentifier(`${parent} ${own}`)] : []),
      toPascalIdentifier(`${eventStem} ${own}`),
      ...(parent !== undefined ? [toPascalIdentifier(`${eventStem} ${parent} ${own}`)] : []),
    ].map(transform);
    let name = candidates.find((c) => !taken.has(c) && !taken.has(`is${c}`));
    for (let n = 2; name === undefined; n++) if (!taken.has(`${candidates[0]}${n}`)) name = `${candidates[0]}${n}`;
    taken.add(name);
    nameOf.set(o.key, name);
    firstOf.set(o.key, o);
  }
  return nameOf;
}

export interface NameShapesOptions {
  /** In a package of several specs: the product of each event. Shapes of different products are different types. */
  readonly productOf?: (event: EventModel) => ProductModel | undefined;
  /** The names a previous run gave (its names.json): kept for the shapes they named. */
  readonly previous?: RecordedNames;
}

export function nameShapes(
  events: readonly EventModel[],
  reserved: ReadonlySet<string>,
  options: NameShapesOptions = {},
): { events: EventModel[]; namedTypes: NamedTypeModel[] } {
  // 1. Every nested object, with its shape key (kept by node: marking below reads it again). Products do not share
  // types (each product's subpath declares its own), so the key of a shape in a product starts with the product.
  const scope = (event: EventModel) => (options.productOf === undefined ? "" : `${options.productOf(event)?.name ?? ""}\u0000`);
  const occurrences: Occurrence[] = [];
  const keyOf = new Map<SchemaNode, string>();
  const visit = (node: SchemaNode, names: string[], depth: number, event: EventModel): void => {
    if (node.kind === "object") {
      if (depth > 0) {
        const key = scope(event) + shapeKey(node);
        keyOf.set(node, key);
        occurrences.push({ node, key, names, depth, event });
      }
      for (const p of node.properties) visit(p.schema, [...names, p.name], depth + 1, event);
      if (node.additionalSchema) visit(node.additionalSchema, [...names, "value"], depth + 1, event);
    } else if (node.kind === "array") {
      visit(node.items, [...names.slice(0, -1), singular(names[names.length - 1] ?? "item")], depth, event);
    } else if (node.kind === "union") {
      node.variants.forEach((v, index) => visit(v, [...names.slice(0, -1), `${names[names.length - 1] ?? "variant"}_${v.title ?? index + 1}`], depth, event));
    }
  };
  for (const event of events) visit(event.body, [], 0, event);

  // 2. Which shapes get a name: repeated, or large and deep. An empty object stays a literal.
  const count = new Map<string, number>();
  for (const o of occurrences) count.set(o.key, (count.get(o.key) ?? 0) + 1);
  // A component of components/schemas is named even once: its author named it.
  const wanted = (o: Occurrence) =>
    o.node.properties.length > 0 &&
    ((count.get(o.key) ?? 0) > 1 || componentName(o.node) !== undefined || (o.depth >= LARGE_DEPTH && size(o.node) >= LARGE_SIZE));

  // 3. Names, first occurrence first. In a package of several products, each product's shapes are named as if it were
  // alone; a name two products would both give is then given by neither: each takes it prefixed by its product's
  // name (`VideoSdkParticipant`), so a product's names do not depend on which other products are in the package.
  const taken = new Set(reserved);
  for (const event of events) taken.add(event.typeName).add(`is${event.typeName}`).add(`validate${event.typeName}`);
  const nameOf = new Map<string, string>();
  const firstOf = new Map<string, Occurrence>();
  const base = new Set(taken);
  if (options.previous !== undefined) pinPreviousNames(occurrences, options.previous, taken, nameOf, firstOf, (o) => options.productOf?.(o.event)?.name);
  const productOf = options.productOf;
  let contested: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  if (productOf !== undefined) {
    // Each product named alone: with its own pinned names, not the other products' (a name another product keeps
    // is contested, not taken: this product takes it prefixed, as it would if that product had not pinned it).
    const productOfKey = (key: string) => productOf(firstOf.get(key)!.event)?.name ?? "";
    const claimants = new Map<string, Set<string>>();
    const claim = (name: string, product: string) => claimants.set(name, (claimants.get(name) ?? new Set()).add(product));
    for (const [key, name] of nameOf) claim(name, productOfKey(key));
    const byProduct = new Map<string, Occurrence[]>();
    for (const o of occurrences) {
      const product = productOf(o.event)?.name ?? "";
      const own = byProduct.get(product);
      if (own === undefined) byProduct.set(product, [o]);
      else own.push(o);
    }
    for (const [product, own] of byProduct) {
      const pinned = new Map([...nameOf].filter(([key]) => productOfKey(key) === product));
      const alone = assignNames(own, wanted, new Set([...base, ...pinned.values()]), () => undefined, new Map(pinned), new Map());
      for (const [key, name] of alone) if (!pinned.has(key)) claim(name, product);
    }
    contested = new Map([...claimants].filter(([, products]) => products.size > 1));
  }
  const prefixed = (o: Occurrence) => {
    const product = productOf?.(o.event);
    return product === undefined ? undefined : (candidate: string) => (contested.has(candidate) ? toPascalIdentifier(`${product.typePrefix} ${candidate}`) : candidate);
  };
  assignNames(occurrences, wanted, taken, prefixed, nameOf, firstOf);

  // 4. Mark every occurrence (and, inside the named definitions, nested occurrences) with its name.
  const mark = (node: SchemaNode, depth: number, prefix: string): SchemaNode => {
    switch (node.kind) {
      case "object": {
        const properties = node.properties.map((p) => ({ ...p, schema: mark(p.schema, depth + 1, prefix) }));
        const additionalSchema = node.additionalSchema ? mark(node.additionalSchema, depth + 1, prefix) : undefined;
        const name = depth > 0 ? nameOf.get(keyOf.get(node) ?? prefix + shapeKey(node)) : undefined;
        return { ...node, properties, ...(additionalSchema ? { additionalSchema } : {}), ...(name !== undefined ? { typeName: name } : {}) };
      }
      case "array":
        return { ...node, items: mark(node.items, depth, prefix), ...(node.prefixItems ? { prefixItems: node.prefixItems.map((p) => mark(p, depth, prefix)) } : {}) };
      case "union":
        return { ...node, variants: node.variants.map((v) => mark(v, depth, prefix)) };
      default:
        return node;
    }
  };
  const marked = events.map((event) => ({ ...event, body: mark(event.body, 0, scope(event)) as ObjectSchema }));
  // First occurrence first, pinned or not: without previous names, the order names were given in.
  const order = new Map<string, number>();
  occurrences.forEach((o, index) => order.has(o.key) || order.set(o.key, index));
  const namedTypes: NamedTypeModel[] = [...nameOf.entries()].sort(([a], [b]) => order.get(a)! - order.get(b)!).map(([key, name]) => {
    const first = firstOf.get(key)!;
    const product = productOf?.(first.event)?.name;
    return { name, ...(product !== undefined ? { product } : {}), pointer: first.node.pointer, schema: mark(first.node, 1, scope(first.event)) as ObjectSchema };
  });
  return { events: marked, namedTypes };
}

/** Rules 1 and 2 of stable names: the recorded name of the same shape, else of the same place. */
function pinPreviousNames(
  occurrences: readonly Occurrence[],
  previous: RecordedNames,
  taken: Set<string>,
  nameOf: Map<string, string>,
  firstOf: Map<string, Occurrence>,
  productOf: (o: Occurrence) => string | undefined,
): void {
  const firsts: Occurrence[] = [];
  const seen = new Set<string>();
  for (const o of occurrences) {
    if (o.node.properties.length === 0 || seen.has(o.key)) continue;
    seen.add(o.key);
    firsts.push(o);
  }
  // A name is kept within its product (pointers and shapes of two specs may coincide). A hand-edited file may give
  // one shape (or one pointer) two names: the first in code-point order wins.
  const byShape = new Map<string, string>();
  const byPointer = new Map<string, string>();
  for (const [name, entry] of [...previous.types].sort(([a], [b]) => compareCodePoints(a, b))) {
    const product = entry.product ?? "";
    if (!byShape.has(`${product}\u0000${entry.shape}`)) byShape.set(`${product}\u0000${entry.shape}`, name);
    if (!byPointer.has(`${product}\u0000${entry.pointer}`)) byPointer.set(`${product}\u0000${entry.pointer}`, name);
  }
  const free = (name: string | undefined): name is string => name !== undefined && !taken.has(name) && !taken.has(`is${name}`);
  const pin = (o: Occurrence, name: string) => {
    taken.add(name);
    nameOf.set(o.key, name);
    firstOf.set(o.key, o);
  };
  const unmatched: Occurrence[] = [];
  for (const o of firsts) {
    // A product's keys start with its name and a NUL (JSON text has none): the fingerprint is of the shape alone.
    const shape = productOf(o) === undefined ? o.key : o.key.slice(o.key.indexOf("\u0000") + 1);
    // An entry without a product (a package of one spec, now one of several) is any product's.
    const name = byShape.get(`${productOf(o) ?? ""}\u0000${fingerprintOf(shape)}`) ?? byShape.get(`\u0000${fingerprintOf(shape)}`);
    if (free(name)) pin(o, name);
    else if (name === undefined) unmatched.push(o);
  }
  for (const o of unmatched) {
    const name = byPointer.get(`${productOf(o) ?? ""}\u0000${o.node.pointer}`) ?? byPointer.get(`\u0000${o.node.pointer}`);
    if (free(name)) pin(o, name);
  }
}
