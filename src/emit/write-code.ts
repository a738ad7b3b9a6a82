import { builders, printer, utils } from "prettier/doc";

type Doc = builders.Doc;

/**
 * The one way generated code is written: emitters build a small syntax tree (the ESTree / typescript-estree node
 * types, the subset the generated package uses) and print it here with the doc builders arranged exactly as
 * prettier's estree printer arranges them (prettier 3, the options of PRETTIER_OPTIONS), so each emitted file is
 * already a prettier fixed point and generation needs no parser and no formatter.
 *
 * Spec text enters code only through the leaves built here: `str` (a string literal, quoted as prettier quotes it),
 * `key` (an object or type member key, quoted or computed as it must be) and `jsdoc` (a comment that cannot end
 * early); spec text enters markdown only through escape-markdown.ts. Identifiers come from naming.ts.
 *
 * Each printing function below names the prettier function it mirrors; the comment says only where it leaves part of
 * prettier out (comments inside expressions, JSX, Flow, decorators: generated code has none of them).
 */

const { align, breakParent, conditionalGroup, fill, group, hardline, ifBreak, indent, indentIfBreak, join, label, line, lineSuffixBoundary, literalline, markAsRoot, softline } =
  builders;

/** The print width and indentation of PRETTIER_OPTIONS (format-files.ts); a test checks that they agree. */
export const PRINT_WIDTH = 120;
const TAB_WIDTH = 2;

// ---------------------------------------------------------------------------------------------------------------
// Syntax tree

/** A node of the tree: an ESTree (typescript-estree) node type and its fields. */
export interface Node {
  readonly type: string;
  /** Leading comments, each the text between `/*` and `*\/` (see `jsdoc`). */
  comments?: readonly string[];
  /** A blank line after this statement, member or property (prettier keeps one where the source has one). */
  blankLineAfter?: boolean;
  readonly [field: string]: unknown;
}
export type Expression = Node;
export type Statement = Node;
export type TypeNode = Node;

// Printing reads fields by name, as prettier does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNode = Node & Record<string, any>;

// --- escapers --------------------------------------------------------------------------------------------------

/**
 * A JavaScript string literal for any string, as prettier prints it: JSON.stringify's escapes (plus U+2028 and
 * U+2029, which TypeScript's scanner reads as line breaks inside a literal), in the quote prettier picks (double
 * unless the text has more double quotes than single ones), with only the quotes re-escaped (prettier's makeString).
 */
export function jsStringLiteral(value: string): string {
  const json = JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  let doubles = 0;
  let singles = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 34) doubles++;
    else if (code === 39) singles++;
  }
  if (doubles <= singles) return json;
  // Single quotes: `\"` loses its backslash, `'` gains one; every other escape stays as JSON.stringify wrote it.
  // (A loop over slices: a regular expression with a callback per quote is slow on megabytes of JSON text.)
  const parts: string[] = ["'"];
  let copied = 1;
  const end = json.length - 1;
  for (let i = 1; i < end; i++) {
    const code = json.charCodeAt(i);
    if (code === 92) {
      if (json.charCodeAt(i + 1) === 34) {
        parts.push(json.slice(copied, i));
        copied = i + 1;
      }
      i++;
    } else if (code === 39) {
      parts.push(json.slice(copied, i), "\\");
      copied = i;
    }
  }
  parts.push(json.slice(copied, end), "'");
  return parts.join("");
}

/**
 * A value as JSON text for inside a message or a comment, U+2028 and U+2029 escaped (TypeScript reads them as line
 * breaks).
 */
export function quoteJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error(`not a JSON value: ${String(value)}`);
  return text.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A JSON string (what prettier keeps as written in a `.json` file). */
export function jsonString(value: string): string {
  return JSON.stringify(value);
}

/**
 * Text for inside a block comment: `*` + `/` would end the comment and let the rest run as code; a CR is a line break
 * prettier turns into LF (endOfLine "lf").
 */
export function commentText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\*\//g, "*\\/");
}

/**
 * A JSDoc comment (the text between `/*` and `*\/`) for any text: one line when it is one short line, else a `*` line
 * per line of text. Paragraphs stay apart by one blank comment line.
 */
export function jsdoc(text: string, options: { multiline?: boolean } = {}): string {
  const lines = commentText(text).replace(/\n{3,}/g, "\n\n").split("\n");
  if (lines.length === 1 && !options.multiline) return `* ${lines[0]} `;
  return `*\n${lines.map((l) => ` * ${l}`.trimEnd()).join("\n")}\n `;
}

// --- markdown ----------------------------------------------------------------------------------------------------

/**
 * A markdown file as blocks one blank line apart: `final` text is already as prettier prints it; `prose` (the vendor's
 * own markdown: descriptions, headings, lists) is prettier's to format; a `table` is aligned here, its cells as
 * prettier prints them (verbatim when that is certain, see isVerbatimCell; the others formatted in one batch).
 */
export type MarkdownBlock =
  | { readonly kind: "final"; readonly text: string }
  | { readonly kind: "prose"; readonly text: string }
  | { readonly kind: "table"; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] };

export const finalBlock = (text: string): MarkdownBlock => ({ kind: "final", text });
export const proseBlock = (text: string): MarkdownBlock => ({ kind: "prose", text });
export const tableBlock = (header: readonly string[], rows: readonly (readonly string[])[]): MarkdownBlock => ({ kind: "table", header, rows });
/** Our text with spec text in it: final when every piece of spec text is verbatim-safe, else prettier's. */
export const mixedBlock = (text: string, specText: readonly string[]): MarkdownBlock =>
  specText.every(isVerbatimText) ? finalBlock(text) : proseBlock(text);

/** The blocks as one text before any formatting (what `--prettier` and a fallback hand to prettier). */
export function draftMarkdown(blocks: readonly MarkdownBlock[]): string {
  return (
    blocks
      .map((b) => (b.kind === "table" ? [b.header, b.header.map(() => "---"), ...b.rows].map((r) => `| ${r.join(" | ")} |`).join("\n") : b.text.replace(/\n+$/, "")))
      .join("\n\n") + "\n"
  );
}

