import ts from "typescript";
import { transformSchemaObject, type GlobalContext, type SchemaObject, type TransformNodeOptions } from "openapi-typescript";
import { isZoomShaped, type EventModel, type NamedTypeModel, type ObjectSchema, type SpecModel } from "../model/model.js";
import { TYPE_NAME_KEY, toJsonSchema } from "../model/to-json-schema.js";
import { compareCodePoints } from "../model/naming.js";
import { tsBanner } from "./banner.js";
import { ROOT_LAYOUT, type ModuleLayout } from "./module-layout.js";
import type { EmittedFile } from "./emitted-file.js";
import {
  arrayType,
  constDeclaration,
  exportFrom,
  exported,
  importDeclaration,
  withBlankLine,
  indexSignature,
  indexedAccessType,
  interfaceDeclaration,
  intersectionType,
  jsdoc,
  literalType,
  optionalType,
  printModule,
  printModuleFiles,
  propertySignature,
  readonlyType,
  restType,
  separated,
  tupleType as tupleTypeNode,
  typeAlias,
  typeKeyword,
  typeLiteral,
  typeReference,
  unionType,
  array,
  as,
  str,
  withComments,
  type Node,
} from "./write-code.js";

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

function eventDocText(event: EventModel): string {
  const parts = [`The \`${event.name}\` webhook event.`];
  if (event.summary && !event.description?.startsWith(event.summary)) parts.push(event.summary);
  if (event.description) parts.push(event.description);
  return parts.join("\n\n");
}

/**
 * openapi-typescript's type nodes as write-code nodes, kind by kind (the kinds transformSchemaObject and the transform
 * hooks above produce; any other is a cobrowse-gen bug, reported by name).
 */
function fromTs(node: ts.TypeNode): Node {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return typeKeyword("string");
    case ts.SyntaxKind.NumberKeyword:
      return typeKeyword("number");
    case ts.SyntaxKind.BooleanKeyword:
      return typeKeyword("boolean");
    case ts.SyntaxKind.UnknownKeyword:
      return typeKeyword("unknown");
    case ts.SyntaxKind.NeverKeyword:
      return typeKeyword("never");
    case ts.SyntaxKind.UndefinedKeyword:
      return typeKeyword("undefined");
    case ts.SyntaxKind.AnyKeyword:
      return typeKeyword("any");
    case ts.SyntaxKind.NullKeyword:
      return typeKeyword("null");
    case ts.SyntaxKind.LiteralType: {
      const literal = (node as ts.LiteralTypeNode).literal;
      if (literal.kind === ts.SyntaxKind.NullKeyword) return typeKeyword("null");
      if (literal.kind === ts.SyntaxKind.TrueKeyword) return literalType(true);
      if (literal.kind === ts.SyntaxKind.FalseKeyword) return literalType(false);
      if (ts.isStringLiteral(literal)) return literalType(literal.text);
      if (ts.isNumericLiteral(literal)) return literalType(Number(literal.text));
      if (ts.isPrefixUnaryExpression(literal) && literal.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(literal.operand)) {
        return literalType(-Number(literal.operand.text));
      }
      break;
    }
    case ts.SyntaxKind.TypeReference: {
      const reference = node as ts.TypeReferenceNode;
      const name = ts.isIdentifier(reference.typeName) ? reference.typeName.text : undefined;
      if (name === undefined) break;
      return typeReference(name, reference.typeArguments?.map((t) => fromTs(t)));
    }
    case ts.SyntaxKind.Identifier: {
      // openapi-typescript writes a string enum value as an identifier whose text is the JSON string.
      const text = (node as unknown as ts.Identifier).text;
      if (text.startsWith('"')) return literalType(JSON.parse(text) as string);
      return typeReference(text);
    }
    case ts.SyntaxKind.UnionType:
      return unionType((node as ts.UnionTypeNode).types.map(fromTs));
    case ts.SyntaxKind.IntersectionType:
      return intersectionType((node as ts.IntersectionTypeNode).types.map(fromTs));
    case ts.SyntaxKind.ArrayType:
      return arrayType(fromTs((node as ts.ArrayTypeNode).elementType));
    case ts.SyntaxKind.ParenthesizedType:
      // Parentheses are the printer's to place, as prettier places them.
      return fromTs((node as ts.ParenthesizedTypeNode).type);
    case ts.SyntaxKind.TupleType:
      return tupleTypeNode((node as ts.TupleTypeNode).elements.map((e) => fromTs(e as ts.TypeNode)));
    case ts.SyntaxKind.OptionalType:
      return optionalType(fromTs((node as ts.OptionalTypeNode).type));
    case ts.SyntaxKind.RestType:
      return restType(fromTs((node as ts.RestTypeNode).type));
    case ts.SyntaxKind.TypeOperator: {
      const operator = node as ts.TypeOperatorNode;
      if (operator.operator === ts.SyntaxKind.ReadonlyKeyword) return readonlyType(fromTs(operator.type));
      break;
    }
    case ts.SyntaxKind.IndexedAccessType:
      return indexedAccessType(fromTs((node as ts.IndexedAccessTypeNode).objectType), fromTs((node as ts.IndexedAccessTypeNode).indexType));
    case ts.SyntaxKind.TypeLiteral:
      // astToString wrote every object type broken over lines, which prettier keeps.
      return typeLiteral((node as ts.TypeLiteralNode).members.map(memberFromTs), { expand: true });
  }
  throw new Error(`openapi-typescript gave a ${ts.SyntaxKind[node.kind]}, which the types emitter does not print (a cobrowse-gen bug)`);
}

