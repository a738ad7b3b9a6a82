import ts from "typescript";
import { astToString, transformSchemaObject, type GlobalContext, type SchemaObject, type TransformNodeOptions } from "openapi-typescript";
import type { EventModel, NamedTypeModel, ObjectSchema, SpecModel } from "../model/model.js";
import { TYPE_NAME_KEY, toJsonSchema } from "../model/to-json-schema.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { commentText } from "./js-literal.js";

const f = ts.factory;

/** openapi-typescript's settings: only those that matter for a single schema are not its defaults. */
function createContext(defining: { root: unknown }): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    // Zoom does not fill in defaults: a property with a default is still absent when Zoom omits it.
    defaultNonNullable: false,
    discriminators: { objects: {}, refsHandled: [] },
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    redoc: undefined as never,
    silent: true,
    transform: (schema, options) => namedType(schema, defining.root) ?? tupleType(schema, options),
    transformProperty: undefined,
    resolve: () => undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
  };
}

/** A named object (other than the one being defined) is written as a reference to its interface. */
function namedType(schema: SchemaObject, root: unknown): ts.TypeNode | undefined {
  const name = (schema as Record<string, unknown>)[TYPE_NAME_KEY];
  if (typeof name !== "string" || schema === root) return undefined;
  const reference = f.createTypeReferenceNode(name);
  const nullable = Array.isArray(schema.type) && (schema.type as string[]).includes("null");
  return nullable ? f.createUnionTypeNode([reference, f.createLiteralTypeNode(f.createNull())]) : reference;
}

/**
 * openapi-typescript types `prefixItems` as a closed tuple of exactly those items. The schema means: items up to
 * `minItems` are required, the rest of the prefix optional, and `items` types whatever follows.
 */
function tupleType(schema: SchemaObject, options: TransformNodeOptions): ts.TypeNode | undefined {
  if (!("prefixItems" in schema) || !Array.isArray(schema.prefixItems)) return undefined;
  const prefix = schema.prefixItems as SchemaObject[];
  const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
  const maxItems = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
  const elements: ts.TypeNode[] = prefix.map((item, index) => {
    const type = transformSchemaObject(item, { ...options, path: `${options.path}/prefixItems/${index}` });
    return index < minItems ? type : f.createOptionalTypeNode(type);
  });
  if (maxItems > prefix.length) {
    const items = (schema.items ?? {}) as SchemaObject;
    elements.push(f.createRestTypeNode(f.createArrayTypeNode(transformSchemaObject(items, { ...options, path: `${options.path}/items` }))));
  }
  const tuple = f.createTupleTypeNode(elements);
  const nullable = Array.isArray(schema.type) && (schema.type as string[]).includes("null");
  return nullable ? f.createUnionTypeNode([tuple, f.createLiteralTypeNode(f.createNull())]) : tuple;
}

function jsDoc(text: string): string {
  const lines = commentText(text).replace(/\n{3,}/g, "\n\n").split("\n");
  return `*\n${lines.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n `;
}

function eventDocText(event: EventModel): string {
  const parts = [`The \`${event.name}\` webhook event.`];
  if (event.summary && !event.description?.startsWith(event.summary)) parts.push(event.summary);
  if (event.description) parts.push(event.description);
  return parts.join("\n\n");
}

/** An object schema as one exported interface (openapi-typescript's type literal members). */
function objectInterface(name: string, node: ObjectSchema, pointer: string, ctx: GlobalContext, defining: { root: unknown }): ts.InterfaceDeclaration {
  const schema = toJsonSchema(node, { typeNames: true });
  defining.root = schema;
  const type = transformSchemaObject(schema, { path: `#${pointer}`, ctx });
  // An open object comes back as `{ ...props } & { [key: string]: unknown }`: one interface can hold both.
  const parts = ts.isIntersectionTypeNode(type) ? type.types : [type];
  const members = parts.flatMap((part) => {
    if (!ts.isTypeLiteralNode(part)) {
      throw new Error(`openapi-typescript gave a ${ts.SyntaxKind[part.kind]} for ${name}, not an object type`);
    }
    return [...part.members];
  });
  return f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], name, undefined, undefined, members);
}

function emitEventInterface(event: EventModel, ctx: GlobalContext, defining: { root: unknown }): ts.InterfaceDeclaration {
  const declaration = objectInterface(event.typeName, event.body, event.pointer, ctx, defining);
  return ts.addSyntheticLeadingComment(declaration, ts.SyntaxKind.MultiLineCommentTrivia, jsDoc(eventDocText(event)), true);
}

function emitNamedInterface(named: NamedTypeModel, ctx: GlobalContext, defining: { root: unknown }): ts.InterfaceDeclaration {
  const declaration = objectInterface(named.name, named.schema, named.pointer, ctx, defining);
  const text = [named.schema.description, `Every object of this shape in the spec has this type (first at \`${named.pointer}\`).`].filter(Boolean).join("\n\n");
  return withDoc(declaration, text);
}

function withDoc<T extends ts.Node>(node: T, text: string): T {
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, jsDoc(text), true);
}

const exported = () => [f.createModifier(ts.SyntaxKind.ExportKeyword)];

export function emitTypes(model: SpecModel): EmittedFile {
  const defining: { root: unknown } = { root: undefined };
  const ctx = createContext(defining);
  const nodes: ts.Node[] = model.events.map((event) => emitEventInterface(event, ctx, defining));
  const union = f.createUnionTypeNode(model.events.map((e) => f.createTypeReferenceNode(e.typeName)));
  nodes.push(
    withDoc(
      f.createTypeAliasDeclaration(exported(), "WebhookEvent", undefined, union),
      `Any ${model.title} webhook event. Discriminated on \`event\`: \`switch (e.event)\` narrows to the event's type.`,
    ),
    withDoc(
      f.createTypeAliasDeclaration(
        exported(),
        "WebhookEventName",
        undefined,
        f.createIndexedAccessTypeNode(f.createTypeReferenceNode("WebhookEvent"), f.createLiteralTypeNode(f.createStringLiteral("event"))),
      ),
      "The name of every event, as sent in `event`.",
    ),
    withDoc(
      f.createInterfaceDeclaration(
        exported(),
        "WebhookEventMap",
        undefined,
        undefined,
        model.events.map((e) =>
          f.createPropertySignature(undefined, f.createStringLiteral(e.name), undefined, f.createTypeReferenceNode(e.typeName)),
        ),
      ),
      "Event name → event type.",
    ),
    withDoc(
      f.createVariableStatement(
        exported(),
        f.createVariableDeclarationList(
          [
            f.createVariableDeclaration(
              "webhookEventNames",
              undefined,
              undefined,
              // A plain `as const`: its declaration can be written file by file (isolatedDeclarations).
              f.createAsExpression(
                f.createArrayLiteralExpression(model.events.map((e) => f.createStringLiteral(e.name))),
                f.createTypeReferenceNode("const"),
              ),
            ),
          ],
          ts.NodeFlags.Const,
        ),
      ),
      "Every event name, in the generated order.",
    ),
  );
  // Named nested shapes come after the events, in naming order (the order a reader meets them).
  nodes.push(...model.namedTypes.map((named) => emitNamedInterface(named, ctx, defining)));
  return { path: "src/types.ts", contents: tsBanner(model) + "\n" + nodes.map((node) => astToString(node)).join("\n") };
}