// Printable ASCII without any of markdown's inline syntax (emphasis, links, code, html, entities, escapes): prettier
// prints such text as written, one column per character.
const VERBATIM_TEXT = /^[A-Za-z0-9 .,:;'"()?%+=/@#$^{}-]*$/;
const CODE_SPAN = /`([^`]*)`/g;

/** Spec text (within a line, not at its start) that prettier prints as written in a paragraph or a heading. */
export function isVerbatimText(text: string): boolean {
  return VERBATIM_TEXT.test(text) && !/^ | $|#$/.test(text);
}

/**
 * A table cell prettier prints as written: verbatim text and code spans of printable ASCII without `|`, backticks or
 * padding spaces (`\|` is a cell's escaped pipe).
 */
export function isVerbatimCell(text: string): boolean {
  const rest = text.replace(CODE_SPAN, (_, code: string) => (/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(code) && !code.includes("|") ? "x" : "\u0000"));
  return VERBATIM_TEXT.test(rest.replace(/\\\|/g, "x"));
}

/**
 * A table as prettier aligns it (proseWrap "preserve"): every column as wide as its widest cell (at least 3), cells
 * padded on the right, the delimiter row all dashes. `cell` gives each cell's printed text and display width.
 */
export function alignTable(header: readonly string[], rows: readonly (readonly string[])[], cell: (text: string) => { text: string; width: number }): string {
  const all = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => row[i]?.width ?? 0)));
  const line = (row: readonly { text: string; width: number }[]) => `| ${row.map((c, i) => c.text + " ".repeat(widths[i]! - c.width)).join(" | ")} |`;
  return [line(all[0]!), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...all.slice(1).map(line)].join("\n");
}

const ASCII_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * An object-literal or type-member key for any string. A key prettier would unquote (an identifier name) is written
 * bare; every other key is a string literal, with non-ASCII characters escaped so that prettier, which unquotes only
 * keys whose raw text equals their value, keeps it quoted (its identifier test is a Unicode table we do not repeat).
 * `__proto__` is computed in object literals (as a plain key it would set the prototype), a plain key in types.
 */
export function key(name: string, where: "object" | "type" = "object"): Node {
  if (name === "__proto__" && where === "object") return { type: "StringLiteral", value: name, computedKey: true };
  if (ASCII_IDENTIFIER.test(name)) return { type: "Identifier", name };
  // eslint-disable-next-line no-control-regex
  const raw = jsStringLiteral(name).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return { type: "StringLiteral", value: name, raw };
}

// --- builders: expressions -------------------------------------------------------------------------------------

export const id = (name: string): Node => ({ type: "Identifier", name });
export const str = (value: string): Node => ({ type: "StringLiteral", value });
export const bool = (value: boolean): Node => ({ type: "BooleanLiteral", value });
export const nullLiteral = (): Node => ({ type: "NullLiteral" });
export const undef = (): Node => id("undefined");
/** A number; a negative one is `-` applied to its absolute value, as it parses. -0 is 0, as in JSON. */
export function num(value: number): Node {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  if (value < 0) return unary("-", { type: "NumericLiteral", value: -value });
  return { type: "NumericLiteral", value: value === 0 ? 0 : value };
}
/** `object.name` */
export const dot = (object: Node, name: string): Node => ({ type: "MemberExpression", object, property: id(name), computed: false });
/** `object[index]` */
export const index = (object: Node, property: Node): Node => ({ type: "MemberExpression", object, property, computed: true });
export const call = (callee: Node, args: readonly Node[] = [], typeArguments?: readonly Node[]): Node => ({
  type: "CallExpression",
  callee,
  arguments: args,
  typeArguments: typeArguments === undefined ? undefined : { type: "TSTypeParameterInstantiation", params: typeArguments },
});
export const newExpression = (callee: Node, args: readonly Node[] = []): Node => ({ type: "NewExpression", callee, arguments: args });
export const unary = (operator: "!" | "-" | "+" | "~" | "typeof" | "void", argument: Node): Node => ({ type: "UnaryExpression", operator, argument, prefix: true });
export const not = (argument: Node): Node => unary("!", argument);
export const typeOf = (argument: Node): Node => unary("typeof", argument);
export const postIncrement = (argument: Node): Node => ({ type: "UpdateExpression", operator: "++", argument, prefix: false });
export function binary(operator: string, left: Node, right: Node): Node {
  const logical = operator === "&&" || operator === "||" || operator === "??";
  return { type: logical ? "LogicalExpression" : "BinaryExpression", operator, left, right };
}
/** `a && b && c`, left-associated as it parses; the one operand alone for a list of one. */
export function chain(operator: string, operands: readonly Node[]): Node {
  if (operands.length === 0) throw new Error("an operator chain needs operands");
  return operands.slice(1).reduce((left, right) => binary(operator, left, right), operands[0]!);
}
export const and = (...operands: Node[]): Node => chain("&&", operands);
export const or = (...operands: Node[]): Node => chain("||", operands);
export const conditional = (test: Node, consequent: Node, alternate: Node): Node => ({ type: "ConditionalExpression", test, consequent, alternate });
export const as = (expression: Node, typeAnnotation: Node): Node => ({ type: "TSAsExpression", expression, typeAnnotation });
export const satisfies = (expression: Node, typeAnnotation: Node): Node => ({ type: "TSSatisfiesExpression", expression, typeAnnotation });
export const spread = (argument: Node): Node => ({ type: "SpreadElement", argument });
export const assign = (left: Node, right: Node): Node => ({ type: "AssignmentExpression", operator: "=", left, right });
export const array = (elements: readonly Node[]): Node => ({ type: "ArrayExpression", elements });

export interface Property {
  readonly key: string | Node;
  readonly value: Node;
  readonly comments?: readonly string[];
  readonly blankLineAfter?: boolean;
}
/**
 * An object literal. `expand` writes it with a line break after `{`, which prettier keeps (objectWrap "preserve");
 * otherwise it stays on one line when it fits.
 */
export function object(properties: readonly (Property | Node)[], options: { expand?: boolean } = {}): Node {
  return {
    type: "ObjectExpression",
    expand: options.expand === true,
    properties: properties.map((p) => {
      if ("type" in p && typeof p.type === "string") return p;
      const property = p as Property;
      const k = typeof property.key === "string" ? key(property.key) : property.key;
      const computed = (k as AnyNode).computedKey === true;
      const shorthand = !computed && k.type === "Identifier" && property.value.type === "Identifier" && property.value.name === k.name;
      return {
        type: "ObjectProperty",
        key: k,
        value: property.value,
        computed,
        shorthand,
        ...(property.comments ? { comments: property.comments } : {}),
        ...(property.blankLineAfter ? { blankLineAfter: true } : {}),
      };
    }),
  };
}
/** A shorthand property `{ name }`. */
export const shorthand = (name: string): Node => ({ type: "ObjectProperty", key: id(name), value: id(name), computed: false, shorthand: true });

/**
 * A JSON value as an expression: objects, arrays, strings, numbers, booleans, null. `json`: for a JSON file, where
 * every key is a string as written (`__proto__` too) and every object is broken over lines.
 */
export function literal(value: unknown, options: { json?: boolean } = {}): Node {
  if (value === null) return nullLiteral();
  if (typeof value === "string") return str(value);
  if (typeof value === "number") return num(value);
  if (typeof value === "boolean") return bool(value);
  if (Array.isArray(value)) return array(value.map((v) => literal(v, options)));
  if (typeof value === "object") {
    const json = options.json === true;
    return object(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ key: json ? str(k) : k, value: literal(v, options) })),
      { expand: json },
    );
  }
  throw new Error(`not a JSON value: ${String(value)}`);
}

/** A property key as code: an identifier name bare, anything else quoted or computed (see `key`). */
export function keyText(name: string): string {
  const k = key(name) as AnyNode;
  if (k.type === "Identifier") return k.name as string;
  const quoted = (k.raw as string | undefined) ?? jsStringLiteral(name);
  return k.computedKey === true ? `[${quoted}]` : quoted;
}

/** Prettier-formatted text placed as is (a fixed piece of code); lines are re-indented to where it stands. */
/**
 * Fixed code already in prettier's form, with what it is in `dist/`: `js` (the code without its types) and `dts` (its
 * declarations); `""` when it has none there. Absent: the text is the same.
 */
export const raw = (text: string, dist: { readonly js?: string; readonly dts?: string } = {}): Node => ({ type: "Raw", text, ...dist });

// --- builders: statements and declarations ---------------------------------------------------------------------

export interface Declarator {
  readonly name: string;
  readonly type?: Node;
  readonly init?: Node;
}
function declaration(kind: "const" | "let", d: Declarator): Node {
  return {
    type: "VariableDeclaration",
    kind,
    declarations: [{ type: "VariableDeclarator", id: { type: "Identifier", name: d.name, typeAnnotation: typeAnnotation(d.type) }, init: d.init }],
  };
}
export const constDeclaration = (name: string, init: Node, type?: Node): Node => declaration("const", { name, init, ...(type ? { type } : {}) });
export const letDeclaration = (name: string, init?: Node, type?: Node): Node =>
  declaration("let", { name, ...(init ? { init } : {}), ...(type ? { type } : {}) });
export const expressionStatement = (expression: Node): Node => ({ type: "ExpressionStatement", expression });
export const block = (body: readonly Node[]): Node => ({ type: "BlockStatement", body });
const asStatement = (body: Node | readonly Node[]): Node => (Array.isArray(body) ? block(body as readonly Node[]) : (body as Node));
/** `if (test) consequent else alternate`; an array is a block. */
export const ifStatement = (test: Node, consequent: Node | readonly Node[], alternate?: Node | readonly Node[]): Node => ({
  type: "IfStatement",
  test,
  consequent: asStatement(consequent),
  alternate: alternate === undefined ? undefined : asStatement(alternate),
});
export const returnStatement = (argument?: Node): Node => ({ type: "ReturnStatement", argument });
export const throwStatement = (argument: Node): Node => ({ type: "ThrowStatement", argument });
export const breakStatement = (): Node => ({ type: "BreakStatement" });
export interface Case {
  /** The case values; none for `default:`. */
  readonly tests: readonly Node[];
  readonly body: readonly Node[];
}
/** `switch`: each case's values are fall-through labels in front of its body. */
export function switchStatement(discriminant: Node, cases: readonly Case[]): Node {
  const out: Node[] = [];
  for (const c of cases) {
    const labels = c.tests.length === 0 ? [undefined] : c.tests;
    labels.forEach((test, i) => out.push({ type: "SwitchCase", test, consequent: i === labels.length - 1 ? c.body : [] }));
  }
  return { type: "SwitchStatement", discriminant, cases: out };
}
export const forStatement = (init: Node, test: Node, update: Node, body: Node | readonly Node[]): Node => ({ type: "ForStatement", init, test, update, body: asStatement(body) });
/** `for (const name in right)` */
export const forIn = (name: string, right: Node, body: Node | readonly Node[]): Node => ({
  type: "ForInStatement",
  left: { type: "VariableDeclaration", kind: "const", declarations: [{ type: "VariableDeclarator", id: id(name) }] },
  right,
  body: asStatement(body),
});
export const tryCatch = (body: readonly Node[], param: string | undefined, handler: readonly Node[]): Node => ({
  type: "TryStatement",
  block: block(body),
  handler: { type: "CatchClause", param: param === undefined ? undefined : id(param), body: block(handler) },
});

export interface Parameter {
  readonly name: string;
  readonly type?: Node;
  readonly optional?: boolean;
  readonly default?: Node;
}
export interface FunctionOptions {
  readonly typeParameters?: readonly { name: string; constraint?: Node }[];
  /** The return type, or a type predicate (`value is T`). */
  readonly returnType?: Node;
}
export function functionDeclaration(name: string, params: readonly Parameter[], body: readonly Node[], options: FunctionOptions = {}): Node {
  return {
    type: "FunctionDeclaration",
    id: id(name),
    typeParameters: options.typeParameters
      ? { type: "TSTypeParameterDeclaration", params: options.typeParameters.map((p) => ({ type: "TSTypeParameter", name: id(p.name), constraint: p.constraint })) }
      : undefined,
    params: params.map(parameter),
    returnType: typeAnnotation(options.returnType),
    body: block(body),
  };
}
function parameter(p: Parameter): Node {
  const identifier = { type: "Identifier", name: p.name, optional: p.optional === true, typeAnnotation: typeAnnotation(p.type) };
  return p.default === undefined ? identifier : { type: "AssignmentPattern", left: identifier, right: p.default };
}
const typeAnnotation = (type: Node | undefined): Node | undefined => (type === undefined ? undefined : { type: "TSTypeAnnotation", typeAnnotation: type });

/** `export <declaration>` */
export const exported = (declaration: Node): Node => ({ type: "ExportNamedDeclaration", declaration });
export const exportAll = (source: string): Node => ({ type: "ExportAllDeclaration", source: str(source) });
export interface ImportName {
  readonly name: string;
  readonly typeOnly?: boolean;
  /** `name as alias`: the module-local name of an import, the public name of a re-export. */
  readonly alias?: string;
}
const specifier = (type: "ImportSpecifier" | "ExportSpecifier", n: string | ImportName): Node => {
  const name = typeof n === "string" ? { name: n } : n;
  return { type, imported: id(name.name), ...(name.alias !== undefined ? { local: id(name.alias) } : {}), importKind: name.typeOnly ? "type" : "value" };
};
/** `import { a, type B } from "source"`; `import type { ... }` when `typeOnly`. */
export function importDeclaration(names: readonly (string | ImportName)[], source: string, options: { typeOnly?: boolean } = {}): Node {
  return {
    type: "ImportDeclaration",
    importKind: options.typeOnly ? "type" : "value",
    specifiers: names.map((n) => specifier("ImportSpecifier", n)),
    source: str(source),
  };
}
/** `export { a, type B } from "source"`; `export type { ... }` when `typeOnly`. */
export function exportFrom(names: readonly (string | ImportName)[], source: string, options: { typeOnly?: boolean } = {}): Node {
  return {
    type: "ExportNamedDeclaration",
    importKind: options.typeOnly ? "type" : "value",
    specifiers: names.map((n) => specifier("ExportSpecifier", n)),
    source: str(source),
  };
}
export const typeAlias = (name: string, type: Node): Node => ({ type: "TSTypeAliasDeclaration", id: id(name), typeAnnotation: type });
export const interfaceDeclaration = (name: string, members: readonly Node[]): Node => ({
  type: "TSInterfaceDeclaration",
  id: id(name),
  body: { type: "TSInterfaceBody", body: members },
});

/** Attaches leading comments (texts between `/*` and `*\/`) to a statement, member or property. */
export function withComments<T extends Node>(node: T, ...comments: string[]): T {
  return { ...node, comments: [...(node.comments ?? []), ...comments] };
}
/** The same node, followed by a blank line. */
export const withBlankLine = <T extends Node>(node: T): T => ({ ...node, blankLineAfter: true });
/** The nodes with a blank line between each two. */
export const separated = <T extends Node>(nodes: readonly T[]): T[] => nodes.map((n, i) => (i < nodes.length - 1 ? withBlankLine(n) : n));

// --- builders: types -------------------------------------------------------------------------------------------

const KEYWORD_TYPES = new Set(["string", "number", "boolean", "unknown", "never", "null", "undefined", "void", "any", "object", "bigint", "symbol"]);
export function typeKeyword(name: string): Node {
  if (!KEYWORD_TYPES.has(name)) throw new Error(`not a keyword type: ${name}`);
  return { type: `TS${name[0]!.toUpperCase()}${name.slice(1)}Keyword` };
}
/** A type reference `Name` or `Name<Args>`; `A.B` for a qualified name. */
export function typeReference(name: string, typeArguments?: readonly Node[]): Node {
  const parts = name.split(".");
  const typeName = parts.slice(1).reduce<Node>((left, right) => ({ type: "TSQualifiedName", left, right: id(right) }), id(parts[0]!));
  return { type: "TSTypeReference", typeName, typeArguments: typeArguments === undefined ? undefined : { type: "TSTypeParameterInstantiation", params: typeArguments } };
}
export const literalType = (value: string | number | boolean): Node => ({
  type: "TSLiteralType",
  literal: typeof value === "string" ? str(value) : typeof value === "number" ? num(value) : bool(value),
});
export const unionType = (types: readonly Node[]): Node => (types.length === 1 ? types[0]! : { type: "TSUnionType", types });
export const intersectionType = (types: readonly Node[]): Node => (types.length === 1 ? types[0]! : { type: "TSIntersectionType", types });
export const arrayType = (elementType: Node): Node => ({ type: "TSArrayType", elementType });
export const readonlyType = (typeAnnotation: Node): Node => ({ type: "TSTypeOperator", operator: "readonly", typeAnnotation });
export const tupleType = (elementTypes: readonly Node[]): Node => ({ type: "TSTupleType", elementTypes });
export const optionalType = (typeAnnotation: Node): Node => ({ type: "TSOptionalType", typeAnnotation });
export const restType = (typeAnnotation: Node): Node => ({ type: "TSRestType", typeAnnotation });
export const indexedAccessType = (objectType: Node, indexType: Node): Node => ({ type: "TSIndexedAccessType", objectType, indexType });
export const typePredicate = (parameterName: string, type: Node): Node => ({ type: "TSTypePredicate", parameterName: id(parameterName), typeAnnotation: typeAnnotation(type) });
export interface Member {
  readonly name: string;
  readonly type: Node;
  readonly optional?: boolean;
  readonly readonly?: boolean;
  readonly comments?: readonly string[];
}
export const propertySignature = (m: Member): Node => ({
  type: "TSPropertySignature",
  key: key(m.name, "type"),
  optional: m.optional === true,
  readonly: m.readonly === true,
  typeAnnotation: typeAnnotation(m.type),
  ...(m.comments && m.comments.length > 0 ? { comments: m.comments } : {}),
});
/** `[key: string]: type` */
export const indexSignature = (parameter: string, parameterType: Node, type: Node, comments?: readonly string[]): Node => ({
  type: "TSIndexSignature",
  parameters: [{ type: "Identifier", name: parameter, typeAnnotation: typeAnnotation(parameterType) }],
  typeAnnotation: typeAnnotation(type),
  ...(comments && comments.length > 0 ? { comments } : {}),
});
/** An object type `{ ... }`; `expand` writes it with a line break after `{` (prettier keeps it broken). */
export const typeLiteral = (members: readonly Node[], options: { expand?: boolean } = {}): Node => ({ type: "TSTypeLiteral", members, expand: options.expand === true });

// ---------------------------------------------------------------------------------------------------------------
// Printing

class Path {
  // Parallel stacks (no object per step: the printer walks every node of megabytes of code).
  private readonly nodes: AnyNode[] = [];
  private readonly keys: (string | undefined)[] = [];
  private readonly indexes: (number | undefined)[] = [];

  constructor(root: AnyNode) {
    this.nodes.push(root);
    this.keys.push(undefined);
    this.indexes.push(undefined);
  }

  get node(): AnyNode {
    return this.nodes[this.nodes.length - 1]!;
  }
  get key(): string | undefined {
    return this.keys[this.keys.length - 1];
  }
  get index(): number | undefined {
    return this.indexes[this.indexes.length - 1];
  }
  get parent(): AnyNode | undefined {
    return this.nodes[this.nodes.length - 2];
  }
  get grandparent(): AnyNode | undefined {
    return this.nodes[this.nodes.length - 3];
  }
  /** The ancestor `level` above the parent (0: the parent). */
  getParentNode(level = 0): AnyNode | undefined {
    return this.nodes[this.nodes.length - 2 - level];
  }
  /** The key under which the node `level` above the current one (0: the current node) hangs in its parent. */
  keyAt(level: number): string | undefined {
    return this.keys[this.keys.length - 1 - level];
  }

  call<T>(fn: () => T, key: string, index?: number): T {
    const field = this.node[key];
    const child = index === undefined ? field : (field as AnyNode[])[index];
    if (child === undefined || child === null) throw new Error(`no ${key}${index === undefined ? "" : `[${index}]`} on ${this.node.type}`);
    this.nodes.push(child as AnyNode);
    this.keys.push(key);
    this.indexes.push(index);
    try {
      return fn();
    } finally {
      this.nodes.pop();
      this.keys.pop();
      this.indexes.pop();
    }
  }

  map<T>(fn: (index: number, isLast: boolean) => T, key: string): T[] {
    const list = this.node[key] as AnyNode[];
    const out: T[] = new Array<T>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = this.call(() => fn(i, i === list.length - 1), key, i);
    return out;
  }
}

interface PrintArgs {
  readonly assignmentLayout?: string;
  readonly expandLastArg?: boolean;
  readonly expandFirstArg?: boolean;
}

interface Language {
  /** JSON (prettier's "json" parser): no trailing commas, strings as written, keys never unquoted. */
  readonly json: boolean;
}

class Printer {
  constructor(readonly language: Language) {}

  print(path: Path, args?: PrintArgs): Doc {
    const node = path.node;
    let doc = this.printWithoutParentheses(path, args);
    if (needsParens(path)) doc = inheritLabel(doc, (d) => ["(", d, ")"]);
    if (node.comments !== undefined && node.comments.length > 0) {
      const comments = node.comments.map((c) => [printComment(c), hardline]);
      doc = inheritLabel(doc, (d) => [comments, d]);
    }
    return doc;
  }

  /** Prints the child `key` (or `key[index]`). */
  child(path: Path, key: string, args?: PrintArgs, index?: number): Doc {
    return path.call(() => this.print(path, args), key, index);
  }

  printWithoutParentheses(path: Path, args: PrintArgs | undefined): Doc {
    const node = path.node;
    const p = (key: string, a?: PrintArgs) => this.child(path, key, a);
    switch (node.type) {
      case "Program":
        return node.body.length > 0 ? [this.statementSequence(path, "body"), hardline] : "";
      case "Raw":
        return join(hardline, (node.text as string).split("\n"));
      case "ExpressionStatement":
        return [p("expression"), ";"];
      case "BlockStatement":
        return this.printBlock(path);
      case "VariableDeclaration": {
        // printVariableDeclaration (one declarator)
        const printed = path.map(() => this.print(path), "declarations");
        const parent = path.parent;
        const inFor = (path.key === "init" && parent?.type === "ForStatement") || (path.key === "left" && parent?.type === "ForInStatement");
        return group([node.kind, " ", printed[0]!, inFor ? "" : ";"]);
      }
      case "VariableDeclarator":
        return this.printAssignment(path, p("id"), " =", "init");
      case "AssignmentExpression":
        return this.printAssignment(path, p("left"), [" ", node.operator], "right");
      case "IfStatement":
        return this.printIf(path);
      case "ForStatement": {
        const body = this.printClause(path, "body");
        return group(["for (", group([indent([softline, p("init"), ";", line, p("test"), ";", line, p("update")]), softline]), ")", body]);
      }
      case "ForInStatement":
        return group(["for", " (", p("left"), align(1, lineSuffixBoundary), " ", "in", " ", p("right"), ")", this.printClause(path, "body")]);
      case "ReturnStatement":
      case "ThrowStatement":
        return [node.type === "ReturnStatement" ? "return" : "throw", node.argument ? [" ", path.call(() => this.printReturnArgument(path), "argument")] : "", ";"];
      case "BreakStatement":
        return "break;";
      case "TryStatement":
        return ["try ", p("block"), node.handler ? [" ", p("handler")] : ""];
      case "CatchClause":
        return node.param ? ["catch ", "(", p("param"), ") ", p("body")] : ["catch ", p("body")];
      case "SwitchStatement":
        return [
          group(["switch (", indent([softline, p("discriminant")]), softline, ")"]),
          " {",
          node.cases.length > 0 ? indent([hardline, join(hardline, path.map((_i, isLast) => [this.print(path), !isLast && path.node.blankLineAfter ? hardline : ""], "cases"))]) : "",
          hardline,
          "}",
        ];
      case "SwitchCase": {
        const parts: Doc[] = node.test ? ["case ", p("test"), ":"] : ["default:"];
        const consequent = node.consequent as AnyNode[];
        if (consequent.length > 0) {
          const body = this.statementSequence(path, "consequent");
          parts.push(consequent.length === 1 && consequent[0]!.type === "BlockStatement" ? [" ", body] : indent([hardline, body]));
        }
        return parts;
      }
      case "FunctionDeclaration":
        return this.printFunction(path);
      case "TSDeclareFunction":
        return ["declare ", this.printFunction(path), ";"];
      case "DeclareVariable":
        return ["declare ", node.kind as string, " ", p("id"), ";"];
      case "ExportNamedDeclaration":
        if (node.source !== undefined) {
          return ["export", node.importKind === "type" ? " type" : "", this.printImportSpecifiers(path), " from", " ", p("source"), ";"];
        }
        return ["export", " ", p("declaration")];
      case "ExportAllDeclaration":
        return ["export", " *", " from", " ", p("source"), ";"];
      case "ImportDeclaration":
        return ["import", node.importKind === "type" ? " type" : "", this.printImportSpecifiers(path), " from", " ", p("source"), ";"];
      case "ImportSpecifier":
      case "ExportSpecifier":
        return [node.importKind === "type" ? "type " : "", p("imported"), node.local !== undefined ? [" as ", p("local")] : ""];
      case "TSTypeAliasDeclaration":
        return [this.printAssignment(path, ["type ", p("id")], " =", "typeAnnotation"), ";"];
      case "TSInterfaceDeclaration":
        return ["interface", " ", p("id"), " ", p("body")];
      case "TSInterfaceBody":
      case "TSTypeLiteral":
        return this.printTypeMembers(path);

      // expressions
      case "Identifier":
        if (!node.optional && !node.typeAnnotation) return node.name as string;
        return [node.name, node.optional ? "?" : "", this.typeAnnotation(path)];
      case "StringLiteral":
        if (node.raw !== undefined) return node.raw as string;
        return this.language.json ? jsonString(node.value) : printedLiteral(node);
      case "NumericLiteral":
        return printNumber(String(node.value));
      case "BooleanLiteral":
        return node.value ? "true" : "false";
      case "NullLiteral":
        return "null";
      case "MemberExpression":
        return this.printMemberExpression(path);
      case "CallExpression":
      case "NewExpression":
        return this.printCallExpression(path);
      case "UnaryExpression": {
        const parts: Doc[] = [node.operator];
        if (/[a-z]$/.test(node.operator)) parts.push(" ");
        parts.push(p("argument"));
        return parts;
      }
      case "UpdateExpression":
        return [node.prefix ? node.operator : "", p("argument"), node.prefix ? "" : node.operator];
      case "BinaryExpression":
      case "LogicalExpression":
        return this.printBinaryish(path);
      case "ConditionalExpression":
        return this.printTernary(path);
      case "TSAsExpression":
      case "TSSatisfiesExpression": {
        // printBinaryCastExpression
        const parts: Doc[] = [p("expression"), " ", node.type === "TSSatisfiesExpression" ? "satisfies" : "as", " ", p("typeAnnotation")];
        const parent = path.parent!;
        if ((path.key === "callee" && isCallOrNew(parent)) || (path.key === "object" && parent.type === "MemberExpression")) {
          return group([indent([softline, ...parts]), softline]);
        }
        return parts;
      }
      case "SpreadElement":
        return ["...", p("argument")];
      case "ObjectExpression":
        return this.printObject(path);
      case "ObjectProperty":
        if (node.shorthand) return p("value");
        return this.printAssignment(path, this.printPropertyKey(path), ":", "value");
      case "ArrayExpression":
      case "TSTupleType":
        return this.printArray(path);
      case "AssignmentPattern":
        return [p("left"), " = ", p("right")];

      // types
      case "TSTypeAnnotation":
        return [":", " ", p("typeAnnotation")];
      case "TSStringKeyword":
      case "TSNumberKeyword":
      case "TSBooleanKeyword":
      case "TSUnknownKeyword":
      case "TSNeverKeyword":
      case "TSNullKeyword":
      case "TSUndefinedKeyword":
      case "TSVoidKeyword":
      case "TSAnyKeyword":
      case "TSObjectKeyword":
      case "TSBigintKeyword":
      case "TSSymbolKeyword":
        return node.type.slice(2, -7).toLowerCase();
      case "TSTypeReference":
        return [p("typeName"), node.typeArguments ? p("typeArguments") : ""];
      case "TSQualifiedName":
        return [p("left"), ".", p("right")];
      case "TSTypeParameterInstantiation":
      case "TSTypeParameterDeclaration":
        return this.printTypeParameters(path);
      case "TSTypeParameter":
        return this.printTypeParameter(path);
      case "TSLiteralType":
        return p("literal");
      case "TSUnionType":
        return this.printUnionType(path, args);
      case "TSIntersectionType":
        return this.printIntersectionType(path);
      case "TSArrayType":
        return [p("elementType"), "[]"];
      case "TSTypeOperator":
        return [node.operator, " ", p("typeAnnotation")];
      case "TSOptionalType":
        return [p("typeAnnotation"), "?"];
      case "TSRestType":
        return ["...", p("typeAnnotation")];
      case "TSIndexedAccessType":
        return [p("objectType"), "[", p("indexType"), "]"];
      case "TSTypePredicate":
        return [p("parameterName"), node.typeAnnotation ? [" is ", path.call(() => this.child(path, "typeAnnotation"), "typeAnnotation")] : ""];
      case "TSPropertySignature":
        return [group([node.readonly ? "readonly " : "", this.printPropertyKey(path), node.optional ? "?" : "", this.typeAnnotation(path)]), this.memberSeparator(path)];
      case "TSIndexSignature": {
        const parameters = group([indent([softline, join([", ", softline], path.map(() => this.print(path), "parameters"))]), softline]);
        return [group([node.readonly ? "readonly " : "", "[", parameters, "]", this.typeAnnotation(path)]), this.memberSeparator(path)];
      }
      default:
        throw new Error(`write-code cannot print a ${node.type}`);
    }
  }

  typeAnnotation(path: Path): Doc {
    return path.node.typeAnnotation ? this.child(path, "typeAnnotation") : "";
  }

  /** printStatementSequence: one statement per line, a blank line where the statement asks for one. */
  statementSequence(path: Path, key: string): Doc {
    const parts: Doc[] = [];
    path.map((_i, isLast) => {
      parts.push(this.print(path));
      if (!isLast) {
        parts.push(hardline);
        if (path.node.blankLineAfter) parts.push(hardline);
      }
    }, key);
    return parts;
  }

  /** printBlock */
  printBlock(path: Path): Doc {
    const node = path.node;
    if (node.body.length > 0) return ["{", indent([hardline, this.statementSequence(path, "body")]), hardline, "}"];
    const parent = path.parent!;
    const keepsShut = parent.type === "FunctionDeclaration" || parent.type === "ArrowFunctionExpression" || parent.type === "ForStatement" || parent.type === "CatchClause";
    return keepsShut ? "{}" : ["{", hardline, "}"];
  }

  /** printClause (the body of a loop or an `if`) */
  printClause(path: Path, key: string): Doc {
    return path.call(() => {
      const doc = this.print(path);
      const node = path.node;
      if (node.type === "BlockStatement" || (node.type === "IfStatement" && path.parent!.type === "IfStatement" && path.key === "alternate")) return [" ", doc];
      return indent([line, doc]);
    }, key);
  }

  /** printIfStatement */
  printIf(path: Path): Doc {
    const node = path.node;
    const test = path.call(() => {
      const doc = this.print(path);
      return shouldInlineCondition(path.node) ? doc : group([indent([softline, doc]), softline]);
    }, "test");
    const opening = group(["if (", test, ")", this.printClause(path, "consequent")]);
    if (!node.alternate) return opening;
    const blockConsequent = node.consequent.type === "BlockStatement";
    return [opening, blockConsequent ? " " : hardline, "else", group(this.printClause(path, "alternate"))];
  }

  /** printReturnOrThrowArgument */
  printReturnArgument(path: Path): Doc {
    const doc = this.print(path);
    if (isBinaryish(path.node)) return group([ifBreak("("), indent([softline, doc]), softline, ifBreak(")")]);
    return doc;
  }

  /** printFunction (declarations) */
  printFunction(path: Path): Doc {
    const node = path.node;
    const params = this.printFunctionParameters(path);
    const returnType = this.printReturnType(path);
    const shouldGroupParameters = shouldGroupFunctionParameters(node, returnType);
    return [
      "function",
      " ",
      this.child(path, "id"),
      node.typeParameters ? this.child(path, "typeParameters") : "",
      group([shouldGroupParameters ? group(params) : params, returnType]),
      ...(node.body ? [" ", this.child(path, "body")] : []),
    ];
  }

  printReturnType(path: Path): Doc {
    return path.node.returnType ? this.child(path, "returnType") : "";
  }

  /** printFunctionParameters (no expansion as a call argument: only declarations are printed) */
  printFunctionParameters(path: Path): Doc {
    const node = path.node;
    const parameters = node.params as AnyNode[];
    if (parameters.length === 0) return ["(", ")"];
    const hug = shouldHugTheOnlyFunctionParameter(node);
    const printed: Doc[] = [];
    path.map((_i, isLast) => {
      printed.push(this.print(path));
      if (!isLast) printed.push(",", hug ? " " : line);
    }, "params");
    if (hug) return ["(", ...printed, ")"];
    return ["(", indent([softline, ...printed]), ifBreak(","), softline, ")"];
  }

  /** printTypeParameters */
  printTypeParameters(path: Path): Doc {
    const node = path.node;
    const params = node.params as AnyNode[];
    if (params.length === 0 || (params.length === 1 && shouldHugType(params[0]!))) {
      return ["<", join(", ", path.map(() => this.print(path), "params")), ">"];
    }
    const trailingComma = node.type === "TSTypeParameterInstantiation" ? "" : ifBreak(",");
    return group(["<", indent([softline, join([",", line], path.map(() => this.print(path), "params"))]), trailingComma, softline, ">"]);
  }

  /** printTypeParameter */
  printTypeParameter(path: Path): Doc {
    const parts: Doc[] = [this.child(path, "name")];
    if (path.node.constraint) {
      const groupId = Symbol("constraint");
      parts.push(" extends", group(indent(line), { id: groupId }), lineSuffixBoundary, indentIfBreak(this.child(path, "constraint"), { groupId }));
    }
    return group(parts);
  }

  /** printModuleSpecifiers */
  printImportSpecifiers(path: Path): Doc {
    const specifiers = path.map(() => this.print(path), "specifiers");
    if (specifiers.length === 0) return " {}";
    if (specifiers.length === 1) return [" ", ["{", " ", ...specifiers, " ", "}"]];
    return [" ", group(["{", indent([line, join([",", line], specifiers)]), ifBreak(","), line, "}"])];
  }

  /** printPropertyKey (quoteProps "as-needed": keys are built by `key`, already in the form prettier keeps) */
  printPropertyKey(path: Path): Doc {
    const node = path.node;
    const k = node.key as AnyNode;
    if (node.computed) return ["[", this.child(path, "key"), "]"];
    if (this.language.json && k.type === "Identifier") return JSON.stringify(k.name);
    return this.child(path, "key");
  }

  /** The `;` after a member of an interface (always) or a type literal (`;` between, and one when broken). */
  memberSeparator(path: Path): Doc {
    if (path.parent!.type === "TSInterfaceBody") return ";";
    const members = path.parent!.members as AnyNode[];
    return path.index === members.length - 1 ? ifBreak(";") : ";";
  }

  /** printClassBody-style printing of TSInterfaceBody and TSTypeLiteral */
  printTypeMembers(path: Path): Doc {
    const node = path.node;
    const isInterface = node.type === "TSInterfaceBody";
    const key = isInterface ? "body" : "members";
    const separator = isInterface ? hardline : line;
    const parts: Doc[] = [];
    path.map((_i, isLast) => {
      parts.push(this.print(path));
      if (!isLast) {
        parts.push(separator);
        if (path.node.blankLineAfter) parts.push(hardline);
      }
    }, key);
    if (!isInterface) {
      if (parts.length === 0) return "{}";
      const content: Doc = ["{", indent([line, ...parts]), line, "}"];
      const shouldBreak = node.expand === true;
      // The object type of a hugged only parameter is not grouped (its group is the parameter list's).
      const hugged =
        path.keyAt(0) === "typeAnnotation" && path.keyAt(1) === "typeAnnotation" && (path.keyAt(2) === "params") && shouldHugTheOnlyFunctionParameter(path.getParentNode(2)!);
      return hugged ? content : group(content, { shouldBreak });
    }
    return ["{", parts.length > 0 ? [indent([hardline, parts]), hardline] : "", "}"];
  }

  /** printObject (ObjectExpression) */
  printObject(path: Path): Doc {
    const node = path.node;
    const properties = node.properties as AnyNode[];
    const shouldBreak = node.expand === true && properties.length > 0;
    let separatorParts: Doc[] = [];
    const props = path.map(() => {
      const result = [...separatorParts, this.print(path)];
      separatorParts = [",", line];
      if (path.node.blankLineAfter) separatorParts.push(hardline);
      return result;
    }, "properties");
    if (props.length === 0) return group(["{", "}"]);
    const trailing = this.language.json ? "" : ifBreak(",");
    return group(["{", indent([line, ...props]), trailing, line, "}"], { shouldBreak });
  }

  /** printArray (ArrayExpression, TSTupleType) */
  printArray(path: Path): Doc {
    const node = path.node;
    const key = node.type === "TSTupleType" ? "elementTypes" : "elements";
    const elements = node[key] as AnyNode[];
    if (elements.length === 0) return group(["[", "]"]);
    const groupId = Symbol("array");
    const shouldBreak =
      elements.length > 1 &&
      elements.every((element, i) => {
        if (element.type !== "ArrayExpression" && element.type !== "ObjectExpression") return false;
        const next = elements[i + 1];
        if (next && element.type !== next.type) return false;
        const items = element.type === "ArrayExpression" ? element.elements : element.properties;
        return items.length > 1;
      });
    const concise = isConciselyPrintedArray(node);
    const trailingComma = this.language.json ? "" : concise ? ifBreak(",", "", { groupId }) : ifBreak(",");
    let contents: Doc;
    if (concise) {
      const parts: Doc[] = [];
      path.map((_i, isLast) => {
        parts.push([this.print(path), isLast ? trailingComma : ","]);
        if (!isLast) parts.push(line);
      }, key);
      contents = fill(parts);
    } else {
      const parts: Doc[] = [];
      path.map((_i, isLast) => {
        parts.push(group(this.print(path)));
        if (!isLast) parts.push([",", line]);
      }, key);
      contents = [parts, trailingComma];
    }
    return group(["[", indent([softline, contents]), softline, "]"], { shouldBreak, id: groupId });
  }

  /** printMemberExpression */
  printMemberExpression(path: Path): Doc {
    const node = path.node;
    const objectDoc = this.child(path, "object");
    const lookupDoc = this.printMemberLookup(path);
    let level = 0;
    while (path.getParentNode(level)?.type === "MemberExpression") level++;
    const firstNonMemberParent = path.getParentNode(level)!;
    const parent = path.parent!;
    const shouldInline =
      (firstNonMemberParent.type === "AssignmentExpression" && firstNonMemberParent.left.type !== "Identifier") ||
      shouldInlineNewExpressionCallee(path) ||
      node.computed ||
      (node.object.type === "Identifier" && node.property.type === "Identifier" && parent.type !== "MemberExpression") ||
      ((parent.type === "AssignmentExpression" || parent.type === "VariableDeclarator") &&
        ((isCallExpression(node.object) && node.object.arguments.length > 0) || labelOf(objectDoc)?.memberChain === true));
    return label(labelOf(objectDoc), [objectDoc, lineSuffixBoundary, shouldInline ? lookupDoc : group(indent([softline, lookupDoc]))]);
  }

  /** printMemberLookup */
  printMemberLookup(path: Path): Doc {
    const node = path.node;
    const property = this.child(path, "property");
    if (!node.computed) return [".", property];
    if (node.property.type === "NumericLiteral") return ["[", property, "]"];
    return group(["[", indent([softline, property]), softline, "]"]);
  }

  /** printCallExpression */
  printCallExpression(path: Path): Doc {
    const node = path.node;
    const isNew = node.type === "NewExpression";
    if (!isNew && node.callee.type === "MemberExpression") return this.printMemberChain(path);
    const contents: Doc[] = [isNew ? "new " : "", this.child(path, "callee"), lineSuffixBoundary, node.typeArguments ? this.child(path, "typeArguments") : "", this.printCallArguments(path)];
    return isCallExpression(node.callee) ? group(contents) : contents;
  }

  /** printCallArguments */
  printCallArguments(path: Path): Doc {
    const node = path.node;
    const args = node.arguments as AnyNode[];
    if (args.length === 0) return group(["(", ")"]);
    const printedArguments = path.map((_i, isLast) => {
      const doc = this.print(path);
      return isLast ? doc : [doc, ",", line];
    }, "arguments");
    const trailingComma = ifBreak(",");
    const allArgsBrokenOut = () => group(["(", indent([line, ...printedArguments]), trailingComma, line, ")"], { shouldBreak: true });

    if (shouldExpandLastArg(args)) {
      const headArgs = printedArguments.slice(0, -1);
      if (headArgs.some(willBreak)) return allArgsBrokenOut();
      const lastArg = path.call(() => this.print(path, { expandLastArg: true }), "arguments", args.length - 1);
      if (willBreak(lastArg)) {
        return [breakParent, conditionalGroup([["(", ...headArgs, group(lastArg, { shouldBreak: true }), ")"], allArgsBrokenOut()])];
      }
      return conditionalGroup([["(", ...headArgs, lastArg, ")"], ["(", ...headArgs, group(lastArg, { shouldBreak: true }), ")"], allArgsBrokenOut()]);
    }
    const contents = ["(", indent([softline, ...printedArguments]), trailingComma, softline, ")"];
    if (isLongCurriedCallExpression(path)) return contents;
    return group(contents, { shouldBreak: printedArguments.some(willBreak) });
  }

  /** printMemberChain (no comments, no blank lines in chains) */
  printMemberChain(path: Path): Doc {
    const parent = path.parent!;
    const isExpressionStatement = parent.type === "ExpressionStatement";
    const printedNodes: { node: AnyNode; printed: Doc }[] = [];
    const rec = (): void => {
      const node = path.node;
      if (isCallExpression(node) && (node.callee.type === "MemberExpression" || isCallExpression(node.callee)) && !needsParens(path)) {
        printedNodes.unshift({ node, printed: [node.typeArguments ? this.child(path, "typeArguments") : "", this.printCallArguments(path)] });
        path.call(rec, "callee");
      } else if (node.type === "MemberExpression" && !needsParens(path)) {
        printedNodes.unshift({ node, printed: this.printMemberLookup(path) });
        path.call(rec, "object");
      } else {
        printedNodes.unshift({ node, printed: this.print(path) });
      }
    };
    const node = path.node;
    printedNodes.unshift({ node, printed: [node.typeArguments ? this.child(path, "typeArguments") : "", this.printCallArguments(path)] });
    path.call(rec, "callee");

    const groups: (typeof printedNodes)[] = [];
    let currentGroup = [printedNodes[0]!];
    let i = 1;
    for (; i < printedNodes.length; ++i) {
      const n = printedNodes[i]!.node;
      if (isCallExpression(n) || (n.type === "MemberExpression" && n.computed && n.property.type === "NumericLiteral")) currentGroup.push(printedNodes[i]!);
      else break;
    }
    if (!isCallExpression(printedNodes[0]!.node)) {
      for (; i + 1 < printedNodes.length; ++i) {
        if (printedNodes[i]!.node.type === "MemberExpression" && printedNodes[i + 1]!.node.type === "MemberExpression") currentGroup.push(printedNodes[i]!);
        else break;
      }
    }
    groups.push(currentGroup);
    currentGroup = [];
    let hasSeenCallExpression = false;
    for (; i < printedNodes.length; ++i) {
      const n = printedNodes[i]!.node;
      if (hasSeenCallExpression && n.type === "MemberExpression") {
        if (n.computed && n.property.type === "NumericLiteral") {
          currentGroup.push(printedNodes[i]!);
          continue;
        }
        groups.push(currentGroup);
        currentGroup = [];
        hasSeenCallExpression = false;
      }
      if (isCallExpression(n)) hasSeenCallExpression = true;
      currentGroup.push(printedNodes[i]!);
    }
    if (currentGroup.length > 0) groups.push(currentGroup);

    const isFactory = (name: string) => /^[A-Z]|^[$_]+$/.test(name);
    const isShort = (name: string) => name.length <= TAB_WIDTH;
    const shouldNotWrap = (gs: typeof groups): boolean => {
      const hasComputed = gs[1]![0]?.node.computed === true;
      if (gs[0]!.length === 1) {
        const first = gs[0]![0]!.node;
        return first.type === "ThisExpression" || (first.type === "Identifier" && (isFactory(first.name) || (isExpressionStatement && isShort(first.name)) || hasComputed));
      }
      const last = gs[0]![gs[0]!.length - 1]!.node;
      return last.type === "MemberExpression" && last.property.type === "Identifier" && (isFactory(last.property.name) || hasComputed);
    };
    const shouldMerge = groups.length >= 2 && groups[1]!.length > 0 && shouldNotWrap(groups);
    const printGroup = (g: typeof printedNodes): Doc[] => g.map((t) => t.printed);
    const printIndentedGroup = (gs: typeof groups): Doc => (gs.length === 0 ? "" : indent([hardline, join(hardline, gs.map(printGroup))]));
    const printedGroups = groups.map(printGroup);
    const oneLine = printedGroups;
    const cutoff = shouldMerge ? 3 : 2;
    if (groups.length <= cutoff) {
      return isLongCurriedCallExpression(path) ? oneLine : group(oneLine);
    }
    const expanded = [printGroup(groups[0]!), shouldMerge ? groups.slice(1, 2).map(printGroup) : "", printIndentedGroup(groups.slice(shouldMerge ? 2 : 1))];
    const callExpressions = printedNodes.map((t) => t.node).filter(isCallExpression);
    const lastGroupWillBreakAndOtherCallsHaveFunctionArguments = () => false;
    let result: Doc;
    if (
      (callExpressions.length > 2 && callExpressions.some((expr) => !(expr.arguments as AnyNode[]).every((arg) => isSimpleCallArgument(arg)))) ||
      printedGroups.slice(0, -1).some(willBreak) ||
      lastGroupWillBreakAndOtherCallsHaveFunctionArguments()
    ) {
      result = group(expanded);
    } else {
      result = [willBreak(oneLine) ? breakParent : "", conditionalGroup([oneLine, expanded])];
    }
    return label({ memberChain: true }, result);
  }

  /** printBinaryishExpression */
  printBinaryish(path: Path): Doc {
    const node = path.node;
    const parent = path.parent!;
    const grandparent = path.grandparent;
    const key = path.key;
    const isInsideParenthesis =
      key !== "body" && (parent.type === "IfStatement" || parent.type === "WhileStatement" || parent.type === "SwitchStatement" || parent.type === "DoWhileStatement");
    const parts = this.printBinaryishExpressions(path, isInsideParenthesis);
    if (isInsideParenthesis) return parts;
    if ((key === "callee" && isCallOrNew(parent)) || parent.type === "UnaryExpression" || (parent.type === "MemberExpression" && !parent.computed)) {
      return group([indent([softline, ...parts]), softline]);
    }
    const shouldNotIndent =
      (key === "argument" && (parent.type === "ReturnStatement" || parent.type === "ThrowStatement" || parent.type === "UnaryExpression")) ||
      (key !== "body" && parent.type === "ForStatement") ||
      (parent.type === "ConditionalExpression" && grandparent !== undefined && grandparent.type !== "ReturnStatement" && grandparent.type !== "ThrowStatement" && !isCallOrNew(grandparent)) ||
      (key === "arguments" && isBooleanTypeCoercion(parent));
    const shouldIndentIfInlining = parent.type === "AssignmentExpression" || parent.type === "VariableDeclarator" || parent.type === "ObjectProperty";
    if (shouldNotIndent || shouldInlineLogicalChain(node) || (!shouldInlineLogicalExpression(node) && shouldIndentIfInlining)) return group(parts);
    if (parts.length === 0) return "";
    const firstGroupIndex = parts.findIndex((part) => typeof part !== "string" && !Array.isArray(part) && part.type === "group");
    const headParts = parts.slice(0, firstGroupIndex === -1 ? 1 : firstGroupIndex + 1);
    const rest = parts.slice(headParts.length);
    return group([...headParts, indent(rest)], { id: Symbol("logicalChain") });
  }

  /** printBinaryishExpressions: operators of one precedence flattened into one list of parts */
  printBinaryishExpressions(path: Path, isInsideParenthesis: boolean): Doc[] {
    const node = path.node;
    if (!isBinaryish(node)) return [group(this.print(path))];
    const lefts: string[] = [];
    let current = node;
    while (isBinaryish(current.left) && shouldFlatten(current.operator, current.left.operator)) {
      lefts.push("left");
      current = current.left;
    }
    let parts: Doc[] = [];
    for (let l = lefts.length; l >= 0; l--) {
      const step = () => {
        const n = path.node;
        if (parts.length === 0) parts.push(group(this.child(path, "left")));
        const shouldInline = shouldInlineLogicalExpression(n);
        let right: Doc = shouldInline ? [n.operator, " ", this.child(path, "right")] : [n.operator, line, this.child(path, "right")];
        const parent = path.parent!;
        const shouldGroup = !(isInsideParenthesis && n.type === "LogicalExpression") && parent.type !== n.type && n.left.type !== n.type && n.right.type !== n.type;
        if (shouldGroup) right = group(right);
        parts.push(" ", right);
      };
      const keys = lefts.slice(0, l);
      const run = (depth: number): void => (depth === keys.length ? step() : path.call(() => run(depth + 1), "left"));
      run(0);
    }
    return parts;
  }

  /** printTernaryOld, normal mode (no JSX) */
  printTernary(path: Path): Doc {
    const node = path.node;
    const parent = path.parent!;
    const isParentTest = parent.type === node.type && path.key === "test";
    const forceNoIndent = parent.type === node.type && !isParentTest;
    // Whether the parent is the first ancestor that is not a conditional this one hangs from as a branch.
    const parentIsFirstNonConditional = parent.type !== node.type || path.key === "test";
    const branch = (k: string) => align(2, this.child(path, k));
    const consequentIsTernary = node.consequent.type === node.type;
    const part: Doc[] = [line, "? ", consequentIsTernary ? ifBreak("", "(") : "", branch("consequent"), consequentIsTernary ? ifBreak("", ")") : "", line, ": ", branch("alternate")];
    const parts: Doc = parent.type !== node.type || path.key === "alternate" || isParentTest ? part : align(Math.max(0, TAB_WIDTH - 2), part);
    const breakClosingParen = parent.type === "MemberExpression" && !parent.computed;
    const shouldExtraIndent = shouldExtraIndentForConditionalExpression(path);
    const test = this.child(path, "test");
    const printedTest = parent.type === node.type && path.key === "alternate" ? align(2, test) : test;
    const contents: Doc = [printedTest, forceNoIndent ? parts : indent(parts), breakClosingParen && !shouldExtraIndent ? softline : ""];
    const result = parentIsFirstNonConditional ? group(contents) : contents;
    return isParentTest || shouldExtraIndent ? group([indent([softline, result]), softline]) : result;
  }

  /** printAssignment (and chooseLayout) */
  printAssignment(path: Path, leftDoc: Doc, operator: Doc, rightKey: string): Doc {
    const layout = this.chooseLayout(path, leftDoc, rightKey);
    const rightDoc = path.node[rightKey] ? this.child(path, rightKey, { assignmentLayout: layout }) : "";
    switch (layout) {
      case "break-after-operator":
        return group([group(leftDoc), operator, group(indent([line, rightDoc]))]);
      case "never-break-after-operator":
        return group([group(leftDoc), operator, " ", rightDoc]);
      case "fluid": {
        const groupId = Symbol("assignment");
        return group([group(leftDoc), operator, group(indent(line), { id: groupId }), lineSuffixBoundary, indentIfBreak(rightDoc, { groupId })]);
      }
      case "break-lhs":
        return group([leftDoc, operator, " ", group(rightDoc)]);
      default:
        return leftDoc;
    }
  }

  chooseLayout(path: Path, leftDoc: Doc, rightKey: string): string {
    const node = path.node;
    const right = node[rightKey] as AnyNode | undefined;
    if (!right) return "only-left";
    if (right.type === "TSUnionType" && !shouldHugUnionType(right)) return "break-after-operator";
    if (this.language.json) return "never-break-after-operator";
    if (right.type === "CallExpression" && right.callee.name === "require") return "never-break-after-operator";
    const canBreakLeftDoc = canBreak(leftDoc);
    if (hasComplexTypeAnnotation(node) || (node.type === "VariableDeclarator" && node.init?.type === "ArrowFunctionExpression" && canBreakLeftDoc)) return "break-lhs";
    // isObjectPropertyWithShortKey (keys are printable ASCII here: `key` escapes the rest, so width is length)
    const hasShortKey = node.type === "ObjectProperty" && typeof leftDoc === "string" && leftDoc.length < TAB_WIDTH + 3;
    if (path.call(() => this.shouldBreakAfterOperator(path, hasShortKey), rightKey)) return "break-after-operator";
    if (!canBreakLeftDoc && (hasShortKey || right.type === "TemplateLiteral" || right.type === "BooleanLiteral" || right.type === "NumericLiteral" || right.type === "ClassExpression")) {
      return "never-break-after-operator";
    }
    return "fluid";
  }

  shouldBreakAfterOperator(path: Path, hasShortKey: boolean): boolean {
    const right = path.node;
    if (isBinaryish(right) && !shouldInlineLogicalExpression(right)) return true;
    if (right.type === "ConditionalExpression") return isBinaryish(right.test) && !shouldInlineLogicalExpression(right.test);
    if (hasShortKey) return false;
    const keys: string[] = [];
    let n = right;
    while (n.type === "UnaryExpression") {
      n = n.argument;
      keys.push("argument");
    }
    if (n.type === "StringLiteral") return true;
    const run = (depth: number): boolean => (depth === keys.length ? this.isPoorlyBreakableMemberOrCallChain(path) : path.call(() => run(depth + 1), keys[depth]!));
    return run(0);
  }

  /** isPoorlyBreakableMemberOrCallChain */
  isPoorlyBreakableMemberOrCallChain(path: Path, deep = false): boolean {
    const node = path.node;
    if (isCallExpression(node)) {
      // (prettier prints the call first; the cheap tests come first here, to the same result)
      const args = node.arguments as AnyNode[];
      const isPoorlyBreakableCall = args.length === 0 || (args.length === 1 && isLoneShortArgument(args[0]!));
      if (!isPoorlyBreakableCall) return false;
      if (labelOf(this.printCallExpression(path))?.memberChain === true) return false;
      if (isCallExpressionWithComplexTypeArguments(node, () => this.child(path, "typeArguments"))) return false;
      return path.call(() => this.isPoorlyBreakableMemberOrCallChain(path, true), "callee");
    }
    if (node.type === "MemberExpression") return path.call(() => this.isPoorlyBreakableMemberOrCallChain(path, true), "object");
    return deep && (node.type === "Identifier" || node.type === "ThisExpression");
  }

  /** printUnionType */
  printUnionType(path: Path, args: PrintArgs | undefined): Doc {
    const node = path.node;
    if (shouldHugUnionType(node)) return join(" | ", path.map(() => this.print(path), "types"));
    const doc = group(path.map((i) => [i === 0 ? ifBreak("| ") : [line, "| "], align(2, this.print(path))], "types"));
    if (needsParens(path)) return group([indent([softline, doc]), softline]);
    const parent = path.parent!;
    if (path.key === "elementTypes" && parent.type === "TSTupleType" && parent.elementTypes.length > 1) {
      return group([indent([ifBreak(["(", softline]), doc]), softline, ifBreak(")")]);
    }
    const shouldIndent = !(path.key === "elementTypes" && parent.type === "TSTupleType") && !(path.key === "params" && parent.type === "TSTypeParameterInstantiation");
    if (args?.assignmentLayout === "break-after-operator" || !shouldIndent) return doc;
    return group(indent([softline, doc]));
  }

  /** printIntersectionType */
  printIntersectionType(path: Path): Doc {
    let wasIndented = false;
    const types = path.node.types as AnyNode[];
    return group(
      path.map((i) => {
        const doc = this.print(path);
        if (i === 0) return doc;
        const currentIsObjectType = isObjectType(types[i]!);
        const previousIsObjectType = isObjectType(types[i - 1]!);
        if (previousIsObjectType && currentIsObjectType) return [" & ", wasIndented ? indent(doc) : doc];
        if (!previousIsObjectType && !currentIsObjectType) return indent([" &", line, doc]);
        if (i > 1) wasIndented = true;
        return [" & ", i > 1 ? indent(doc) : doc];
      }, "types"),
    );
  }
}

// --- prettier's predicates, for the node types above ----------------------------------------------------------

const isCallExpression = (node: AnyNode | undefined): boolean => node?.type === "CallExpression";
const isCallOrNew = (node: AnyNode | undefined): boolean => node?.type === "CallExpression" || node?.type === "NewExpression";
const isBinaryish = (node: AnyNode | undefined): boolean => node?.type === "BinaryExpression" || node?.type === "LogicalExpression";
const isObjectType = (node: AnyNode): boolean => node.type === "TSTypeLiteral" || node.type === "TSMappedType";
const isKeywordType = (node: AnyNode): boolean => /^TS[A-Z][a-z]*Keyword$/.test(node.type);
const isSimpleType = (node: AnyNode): boolean => isKeywordType(node) || node.type === "TSLiteralType" || (node.type === "TSTypeReference" && !node.typeArguments);
const isVoidType = (node: AnyNode): boolean => node.type === "TSVoidKeyword" || node.type === "TSNullKeyword";
const isObjectLikeType = (node: AnyNode): boolean => node.type === "TSTypeLiteral" || node.type === "TSTypeReference";

function shouldHugUnionType(node: AnyNode): boolean {
  const types = node.types as AnyNode[];
  const objectType = types.find(isObjectLikeType);
  if (!objectType) return false;
  return types.every((t) => t === objectType || isVoidType(t));
}

function shouldHugType(node: AnyNode): boolean {
  if (isSimpleType(node) || isObjectType(node)) return true;
  if (node.type === "TSUnionType") return shouldHugUnionType(node);
  return false;
}

/** `!(a || b)` and `!!(a || b)` stay against the parentheses of an `if`. */
function shouldInlineCondition(node: AnyNode): boolean {
  const isNot = (n: AnyNode) => n.type === "UnaryExpression" && n.operator === "!";
  if (!isNot(node)) return false;
  let n = node.argument as AnyNode;
  if (isNot(n)) n = n.argument;
  return n.type === "LogicalExpression";
}

function shouldInlineLogicalExpression(node: AnyNode): boolean {
  if (node.type !== "LogicalExpression") return false;
  const right = node.right as AnyNode;
  return (right.type === "ObjectExpression" && right.properties.length > 0) || (right.type === "ArrayExpression" && right.elements.length > 0);
}

function shouldInlineLogicalChain(node: AnyNode): boolean {
  if (node.type !== "LogicalExpression" || !shouldInlineLogicalExpression(node)) return false;
  return isBinaryish(node.left) && shouldFlatten(node.operator, node.left.operator) ? shouldInlineLogicalChain(node.left) : true;
}

const isBooleanTypeCoercion = (node: AnyNode): boolean =>
  node.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "Boolean" && node.arguments.length === 1;

const PRECEDENCE = new Map<string, number>(
  [["??"], ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "===", "!=", "!=="], ["<", ">", "<=", ">=", "in", "instanceof"], [">>", "<<", ">>>"], ["+", "-"], ["*", "/", "%"], ["**"]].flatMap(
    (operators, i) => operators.map((o) => [o, i] as [string, number]),
  ),
);
const EQUALITY = new Set(["==", "!=", "===", "!=="]);
const MULTIPLICATIVE = new Set(["*", "/", "%"]);
const BITSHIFT = new Set([">>", ">>>", "<<"]);
const BITWISE = new Set(["|", "^", "&", ">>", ">>>", "<<"]);