/**
 * The JSDoc openapi-typescript attached to a member, as comment texts: a CR is a line break (prettier turns it into
 * LF), and the lines of a comment of several lines lose their trailing whitespace, as TypeScript's printer writes them.
 */
function commentsOf(node: ts.Node): string[] {
  return (ts.getSyntheticLeadingComments(node) ?? [])
    .filter((c) => c.kind === ts.SyntaxKind.MultiLineCommentTrivia)
    .map((c) => {
      const text = c.text.replace(/\r\n?/g, "\n");
      return text.includes("\n") ? text.split("\n").map((l) => l.trimEnd()).join("\n") : text;
    });
}

function memberFromTs(member: ts.TypeElement): Node {
  const comments = commentsOf(member);
  const readonly = ts.getModifiers(member as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword) === true;
  if (ts.isPropertySignature(member) && member.type !== undefined) {
    const name = member.name;
    const signature = propertySignature({
      name: ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : "",
      type: fromTs(member.type),
      optional: member.questionToken !== undefined,
      readonly,
      comments,
    });
    // A numeric name stays a number, as openapi-typescript wrote it (TypeScript keys differ by kind).
    return ts.isNumericLiteral(name) ? { ...signature, key: { type: "NumericLiteral", value: Number(name.text) } } : signature;
  }
  if (ts.isIndexSignatureDeclaration(member) && member.parameters.length === 1) {
    const parameter = member.parameters[0]!;
    if (ts.isIdentifier(parameter.name) && parameter.type !== undefined) {
      const signature = indexSignature(parameter.name.text, fromTs(parameter.type), fromTs(member.type), comments);
      return readonly ? { ...signature, readonly: true } : signature;
    }
  }
  throw new Error(`openapi-typescript gave a ${ts.SyntaxKind[member.kind]} member, which the types emitter does not print (a cobrowse-gen bug)`);
}

/** An object schema as one exported interface (openapi-typescript's type literal members). */
function objectInterface(name: string, node: ObjectSchema, pointer: string, ctx: GlobalContext, defining: { root: unknown }): Node {
  const schema = toJsonSchema(node, { typeNames: true, notes: true }) as SchemaObject;
  defining.root = schema;
  const type = transformSchemaObject(schema, { path: `#${pointer}`, ctx });
  // An open object comes back as `{ ...props } & { [key: string]: unknown }`: one interface can hold both.
  const parts = ts.isIntersectionTypeNode(type) ? type.types : [type];
  const members = parts.flatMap((part) => {
    if (!ts.isTypeLiteralNode(part)) {
      throw new Error(`openapi-typescript gave a ${ts.SyntaxKind[part.kind]} for ${name}, not an object type`);
    }
    return part.members.map(memberFromTs);
  });
  return exported(interfaceDeclaration(name, members));
}

const doc = (text: string) => jsdoc(text, { multiline: true });