function shouldFlatten(parentOp: string, nodeOp: string | undefined): boolean {
  if (nodeOp === undefined || PRECEDENCE.get(nodeOp) !== PRECEDENCE.get(parentOp)) return false;
  if (parentOp === "**") return false;
  if (EQUALITY.has(parentOp) && EQUALITY.has(nodeOp)) return false;
  if ((nodeOp === "%" && MULTIPLICATIVE.has(parentOp)) || (parentOp === "%" && MULTIPLICATIVE.has(nodeOp))) return false;
  if (nodeOp !== parentOp && MULTIPLICATIVE.has(nodeOp) && MULTIPLICATIVE.has(parentOp)) return false;
  if (BITSHIFT.has(parentOp) && BITSHIFT.has(nodeOp)) return false;
  if (parentOp === ">" && nodeOp === "<") return false;
  return true;
}

/** needsParens, for the node types above */
function needsParens(path: Path): boolean {
  const node = path.node;
  const parent = path.parent;
  const key = path.key;
  if (!parent) return false;
  const isCast = (n: AnyNode) => n.type === "TSAsExpression" || n.type === "TSSatisfiesExpression";
  switch (node.type) {
    case "NumericLiteral":
      // `1.x` would be a number with a fraction (prettier parenthesizes `(1)[x]` as well).
      return parent.type === "MemberExpression" && key === "object";
    case "UnaryExpression":
    case "UpdateExpression":
      switch (parent.type) {
        case "UnaryExpression":
          return node.operator === parent.operator && (node.operator === "+" || node.operator === "-");
        case "MemberExpression":
          return key === "object";
        case "CallExpression":
        case "NewExpression":
          return key === "callee";
        case "BinaryExpression":
          return key === "left" && parent.operator === "**";
        default:
          return false;
      }
    case "ConditionalExpression":
      switch (parent.type) {
        case "UnaryExpression":
        case "SpreadElement":
        case "BinaryExpression":
        case "LogicalExpression":
        case "TSAsExpression":
        case "TSSatisfiesExpression":
          return true;
        case "CallExpression":
        case "NewExpression":
          return key === "callee";
        case "ConditionalExpression":
          return key === "test";
        case "MemberExpression":
          return key === "object";
        default:
          return false;
      }
    case "BinaryExpression":
    case "LogicalExpression":
    case "TSAsExpression":
    case "TSSatisfiesExpression":
      switch (parent.type) {
        case "TSAsExpression":
        case "TSSatisfiesExpression":
          return !isCast(node);
        case "ConditionalExpression":
          return isCast(node) || (node.type === "LogicalExpression" && node.operator === "??");
        case "CallExpression":
        case "NewExpression":
          return key === "callee";
        case "SpreadElement":
        case "UnaryExpression":
        case "UpdateExpression":
          return true;
        case "MemberExpression":
          return key === "object";
        case "AssignmentExpression":
          return key === "left" && isCast(node);
        case "LogicalExpression":
        case "BinaryExpression": {
          // Prettier makes a mix of `&&`, `||` and `??` explicit.
          if (parent.type === "LogicalExpression" && node.type === "LogicalExpression") return parent.operator !== node.operator;
          if (isCast(node)) return true;
          const precedence = PRECEDENCE.get(node.operator)!;
          const parentPrecedence = PRECEDENCE.get(parent.operator)!;
          if (parentPrecedence > precedence) return true;
          if (key === "right" && parentPrecedence === precedence) return true;
          if (parentPrecedence === precedence && !shouldFlatten(parent.operator, node.operator)) return true;
          if (parentPrecedence < precedence && node.operator === "%") return parent.operator === "+" || parent.operator === "-";
          return BITWISE.has(parent.operator);
        }
        default:
          return false;
      }
    case "TSUnionType":
    case "TSIntersectionType":
    case "TSTypeOperator":
      // Prettier keeps a union or intersection inside another one apart, in parentheses.
      if (node.type !== "TSTypeOperator" && (parent.type === "TSUnionType" || parent.type === "TSIntersectionType")) return true;
      return (
        parent.type === "TSArrayType" ||
        parent.type === "TSOptionalType" ||
        parent.type === "TSRestType" ||
        (parent.type === "TSIndexedAccessType" && key === "objectType") ||
        parent.type === "TSTypeOperator"
      );
    default:
      return false;
  }
}

function shouldInlineNewExpressionCallee(path: Path): boolean {
  let level = 0;
  for (;;) {
    const ancestor = path.getParentNode(level);
    if (!ancestor) return false;
    if (ancestor.type !== "MemberExpression" || path.keyAt(level) !== "object") return ancestor.type === "NewExpression" && path.keyAt(level) === "callee";
    level++;
  }
}

/** shouldExtraIndentForConditionalExpression: a conditional at the head of a member chain that is assigned or returned */
function shouldExtraIndentForConditionalExpression(path: Path): boolean {
  if (path.node.type !== "ConditionalExpression") return false;
  const ancestorKey: Record<string, string> = {
    AssignmentExpression: "right",
    VariableDeclarator: "init",
    ReturnStatement: "argument",
    ThrowStatement: "argument",
    UnaryExpression: "argument",
    YieldExpression: "argument",
    AwaitExpression: "argument",
  };
  let moved = false;
  for (let level = 0; ; level++) {
    const ancestor = path.getParentNode(level);
    if (!ancestor) return false;
    const childKey = path.keyAt(level);
    if ((isCallExpression(ancestor) && childKey === "callee") || (ancestor.type === "MemberExpression" && childKey === "object")) {
      moved = true;
      continue;
    }
    if ((ancestor.type === "NewExpression" && childKey === "callee") || ((ancestor.type === "TSAsExpression" || ancestor.type === "TSSatisfiesExpression") && childKey === "expression")) {
      const root = path.getParentNode(level + 1);
      return root !== undefined && path.keyAt(level + 1) === ancestorKey[root.type];
    }
    return moved && childKey === ancestorKey[ancestor.type];
  }
}