function emitEventInterface(event: EventModel, ctx: GlobalContext, defining: { root: unknown }): Node {
  return withComments(objectInterface(event.typeName, event.body, event.pointer, ctx, defining), doc(eventDocText(event)));
}

function emitNamedInterface(named: NamedTypeModel, ctx: GlobalContext, defining: { root: unknown }): Node {
  const text = [named.schema.description, `Every object of this shape in the spec has this type (first at \`${named.pointer}\`).`].filter(Boolean).join("\n\n");
  return withComments(objectInterface(named.name, named.schema, named.pointer, ctx, defining), doc(text));
}

export function emitTypes(model: SpecModel, layout: ModuleLayout = ROOT_LAYOUT): EmittedFile[] {
  const defining: { root: unknown } = { root: undefined };
  const ctx = createContext(defining);
  const statements: Node[] = model.events.map((event) => emitEventInterface(event, ctx, defining));
  statements.push(...unionStatements(model));
  // Named nested shapes come after the events, in naming order (the order a reader meets them).
  statements.push(...model.namedTypes.map((named) => emitNamedInterface(named, ctx, defining)));
  return printModuleFiles(`${layout.dir}types.ts`, separated(statements), { banner: tsBanner(model) });
}

/** The union of the model's events, its names, and the name → type map. */
function unionStatements(model: SpecModel): Node[] {
  const zoom = isZoomShaped(model);
  const property = model.discriminant?.property;
  const unionDoc = zoom
    ? `Any ${model.title} webhook event. Discriminated on \`event\`: \`switch (e.event)\` narrows to the event's type.`
    : property !== undefined
      ? `Any ${model.title} webhook event. Discriminated on \`${property}\`: a switch on it narrows to the event's type.`
      : `Any ${model.title} webhook event. No property tells the events apart, so this union cannot be narrowed by a property: validateWebhookEvent says which event a value is (\`result.event\`).`;
  return [
    withComments(exported(typeAlias("WebhookEvent", unionType(model.events.map((e) => typeReference(e.typeName))))), doc(unionDoc)),
    zoom
      ? withComments(exported(typeAlias("WebhookEventName", indexedAccessType(typeReference("WebhookEvent"), literalType("event")))), doc("The name of every event, as sent in `event`."))
      : withComments(exported(typeAlias("WebhookEventName", { type: "TSTypeOperator", operator: "keyof", typeAnnotation: typeReference("WebhookEventMap") })), doc("The name of every event: the keys of WebhookEventMap.")),
    withComments(
      exported(interfaceDeclaration("WebhookEventMap", model.events.map((e) => propertySignature({ name: e.name, type: typeReference(e.typeName) })))),
      doc("Event name → event type."),
    ),
    // `as const` keeps the tuple type and is a declaration TypeScript can emit file by file (isolatedDeclarations).
    withComments(
      exported(constDeclaration("webhookEventNames", as(array(model.events.map((e) => str(e.name))), typeReference("const")))),
      doc("Every event name, in the generated order."),
    ),
  ];
}

/**
 * `src/types.ts` of a package of several products: every product's types, re-exported from its subpath's module
 * (one declaration each, so a value typed through either entry is the same type), and the union of all events.
 */
export function emitCombinedTypes(model: SpecModel): EmittedFile[] {
  const products = model.products ?? [];
  const imports = products.map((product) =>
    importDeclaration(
      model.events.filter((e) => e.product === product.name).map((e) => e.typeName).sort(compareCodePoints),
      `./${product.name}/types.js`,
      { typeOnly: true },
    ),
  );
  const reexports = products.map((product) =>
    exportFrom(
      [
        ...model.events.filter((e) => e.product === product.name).map((e) => e.typeName),
        ...model.namedTypes.filter((t) => t.product === product.name).map((t) => t.name),
      ].sort(compareCodePoints),
      `./${product.name}/types.js`,
      { typeOnly: true },
    ),
  );
  const statements = [...imports.map((s, i) => (i === imports.length - 1 ? withBlankLine(s) : s)), ...separated([...reexports.map((s, i) => (i === reexports.length - 1 ? withBlankLine(s) : s)), ...unionStatements(model)])];
  return printModuleFiles("src/types.ts", statements, { banner: tsBanner(model) });
}