function shouldHugTheOnlyFunctionParameter(node: AnyNode): boolean {
  const parameters = node.params as AnyNode[] | undefined;
  if (!parameters || parameters.length !== 1) return false;
  const parameter = parameters[0]!;
  return parameter.type === "Identifier" && parameter.typeAnnotation !== undefined && isObjectType(parameter.typeAnnotation.typeAnnotation);
}

function shouldGroupFunctionParameters(node: AnyNode, returnTypeDoc: Doc): boolean {
  const returnType = node.returnType?.typeAnnotation as AnyNode | undefined;
  if (!returnType) return false;
  const typeParameters = node.typeParameters?.params as AnyNode[] | undefined;
  if (typeParameters) {
    if (typeParameters.length > 1) return false;
    if (typeParameters.length === 1 && typeParameters[0]!.constraint) return false;
  }
  return (node.params as AnyNode[]).length === 1 && (isObjectType(returnType) || willBreak(returnTypeDoc));
}

function hasComplexTypeAnnotation(node: AnyNode): boolean {
  if (node.type !== "VariableDeclarator") return false;
  const annotation = node.id.typeAnnotation?.typeAnnotation as AnyNode | undefined;
  if (!annotation || annotation.type !== "TSTypeReference" || !annotation.typeArguments) return false;
  const params = annotation.typeArguments.params as AnyNode[];
  return params.length > 1 && params.some((p) => (p.type === "TSTypeReference" && p.typeArguments && p.typeArguments.params.length > 0) || p.type === "TSConditionalType");
}

function isCallExpressionWithComplexTypeArguments(node: AnyNode, printTypeArguments: () => Doc): boolean {
  const typeArgs = node.typeArguments?.params as AnyNode[] | undefined;
  if (!typeArgs || typeArgs.length === 0) return false;
  if (typeArgs.length > 1) return true;
  const first = typeArgs[0]!;
  if (first.type === "TSUnionType" || first.type === "TSIntersectionType" || first.type === "TSTypeLiteral") return true;
  return willBreak(printTypeArguments());
}

function isLongCurriedCallExpression(path: Path): boolean {
  const node = path.node;
  const parent = path.parent;
  return path.key === "callee" && isCallExpression(node) && isCallExpression(parent) && parent!.arguments.length > 0 && node.arguments.length > parent!.arguments.length;
}

const isSignedNumericLiteral = (node: AnyNode): boolean => node.type === "UnaryExpression" && (node.operator === "+" || node.operator === "-") && node.argument.type === "NumericLiteral";

function isConciselyPrintedArray(node: AnyNode): boolean {
  return node.type === "ArrayExpression" && node.elements.length > 0 && (node.elements as AnyNode[]).every((e) => e.type === "NumericLiteral" || isSignedNumericLiteral(e));
}

/** couldExpandArg */
function couldExpandArg(arg: AnyNode): boolean {
  return (
    (arg.type === "ObjectExpression" && arg.properties.length > 0) ||
    (arg.type === "ArrayExpression" && arg.elements.length > 0) ||
    ((arg.type === "TSAsExpression" || arg.type === "TSSatisfiesExpression") && couldExpandArg(arg.expression)) ||
    arg.type === "FunctionExpression"
  );
}

/** shouldExpandLastArg */
function shouldExpandLastArg(args: readonly AnyNode[]): boolean {
  const lastArg = args[args.length - 1]!;
  const penultimateArg = args[args.length - 2];
  return couldExpandArg(lastArg) && (!penultimateArg || penultimateArg.type !== lastArg.type) && !(args.length > 1 && isConciselyPrintedArray(lastArg));
}

/** isSimpleCallArgument */
function isSimpleCallArgument(node: AnyNode, depth = 2): boolean {
  if (depth <= 0) return false;
  const isChildSimple = (child: AnyNode) => isSimpleCallArgument(child, depth - 1);
  if (["StringLiteral", "NumericLiteral", "BooleanLiteral", "NullLiteral", "Identifier", "ThisExpression"].includes(node.type)) return true;
  if (node.type === "ObjectExpression") return (node.properties as AnyNode[]).every((p) => !p.computed && (p.shorthand || (p.value && isChildSimple(p.value))));
  if (node.type === "ArrayExpression") return (node.elements as AnyNode[]).every((x) => x === null || isChildSimple(x));
  if (isCallOrNew(node)) return isSimpleCallArgument(node.callee, depth) && node.arguments.length <= depth && (node.arguments as AnyNode[]).every(isChildSimple);
  if (node.type === "MemberExpression") return isSimpleCallArgument(node.object, depth) && isSimpleCallArgument(node.property, depth);
  if ((node.type === "UnaryExpression" && ["!", "-", "+", "~"].includes(node.operator)) || node.type === "UpdateExpression") return isSimpleCallArgument(node.argument, depth);
  return false;
}

/** isLoneShortArgument */
function isLoneShortArgument(node: AnyNode): boolean {
  const threshold = PRINT_WIDTH * 0.25;
  if (node.type === "ThisExpression" || (node.type === "Identifier" && node.name.length <= threshold) || isSignedNumericLiteral(node)) return true;
  // The literal is at least as long as its text and its quotes: a long text needs no printing to decide.
  if (node.type === "StringLiteral") return node.value.length + 2 <= threshold && printedLiteral(node).length <= threshold;
  if (node.type === "UnaryExpression") return isLoneShortArgument(node.argument);
  if (node.type === "CallExpression" && node.arguments.length === 0 && node.callee.type === "Identifier") return node.callee.name.length <= threshold - 2;
  return node.type === "NumericLiteral" || node.type === "BooleanLiteral" || node.type === "NullLiteral";
}

// A literal can be printed more than once (prettier prints an expandable last argument twice): quoted once.
const printedLiterals = new WeakMap<Node, string>();
function printedLiteral(node: AnyNode): string {
  if ((node.value as string).length < 256) return jsStringLiteral(node.value as string);
  let printed = printedLiterals.get(node);
  if (printed === undefined) {
    printed = jsStringLiteral(node.value as string);
    printedLiterals.set(node, printed);
  }
  return printed;
}

/** prettier's printNumber */
export function printNumber(rawNumber: string): string {
  return rawNumber
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, "$1$2$3")
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, "$1")
    .replace(/^([+-])?\./, "$10.")
    .replace(/(\.\d+?)0+(?=e|$)/, "$1")
    .replace(/\.(?=e|$)/, "");
}

/** printComment for a block comment: a JSDoc-style comment (every line starts with `*`) is re-indented. */
function printComment(value: string): Doc {
  if (value.includes("\n")) {
    const lines = `*${value}*`.split("\n").map((l) => l.trimStart());
    if (lines.every((l) => l.startsWith("*"))) {
      const isJsDoc = value[0] === "*" && value[1] !== "*";
      return [
        "/",
        lines.map((l, i): Doc => {
          if (i === 0) return [l.trimEnd(), hardline];
          if (i === lines.length - 1) return [" ", l];
          const trimmed = l.trimEnd();
          return isJsDoc && trimmed !== "*" && l.endsWith("  ") ? [" ", trimmed, "  ", markAsRoot(literalline)] : [" ", trimmed, hardline];
        }),
        "/",
      ];
    }
    return ["/*", join(literalline, value.split("\n")), "*/"];
  }
  return ["/*", value, "*/"];
}

// --- doc utilities -----------------------------------------------------------------------------------------------

const { willBreak, canBreak } = utils;

function labelOf(doc: Doc): { memberChain?: boolean } | undefined {
  return typeof doc === "object" && !Array.isArray(doc) && doc.type === "label" ? (doc.label as { memberChain?: boolean }) : undefined;
}

function inheritLabel(doc: Doc, fn: (doc: Doc) => Doc): Doc {
  if (typeof doc === "object" && !Array.isArray(doc) && doc.type === "label") return label(doc.label, fn(doc.contents));
  return fn(doc);
}

// ---------------------------------------------------------------------------------------------------------------
// Files

const PRINT_OPTIONS = { printWidth: PRINT_WIDTH, tabWidth: TAB_WIDTH, useTabs: false } as const;

function printDoc(doc: Doc): string {
  return printer.printDocToString(doc, PRINT_OPTIONS as never).formatted;
}

/**
 * A TypeScript module as prettier prints it: `banner` (a comment block, already in its final form) and a blank line,
 * then the statements, one blank line where a statement asks for one (`withBlankLine`, or `blankLines`: after
 * every top-level declaration).
 */
export function printModule(statements: readonly Node[], options: { banner?: string; blankLines?: boolean } = {}): string {
  const body = options.blankLines ? statements.map((s, i) => (i < statements.length - 1 ? withBlankLine(s) : s)) : statements;
  const program: AnyNode = { type: "Program", body };
  const text = printDoc(new Printer({ json: false }).print(new Path(program)));
  return options.banner === undefined ? text : `${options.banner.trimEnd()}\n${text.length > 0 ? "\n" : ""}${text}`;
}

// --- dist/: the same tree, without its types, and as declarations ------------------------------------------------

/** Fields that hold only types: JavaScript has none of them. */
const TYPE_FIELDS = new Set(["typeAnnotation", "returnType", "typeParameters", "typeArguments"]);
const TYPE_DECLARATIONS = new Set(["TSTypeAliasDeclaration", "TSInterfaceDeclaration"]);

/** A node without its types, or `undefined` when it is nothing but types (an interface, a type-only import). */
function stripTypes(node: AnyNode): AnyNode | undefined {
  switch (node.type) {
    case "TSTypeAliasDeclaration":
    case "TSInterfaceDeclaration":
      return undefined;
    case "TSAsExpression":
    case "TSSatisfiesExpression":
      return stripTypes(node.expression as AnyNode);
    case "Raw":
      if (node.js === "") return undefined;
      return { ...node, type: "Raw", text: (node.js as string | undefined) ?? node.text };
    case "ImportDeclaration": {
      if (node.importKind === "type") return undefined;
      const specifiers = (node.specifiers as AnyNode[]).filter((s) => s.importKind !== "type");
      return specifiers.length === 0 ? undefined : { ...node, specifiers };
    }
    case "ExportNamedDeclaration": {
      if (node.source !== undefined) {
        if (node.importKind === "type") return undefined;
        const specifiers = (node.specifiers as AnyNode[]).filter((s) => s.importKind !== "type");
        return specifiers.length === 0 ? undefined : { ...node, specifiers };
      }
      const declaration = stripTypes(node.declaration as AnyNode);
      return declaration === undefined ? undefined : { ...node, declaration };
    }
  }
  const out: AnyNode = { type: node.type };
  for (const [field, value] of Object.entries(node)) {
    if (field === "type" || TYPE_FIELDS.has(field) || (field === "optional" && node.type === "Identifier")) continue;
    if (Array.isArray(value)) out[field] = value.flatMap((child) => (isNode(child) ? (stripTypes(child) ?? []) : [child]));
    else out[field] = isNode(value) ? stripTypes(value) : value;
  }
  return out;
}

const isNode = (value: unknown): value is AnyNode => typeof value === "object" && value !== null && typeof (value as AnyNode).type === "string";

/** The JavaScript of a module: the same statements without their types (dist/*.js). */
export function toJavaScript(statements: readonly Node[]): Node[] {
  return statements.flatMap((s) => stripTypes(s as AnyNode) ?? []);
}

/** A declared type for `as const` on an array of literals: the readonly tuple of those literal types. */
function constType(init: AnyNode | undefined): Node | undefined {
  if (init?.type !== "TSAsExpression" || init.typeAnnotation?.typeName?.name !== "const" || init.expression?.type !== "ArrayExpression") return undefined;
  const elements = init.expression.elements as AnyNode[];
  if (!elements.every((e) => e.type === "StringLiteral")) return undefined;
  return readonlyType(tupleType(elements.map((e) => literalType(e.value as string))));
}

/** A statement as a declaration file has it, or `undefined` when it declares nothing public. */
function declarationOf(node: AnyNode, exported: boolean): AnyNode | undefined {
  switch (node.type) {
    case "ImportDeclaration":
    case "ExportAllDeclaration":
    case "TSTypeAliasDeclaration":
    case "TSInterfaceDeclaration":
      return node;
    case "Raw":
      if (node.dts === "") return undefined;
      return { ...node, text: (node.dts as string | undefined) ?? node.text };
    case "ExportNamedDeclaration": {
      if (node.source !== undefined) return node;
      const declaration = declarationOf(node.declaration as AnyNode, true);
      return declaration === undefined ? undefined : { ...node, declaration };
    }
    case "FunctionDeclaration": {
      if (!exported) return undefined;
      // A parameter with a default is an optional one to its callers.
      const params = (node.params as AnyNode[]).map((p) => (p.type === "AssignmentPattern" ? { ...(p.left as AnyNode), optional: true } : p));
      const { body: _, ...signature } = node;
      return { ...signature, type: "TSDeclareFunction", params };
    }
    case "VariableDeclaration": {
      if (!exported) return undefined;
      const declarator = (node.declarations as AnyNode[])[0]!;
      const annotation = declarator.id.typeAnnotation ?? typeAnnotation(constType(declarator.init));
      // The emitters give every exported constant its type (isolatedDeclarations): one without is a cobrowse-gen bug.
      if (annotation === undefined) throw new Error(`exported const ${declarator.id.name as string} has no declared type`);
      const { declarations: _, ...rest } = node;
      return { ...rest, type: "DeclareVariable", id: { ...declarator.id, typeAnnotation: annotation } };
    }
    default:
      return undefined;
  }
}

/** The declarations of a module (dist/*.d.ts): its types, imports and re-exports, and the signatures of its exports. */
export function toDeclarations(statements: readonly Node[]): Node[] {
  return statements.flatMap((s) => declarationOf(s as AnyNode, false) ?? []);
}

/**
 * A module's three files from one tree: `src/<name>.ts` as prettier prints it, and `dist/<name>.js` and
 * `dist/<name>.d.ts` printed by the same printer from the tree without its types and as declarations, so that no
 * compiler runs at generation.
 */
export function printModuleFiles(sourcePath: string, statements: readonly Node[], options: { banner?: string } = {}): { path: string; contents: string }[] {
  if (!sourcePath.startsWith("src/") || !sourcePath.endsWith(".ts")) throw new Error(`not a source path: ${sourcePath}`);
  const base = "dist/" + sourcePath.slice("src/".length, -".ts".length);
  return [
    { path: sourcePath, contents: printModule(statements, options) },
    { path: `${base}.js`, contents: printModule(toJavaScript(statements), options) },
    { path: `${base}.d.ts`, contents: printModule(toDeclarations(statements), options) },
  ];
}

/** One expression as prettier prints it at the start of a line (for tests and for code inside markdown). */
export function printExpression(expression: Node): string {
  return printModule([expressionStatement(expression)]).replace(/;\n$/, "");
}

/**
 * A JSON value as prettier prints JSON text (parser "json") that is in `JSON.stringify(value, null, 2)` form: every
 * non-empty object broken (objectWrap "preserve"), arrays by prettier's array rules, no trailing commas.
 */
export function printJson(value: unknown): string {
  // Printable ASCII only (JSON.stringify escapes control characters): then display width is string length, and the
  // few rules of JSON layout are applied directly, without building a doc (the fixture files of a large spec are
  // megabytes). Wider characters take the doc printer, which measures them as prettier does.
  // eslint-disable-next-line no-control-regex
  if (!/[^\x20-\x7e]/.test(JSON.stringify(value) ?? "\u0000")) return printJsonDirectly(value as Json, 0, 0, 0) + "\n";
  const path = new Path({ type: "JsonRoot", node: literal(value, { json: true }) });
  return printDoc([path.call(() => new Printer({ json: true }).print(path), "node"), hardline]);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isJsonObject = (value: Json): value is { [key: string]: Json } => typeof value === "object" && value !== null && !Array.isArray(value);
const jsonScalar = (value: Json): string => (typeof value === "number" ? printNumber(JSON.stringify(value)) : JSON.stringify(value));
const entryCount = (value: Json): number => (Array.isArray(value) ? value.length : isJsonObject(value) ? Object.keys(value).length : 0);

/** printArray's shouldBreak: more than one element, all objects or all arrays, each of more than one entry. */
function jsonArrayMustBreak(array: Json[]): boolean {
  if (array.length <= 1) return false;
  const first = array[0]!;
  const kind = Array.isArray(first) ? "array" : isJsonObject(first) ? "object" : undefined;
  if (kind === undefined) return false;
  return array.every((element) => (kind === "array" ? Array.isArray(element) : isJsonObject(element)) && entryCount(element) > 1);
}

/** The value on one line, or undefined when prettier would never print it flat (a non-empty object is broken). */
function jsonFlat(value: Json): string | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (jsonArrayMustBreak(value)) return undefined;
    const parts: string[] = [];
    for (const element of value) {
      const part = jsonFlat(element);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return `[${parts.join(", ")}]`;
  }
  if (isJsonObject(value)) return Object.keys(value).length === 0 ? "{}" : undefined;
  return jsonScalar(value);
}

/**
 * `value` printed from column `column`, its continuation lines indented by `indent`; `trailing` is the width of what
 * follows it on its line (1 for a `,`, else 0).
 */
function printJsonDirectly(value: Json, column: number, indent: number, trailing: number): string {
  if (value === null || typeof value !== "object") return jsonScalar(value);
  // Empty brackets have no break point: prettier keeps them whole even past the print width.
  if (entryCount(value) === 0) return Array.isArray(value) ? "[]" : "{}";
  const oneLine = jsonFlat(value);
  if (oneLine !== undefined && column + oneLine.length + trailing <= PRINT_WIDTH) return oneLine;
  const inner = indent + TAB_WIDTH;
  const pad = " ".repeat(inner);
  if (Array.isArray(value)) {
    if (value.every((element) => typeof element === "number")) {
      // fill: the next number joins the line when it fits there with its separator.
      const items = value.map((n, i) => jsonScalar(n) + (i < value.length - 1 ? "," : ""));
      let out = `[\n${pad}${items[0]}`;
      let position = inner + items[0]!.length;
      for (const item of items.slice(1)) {
        if (position + 1 + item.length <= PRINT_WIDTH) {
          out += ` ${item}`;
          position += 1 + item.length;
        } else {
          out += `\n${pad}${item}`;
          position = inner + item.length;
        }
      }
      return `${out}\n${" ".repeat(indent)}]`;
    }
    const lines = value.map((element, i) => pad + printJsonDirectly(element, inner, inner, i < value.length - 1 ? 1 : 0));
    return `[\n${lines.join(",\n")}\n${" ".repeat(indent)}]`;
  }
  const keys = Object.keys(value);
  const lines = keys.map((k, i) => {
    const head = `${JSON.stringify(k)}: `;
    return pad + head + printJsonDirectly(value[k]!, inner + head.length, inner, i < keys.length - 1 ? 1 : 0);
  });
  return `{\n${lines.join(",\n")}\n${" ".repeat(indent)}}`;
}
