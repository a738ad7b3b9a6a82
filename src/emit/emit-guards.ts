import { joinPointer, pointerFromPath } from "../model/json-pointer.js";
import { acceptedClasses } from "../model/check-value.js";
import { keywordChecks, type GuardExpression } from "../keywords/index.js";
import { PATTERN_FLAGS } from "../keywords/analyse-pattern.js";
import { isZoomShaped, listEnumValues, type EventModel, type ObjectSchema, type SchemaNode, type SpecModel, type UnionSchema } from "../model/model.js";
import { tsBanner } from "./banner.js";
import { compareCodePoints } from "../model/naming.js";
import { ROOT_LAYOUT, relocate, type ModuleLayout } from "./module-layout.js";
import type { EmittedFile } from "./emitted-file.js";
import {
  and,
  array,
  as,
  assign,
  binary,
  bool,
  breakStatement,
  call,
  chain,
  conditional,
  constDeclaration,
  dot,
  exportFrom,
  exported,
  expressionStatement,
  forIn,
  forStatement,
  functionDeclaration,
  id,
  ifStatement,
  importDeclaration,
  index,
  jsStringLiteral,
  jsdoc,
  letDeclaration,
  newExpression,
  not,
  num,
  object,
  or,
  postIncrement,
  printModule,
  printModuleFiles,
  quoteJson,
  raw,
  returnStatement,
  spread,
  str,
  switchStatement,
  tryCatch,
  typeKeyword,
  unionType,
  typeOf,
  typePredicate,
  typeReference,
  undef,
  withBlankLine,
  withComments,
  type Case,
  type Node,
  type Parameter,
} from "./write-code.js";

/**
 * Emits straight-line validation code per event: a boolean `test` (no allocation, stops at the first failure) and a
 * `check` that walks everything and collects issues. Spec strings (names, enum values) enter the code only as string
 * literal nodes; identifiers come from the model's type names.
 */

/** A path segment: a known key, a run-time variable (index, key), or the caller's path (in a split-off checker). */
type Segment = { literal: string | number } | { variable: string } | { prefix: true };

const FALSE = () => bool(false);
const returnFalse = () => returnStatement(FALSE());
const ne = (left: Node, right: Node) => binary("!==", left, right);
const eq = (left: Node, right: Node) => binary("===", left, right);
const v = (name: string) => id(name);
const hasOwnCall = (object: Node, key: Node) => call(dot(id("hasOwn"), "call"), [object, key]);
const push = (list: Node, item: Node) => expressionStatement(call(dot(list, "push"), [item]));
const VALIDATION_ISSUE = () => typeReference("ValidationIssue");
const ISSUES_TYPE = () => ({ type: "TSArrayType", elementType: VALIDATION_ISSUE() }) as Node;
const typeName = (name: string) => typeReference(name);

/** A function's parameters. */
const param = (name: string, type: Node, optional = false): Parameter => ({ name, type, ...(optional ? { optional } : {}) });
const testParams = (): Parameter[] => [param("v", typeKeyword("unknown")), param("allow", typeKeyword("boolean")), param("value", typeKeyword("unknown"))];
const checkParams = (): Parameter[] => [
  param("v", typeKeyword("unknown")),
  param("path", typeName("Path")),
  param("pointer", typeKeyword("string")),
  param("issues", ISSUES_TYPE()),
  param("warnings", ISSUES_TYPE()),
  param("allow", typeKeyword("boolean")),
];

interface FunctionSpec {
  readonly name: string;
  readonly params: Parameter[];
  /** `boolean` functions end in `return true;`. */
  readonly returnsBoolean: boolean;
}

class Writer {
  private counter = 0;
  readonly enumSets: Node[] = [];
  private readonly enumIndex = new Map<string, string>();
  private enums = 0;

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  /**
   * Writes a function of its own (split off a large object, a union variant, a named shape's shared function), emitted
   * before the current one. Its locals are numbered from 0; the writer's state is restored when it is done. `fresh`
   * restarts the numbering of the functions split off inside it (a shared function is its own group).
   */
  writeFunction(spec: FunctionSpec, body: () => Node[], scope: { slowPath?: string; fallback?: (value: Node) => Node; fresh?: boolean } = {}): void {
    const saved = this.saveCounter();
    this.startFunction(scope.slowPath ?? this.slowPath, scope.fallback ?? this.fallback);
    if (scope.fresh) this.splits = 0;
    const statements = body();
    this.restoreCounter(saved);
    const returnType = typeKeyword(spec.returnsBoolean ? "boolean" : "void");
    this.extraFunctions.push(functionDeclaration(spec.name, spec.params, [...statements, ...(spec.returnsBoolean ? [returnStatement(bool(true))] : [])], { returnType }));
  }

  private saveCounter(): { counter: number; slowPath: string; fallback: (value: Node) => Node; splits: number } {
    return { counter: this.counter, slowPath: this.slowPath, fallback: this.fallback, splits: this.splits };
  }

  private restoreCounter(saved: { counter: number; slowPath: string; fallback: (value: Node) => Node; splits: number }): void {
    this.counter = saved.counter;
    this.slowPath = saved.slowPath;
    this.fallback = saved.fallback;
    this.splits = saved.splits;
  }

  /** The checker of the function group being written: split-off functions are named after it. */
  slowPath = "";
  /** What a test returns for an object that is not plain: the group's checker, run on the group's root `value`. */
  fallback: (value: Node) => Node = () => FALSE();
  /** Named shapes whose shared test / check functions exist already. */
  readonly sharedTests = new Set<string>();
  readonly sharedChecks = new Set<string>();
  private passesAtDeclared = false;

  /** The fallback of a shared function: its checker, whose signature takes a path, run at the shape's root. */
  declarePassesAt(): void {
    if (this.passesAtDeclared) return;
    this.passesAtDeclared = true;
    this.enumSets.push(
      withBlankLine(
        raw(
          [
            "type SubChecker = (",
            "  v: unknown,",
            "  path: Path,",
            "  pointer: string,",
            "  issues: ValidationIssue[],",
            "  warnings: ValidationIssue[],",
            "  allow: boolean,",
            ") => void;",
          ].join("\n"),
          { js: "", dts: "" },
        ),
      ),
      raw(
        [
          "function passesAt(check: SubChecker, value: unknown, allow: boolean): boolean {",
          "  const issues: ValidationIssue[] = [];",
          '  check(value, [], "", issues, [], allow);',
          "  return issues.length === 0;",
          "}",
        ].join("\n"),
        {
          js: ["function passesAt(check, value, allow) {", "  const issues = [];", '  check(value, [], "", issues, [], allow);', "  return issues.length === 0;", "}"].join("\n"),
          dts: "",
        },
      ),
    );
  }
  /** Functions split off large objects, emitted after the event's own functions. */
  readonly extraFunctions: Node[] = [];
  splits = 0;

  splitName(base: string): string {
    return `${base}_${++this.splits}`;
  }

  resetSplits(): void {
    this.splits = 0;
  }

  /** Each function numbers its locals from 0, so a change in one event does not rename the locals of the next. */
  startFunction(slowPath = "", fallback: (value: Node) => Node = (value) => call(id("passes"), [id(slowPath), value, id("allow")])): void {
    this.counter = 0;
    this.slowPath = slowPath;
    this.fallback = fallback;
  }

  /** Patterns are compiled once, at module level. */
  pattern(source: string): string {
    const key = `pattern:${source}`;
    let name = this.enumIndex.get(key);
    if (name === undefined) {
      name = `PATTERN_${this.patterns++}`;
      this.enumIndex.set(key, name);
      this.enumSets.push(constDeclaration(name, newExpression(id("RegExp"), [str(source), str(PATTERN_FLAGS)])));
    }
    return name;
  }

  private patterns = 0;

  /** Enums of more than a few values are looked up in a Set (one hash, not a linear scan); the Set is module-level. */
  enumSet(values: readonly (string | number | boolean)[]): string {
    const key = JSON.stringify(values);
    let name = this.enumIndex.get(key);
    if (name === undefined) {
      name = `ENUM_${this.enums++}`;
      this.enumIndex.set(key, name);
      this.enumSets.push(constDeclaration(name, newExpression(id("Set"), [array(values.map(scalar))]), typeReference("ReadonlySet", [typeKeyword("unknown")])));
    }
    return name;
  }
}

const scalar = (value: string | number | boolean): Node => (typeof value === "string" ? str(value) : typeof value === "number" ? num(value) : bool(value));

/** A test split off an event's (or shared shape's) function: `value` is the group's root, for the fallback. */
const testFunction = (name: string): FunctionSpec => ({ name, params: testParams(), returnsBoolean: true });
/** Every checker below the root: the path and pointer of `v` come from the caller. */
const checkFunction = (name: string): FunctionSpec => ({ name, params: checkParams(), returnsBoolean: false });

const pathExpression = (path: readonly Segment[]): Node =>
  array(path.map((s) => ("literal" in s ? (typeof s.literal === "number" ? num(s.literal) : str(s.literal)) : "variable" in s ? id(s.variable) : spread(id("path")))));

/**
 * The JSON pointer of a path as an expression. The static parts of the pointer are computed here, once; only a
 * dynamic segment (an array index, an unknown key) is escaped at run time.
 */
function pointerExpression(path: readonly Segment[]): Node {
  const parts: Node[] = [];
  let literal = "";
  for (const segment of path) {
    if ("literal" in segment) {
      literal += pointerFromPath([segment.literal]);
    } else if ("variable" in segment) {
      parts.push(str(literal + "/"), call(id("escapeToken"), [id(segment.variable)]));
      literal = "";
    } else {
      parts.push(id("pointer"));
    }
  }
  if (literal !== "" || parts.length === 0) parts.push(str(literal));
  return chain("+", parts);
}

/** `makeIssue(path, pointer, code, expected, value)` */
function makeIssue(path: readonly Segment[], code: string, expected: string | undefined, value: Node): Node {
  return call(id("makeIssue"), [pathExpression(path), pointerExpression(path), str(code), expected === undefined ? undef() : str(expected), value]);
}

/** How many schema nodes a subtree holds: past SPLIT_SIZE an object's checks go into functions of their own. */
function size(node: SchemaNode): number {
  if (node.kind === "object") {
    const extra = (node.additionalSchema ? childSize(node.additionalSchema) : 0) + (node.patternProperties ?? []).reduce((n, p) => n + childSize(p.schema), 0);
    return 1 + extra + node.properties.reduce((n, p) => n + childSize(p.schema), 0);
  }
  if (node.kind === "array") return 1 + childSize(node.items) + (node.prefixItems ?? []).reduce((n, p) => n + childSize(p), 0);
  // A union's variants always get functions of their own.
  return 1;
}

/** A named shape inside is one call to its shared function. */
const childSize = (node: SchemaNode): number => (node.kind === "object" && node.typeName !== undefined ? 1 : size(node));

/**
 * The shared test function of a named shape (written once, on first use): `test<Name>(value, allow)`. Objects that
 * are not plain fall back to the shape's own checker, so the function is the same wherever the shape occurs.
 */
function sharedTest(node: ObjectSchema, w: Writer): string {
  const name = `test${node.typeName}`;
  if (w.sharedTests.has(name)) return name;
  w.sharedTests.add(name);
  const check = sharedCheck(node, w);
  w.declarePassesAt();
  w.writeFunction(
    { name, params: [param("value", typeKeyword("unknown")), param("allow", typeKeyword("boolean"))], returnsBoolean: true },
    () => emitTestInner(node, "value", w, false),
    { slowPath: check, fallback: (value) => call(id("passesAt"), [id(check), value, id("allow")]), fresh: true },
  );
  return name;
}

/** The shared checker of a named shape: `check<Name>(v, path, pointer, issues, warnings, allow)`. */
function sharedCheck(node: ObjectSchema, w: Writer): string {
  const name = `check${node.typeName}`;
  if (w.sharedChecks.has(name)) return name;
  w.sharedChecks.add(name);
  w.declarePassesAt();
  w.writeFunction(checkFunction(name), () => emitCheckInner(node, "v", [{ prefix: true }], w, false), {
    slowPath: name,
    fallback: (value) => call(id("passesAt"), [id(name), value, id("allow")]),
    fresh: true,
  });
  return name;
}

/**
 * TypeScript stops analysing a function of several thousand statements, and V8 will not optimize one either: an
 * object subtree larger than this gets its own test and check functions.
 */
const SPLIT_SIZE = 40;

/** Reads an own property only: an inherited value (a polluted Object.prototype, a prototype chain) is absent. */
function readProperty(object: string, name: string): Node {
  return conditional(hasOwnCall(id(object), str(name)), index(id(object), str(name)), undef());
}

/**
 * The fast path's read, for an object whose prototype is Object.prototype or null (checked before). A plain load,
 * which only an Object.prototype property of the same name could have answered instead of the object itself: only
 * when the value is that very value does a hasOwnProperty call decide. Names Object.prototype has itself (`__proto__`,
 * `toString`, ...) always take the hasOwnProperty read. Half the cost of a hasOwnProperty call per property.
 */
function readPlainProperty(object: string, name: string, variable: string): Node[] {
  if (name in Object.prototype) return [constDeclaration(variable, readProperty(object, name))];
  return [
    letDeclaration(variable, index(id(object), str(name))),
    ifStatement(
      and(ne(v(variable), undef()), eq(v(variable), index(id("OBJECT_PROTOTYPE"), str(name))), not(hasOwnCall(id(object), str(name)))),
      expressionStatement(assign(v(variable), undef())),
    ),
  ];
}

/** What a node expects, for issue messages: "string (date-time)", "\"a\" | \"b\"", "integer (int64) | null". */
export function describeExpected(node: SchemaNode): string {
  let text: string;
  if (node.kind === "union") {
    const parts = node.variants.map((variant) => (variant.kind === "object" && variant.title !== undefined ? `object (${variant.title})` : describeExpected(variant)));
    text = (node.mode === "oneOf" ? "exactly one of: " : "") + [...new Set(parts)].join(" | ");
  } else if ((node.kind === "string" || node.kind === "integer" || node.kind === "number" || node.kind === "boolean") && node.enum) {
    text = listEnumValues(node.enum, (value) => quoteJson(value as string | number | boolean), " | ");
  } else {
    text = node.kind === "unknown" ? "any value" : node.kind;
    if ((node.kind === "string" || node.kind === "integer" || node.kind === "number") && node.format) text += ` (${node.format})`;
  }
  return node.nullable ? `${text} | null` : text;
}

interface Condition {
  readonly test: Node;
  readonly code: string;
  readonly expected: string;
}

const asNumber = (name: string) => as(v(name), typeKeyword("number"));
const asString = (name: string) => as(v(name), typeKeyword("string"));
const isCall = (fn: string, name: string) => call(id(fn), [v(name)]);
const numberMethod = (method: string, name: string) => call(dot(id("Number"), method), [v(name)]);

/** The failing conditions of a scalar, in the order they are reported: type, then enum, then format. */
function scalarConditions(node: SchemaNode, name: string, w: Writer): Condition[] {
  const expected = describeExpected(node);
  const conditions: Condition[] = [];
  switch (node.kind) {
    case "string":
      conditions.push({ test: ne(typeOf(v(name)), str("string")), code: "invalid_type", expected: node.nullable ? "string | null" : "string" });
      break;
    case "integer":
      conditions.push({ test: not(numberMethod("isInteger", name)), code: "invalid_type", expected: node.nullable ? "integer | null" : "integer" });
      break;
    case "number":
      conditions.push({ test: not(numberMethod("isFinite", name)), code: "invalid_type", expected: node.nullable ? "number | null" : "number" });
      break;
    case "boolean":
      conditions.push({ test: ne(typeOf(v(name)), str("boolean")), code: "invalid_type", expected: node.nullable ? "boolean | null" : "boolean" });
      break;
    case "null":
      conditions.push({ test: ne(v(name), { type: "NullLiteral" }), code: "invalid_type", expected: "null" });
      return conditions;
    default:
      return conditions;
  }
  if (node.enum) {
    const test = node.enum.length <= 3 ? and(...node.enum.map((value) => ne(v(name), scalar(value)))) : not(call(dot(id(w.enumSet(node.enum)), "has"), [v(name)]));
    conditions.push({ test, code: "invalid_enum", expected });
  }
  conditions.push(...keywordConditions(node, name, w, expected));
  return conditions;
}

/** The value keywords' tests (src/keywords/), in registry order; a format's issue says what the whole node expects. */
function keywordConditions(node: SchemaNode, name: string, w: Writer, expected = describeExpected(node)): Condition[] {
  return keywordChecks(node).map((check) => ({ test: guardNode(check.test, name, w), code: check.code, expected: check.expected ?? expected }));
}

function guardNode(e: GuardExpression, name: string, w: Writer): Node {
  switch (e.kind) {
    case "value":
      return e.as === undefined ? v(name) : as(v(name), typeKeyword(e.as));
    case "number":
      return num(e.value);
    case "member":
      return dot(guardNode(e.object, name, w), e.property);
    case "call":
      return call(e.callee.slice(1).reduce((object, property) => dot(object, property), id(e.callee[0])), e.args.map((arg) => guardNode(arg, name, w)));
    case "not":
      return not(guardNode(e.operand, name, w));
    case "compare":
      return binary(e.operator, guardNode(e.left, name, w), guardNode(e.right, name, w));
    case "regExpTest":
      return call(dot(id(w.pattern(e.pattern)), "test"), [guardNode(e.subject, name, w)]);
  }
}

/** `typeof v !== "object" || v === null || Array.isArray(v)` */
const notAnObject = (name: string) => or(ne(typeOf(v(name)), str("object")), eq(v(name), { type: "NullLiteral" }), call(dot(id("Array"), "isArray"), [v(name)]));
const notNull = (name: string) => ne(v(name), { type: "NullLiteral" });

/** Statements that `return false` as soon as `v` does not match `node`. */
function emitTest(node: SchemaNode, name: string, w: Writer): Node[] {
  const body = emitTestInner(node, name, w);
  if (!node.nullable || body.length === 0) return body;
  return [ifStatement(notNull(name), body)];
}

function emitTestInner(node: SchemaNode, name: string, w: Writer, split = true): Node[] {
  switch (node.kind) {
    case "unknown":
      return [];
    case "array": {
      const i = w.fresh("i");
      const item = w.fresh("v");
      const prefix = (node.prefixItems ?? []).flatMap((schema, position) => {
        const at = w.fresh("v");
        const inner = emitTest(schema, at, w);
        return inner.length === 0
          ? []
          : [ifStatement(binary(">", dot(v(name), "length"), num(position)), [constDeclaration(at, index(v(name), num(position)), typeKeyword("unknown")), ...inner])];
      });
      const inner = emitTest(node.items, item, w);
      const start = node.prefixItems?.length ?? 0;
      return [
        ifStatement(not(call(dot(id("Array"), "isArray"), [v(name)])), returnFalse()),
        ...keywordConditions(node, name, w).map((c) => ifStatement(c.test, returnFalse())),
        ...prefix,
        ...(inner.length === 0 ? [] : [loopOver(name, i, item, start, inner)]),
      ];
    }
    case "union":
      return emitUnionTest(node, name, w);
    case "object": {
      if (split && node.typeName !== undefined) return [ifStatement(not(call(id(sharedTest(node, w)), [v(name), id("allow")])), returnFalse())];
      if (split && size(node) > SPLIT_SIZE) {
        const fn = w.splitName(w.slowPath.replace(/^check/, "test"));
        w.writeFunction(testFunction(fn), () => emitTestInner(node, "v", w, false));
        return [ifStatement(not(call(id(fn), [v(name), id("allow"), id("value")])), returnFalse())];
      }
      const out: Node[] = [ifStatement(notAnObject(name), returnFalse())];
      const record = w.fresh("o");
      const prototype = w.fresh("p");
      out.push(
        constDeclaration(record, as(v(name), typeReference("Record", [typeKeyword("string"), typeKeyword("unknown")]))),
        constDeclaration(prototype, call(dot(id("Object"), "getPrototypeOf"), [v(record)]), typeKeyword("unknown")),
        // Anything but a plain or null-prototype object (class instances, Object.create(x)) takes the checker's path.
        ifStatement(and(ne(v(prototype), id("OBJECT_PROTOTYPE")), notNull(prototype)), returnStatement(w.fallback(id("value")))),
      );
      const closed = !node.additionalProperties && node.patternProperties === undefined;
      // On a closed object, count the known properties present: if the object has no more keys than that, none is
      // unknown, and the key-by-key comparison is skipped.
      const present = w.fresh("n");
      if (closed) out.push(letDeclaration(present, num(node.properties.filter((p) => p.required).length)));
      for (const property of node.properties) {
        const value = w.fresh("v");
        const inner = emitTest(property.schema, value, w);
        if (!property.required && inner.length === 0 && !closed) continue;
        out.push(...readPlainProperty(record, property.name, value));
        if (property.required) {
          out.push(ifStatement(eq(v(value), undef()), returnFalse()), ...inner);
        } else {
          out.push(ifStatement(ne(v(value), undef()), [...(closed ? [expressionStatement(postIncrement(v(present)))] : []), ...inner]));
        }
      }
      if (node.patternProperties !== undefined || node.additionalSchema !== undefined) {
        const k = w.fresh("k");
        const item = w.fresh("v");
        const onExtra = extraKeyTests(node, k, item, w);
        out.push(
          forIn(k, v(record), knownKeySwitch(node, k, [ifStatement(hasOwnCall(v(record), v(k)), [constDeclaration(item, index(v(record), v(k)), typeKeyword("unknown")), ...onExtra])])),
        );
      } else if (closed) {
        const k = w.fresh("k");
        const keys = w.fresh("c");
        out.push(
          ifStatement(not(id("allow")), [
            letDeclaration(keys, num(0)),
            forIn(k, v(record), expressionStatement(postIncrement(v(keys)))),
            ifStatement(ne(v(keys), v(present)), [forIn(k, v(record), knownKeySwitch(node, k, [ifStatement(hasOwnCall(v(record), v(k)), returnFalse())]))]),
          ]),
        );
      }
      return out;
    }
    default: {
      const conditions = scalarConditions(node, name, w);
      // Comparing with enum values already rules out other types: the type test is redundant on the fast path.
      const needed = conditions.some((c) => c.code === "invalid_enum") ? conditions.filter((c) => c.code !== "invalid_type") : conditions;
      return needed.map((c) => ifStatement(c.test, returnFalse()));
    }
  }
}

/** `for (let i = start; i < v.length; i++) { const item: unknown = v[i]; ...body }` */
function loopOver(name: string, i: string, item: string, start: number, body: Node[]): Node {
  return forStatement(
    { type: "VariableDeclaration", kind: "let", declarations: [{ type: "VariableDeclarator", id: id(i), init: num(start) }] },
    binary("<", v(i), dot(v(name), "length")),
    postIncrement(v(i)),
    [constDeclaration(item, index(v(name), v(i)), typeKeyword("unknown")), ...body],
  );
}

/** The statements for a key of an object: known properties skip them, any other key runs them. */
function knownKeySwitch(node: ObjectSchema, key: string, onUnknown: Node[]): Node[] {
  if (node.properties.length === 0) return onUnknown;
  return [switchStatement(v(key), [{ tests: node.properties.map((p) => str(p.name)), body: [breakStatement()] }, { tests: [], body: onUnknown }])];
}

/** Statements that push every issue of `v` against `node`; `path` is where `v` is. */
function emitCheck(node: SchemaNode, name: string, path: readonly Segment[], w: Writer): Node[] {
  const body = emitCheckInner(node, name, path, w);
  if (!node.nullable || body.length === 0) return body;
  return [ifStatement(notNull(name), body)];
}

const pushIssue = (issue: Node) => push(id("issues"), issue);
/** `(allow ? warnings : issues).push(issue)` */
const pushUnknown = (issue: Node) => push(conditional(id("allow"), id("warnings"), id("issues")), issue);

function emitCheckInner(node: SchemaNode, name: string, path: readonly Segment[], w: Writer, split = true): Node[] {
  switch (node.kind) {
    case "unknown":
      return [];
    case "array": {
      const i = w.fresh("i");
      const item = w.fresh("v");
      const prefix = (node.prefixItems ?? []).flatMap((schema, position) => {
        const value = w.fresh("v");
        const inner = emitCheck(schema, value, [...path, { literal: position }], w);
        return inner.length === 0
          ? []
          : [ifStatement(binary(">", dot(v(name), "length"), num(position)), [constDeclaration(value, index(v(name), num(position)), typeKeyword("unknown")), ...inner])];
      });
      const inner = emitCheck(node.items, item, [...path, { variable: i }], w);
      const start = node.prefixItems?.length ?? 0;
      return [
        ifStatement(
          not(call(dot(id("Array"), "isArray"), [v(name)])),
          [pushIssue(makeIssue(path, "invalid_type", describeExpected(node), v(name)))],
          [
            ...keywordConditions(node, name, w).map((c) => ifStatement(c.test, pushIssue(makeIssue(path, c.code, c.expected, v(name))))),
            ...prefix,
            ...(inner.length === 0 ? [] : [loopOver(name, i, item, start, inner)]),
          ],
        ),
      ];
    }
    case "union":
      return emitUnionCheck(node, name, path, w);
    case "object": {
      const callChecker = (fn: string) => expressionStatement(call(id(fn), [v(name), pathExpression(path), pointerExpression(path), id("issues"), id("warnings"), id("allow")]));
      if (split && node.typeName !== undefined) return [callChecker(sharedCheck(node, w))];
      if (split && size(node) > SPLIT_SIZE) {
        const fn = w.splitName(w.slowPath);
        w.writeFunction(checkFunction(fn), () => emitCheckInner(node, "v", [{ prefix: true }], w, false));
        return [callChecker(fn)];
      }
      const record = w.fresh("o");
      const body: Node[] = [constDeclaration(record, as(v(name), typeReference("Record", [typeKeyword("string"), typeKeyword("unknown")])))];
      for (const property of node.properties) {
        const value = w.fresh("v");
        const propertyPath = [...path, { literal: property.name }];
        const inner = emitCheck(property.schema, value, propertyPath, w);
        if (!property.required && inner.length === 0) continue;
        body.push(constDeclaration(value, readProperty(record, property.name)));
        if (property.required) {
          const missing = [pushIssue(makeIssue(propertyPath, "missing_property", describeExpected(property.schema), undef()))];
          body.push(ifStatement(eq(v(value), undef()), missing, inner.length === 0 ? undefined : inner));
        } else if (inner.length > 0) {
          body.push(ifStatement(ne(v(value), undef()), inner));
        }
      }
      if (node.patternProperties !== undefined || node.additionalSchema !== undefined) {
        const k = w.fresh("k");
        const item = w.fresh("v");
        const onExtra = extraKeyChecks(node, k, item, [...path, { variable: k }], record, w);
        body.push(
          forIn(k, v(record), knownKeySwitch(node, k, [ifStatement(hasOwnCall(v(record), v(k)), [constDeclaration(item, index(v(record), v(k)), typeKeyword("unknown")), ...onExtra])])),
        );
      } else if (!node.additionalProperties) {
        const k = w.fresh("k");
        const unknown = pushUnknown(makeIssue([...path, { variable: k }], "unknown_property", undefined, index(v(record), v(k))));
        body.push(forIn(k, v(record), knownKeySwitch(node, k, [ifStatement(hasOwnCall(v(record), v(k)), unknown)])));
      }
      return [ifStatement(notAnObject(name), [pushIssue(makeIssue(path, "invalid_type", describeExpected(node), v(name)))], body)];
    }
    default: {
      const conditions = scalarConditions(node, name, w);
      if (conditions.length === 0) return [];
      // if (...) { ... } else if (...) { ... }: built from the last condition up.
      let statement: Node | undefined;
      for (const c of [...conditions].reverse()) {
        statement = ifStatement(c.test, [pushIssue(makeIssue(path, c.code, c.expected, v(name)))], statement);
      }
      return [statement!];
    }
  }
}

/**
 * Tests of a property not named in `properties`: each pattern it matches; otherwise the additionalProperties schema,
 * or (on a closed object) rejection unless unknown properties are allowed.
 */
function extraKeyTests(node: ObjectSchema, key: string, item: string, w: Writer): Node[] {
  const patterns = node.patternProperties ?? [];
  const matched = w.fresh("m");
  const out: Node[] = patterns.length > 0 ? [letDeclaration(matched, bool(false))] : [];
  for (const { pattern, schema } of patterns) {
    out.push(ifStatement(call(dot(id(w.pattern(pattern)), "test"), [v(key)]), [expressionStatement(assign(v(matched), bool(true))), ...emitTest(schema, item, w)]));
  }
  const otherwise = node.additionalSchema !== undefined ? emitTest(node.additionalSchema, item, w) : node.additionalProperties ? [] : [ifStatement(not(id("allow")), returnFalse())];
  if (otherwise.length > 0) out.push(...(patterns.length > 0 ? [ifStatement(not(v(matched)), otherwise)] : otherwise));
  return out;
}

function extraKeyChecks(node: ObjectSchema, key: string, item: string, path: readonly Segment[], record: string, w: Writer): Node[] {
  const patterns = node.patternProperties ?? [];
  const matched = w.fresh("m");
  const out: Node[] = patterns.length > 0 ? [letDeclaration(matched, bool(false))] : [];
  for (const { pattern, schema } of patterns) {
    out.push(ifStatement(call(dot(id(w.pattern(pattern)), "test"), [v(key)]), [expressionStatement(assign(v(matched), bool(true))), ...emitCheck(schema, item, path, w)]));
  }
  const otherwise =
    node.additionalSchema !== undefined
      ? emitCheck(node.additionalSchema, item, path, w)
      : node.additionalProperties
        ? []
        : [pushUnknown(makeIssue(path, "unknown_property", undefined, index(v(record), v(key))))];
  if (otherwise.length > 0) out.push(...(patterns.length > 0 ? [ifStatement(not(v(matched)), otherwise)] : otherwise));
  return out;
}

/** The value of the discriminating property, or undefined when `v` is not an object or does not have it. */
function readTag(name: string, property: string): Node {
  return conditional(
    and(eq(typeOf(v(name)), str("object")), notNull(name), not(call(dot(id("Array"), "isArray"), [v(name)])), hasOwnCall(v(name), str(property))),
    index(as(v(name), typeReference("Record", [typeKeyword("string"), typeKeyword("unknown")])), str(property)),
    undef(),
  );
}

/** The discriminator's cases grouped by variant, in variant order. */
function casesByVariant(node: UnionSchema): [number, string[]][] {
  const out = new Map<number, string[]>();
  for (const c of node.discriminator?.cases ?? []) out.set(c.variant, [...(out.get(c.variant) ?? []), c.value]);
  return [...out.entries()];
}

/**
 * A union's variants each get a test function. With a discriminator, the tag picks the one variant to test; without
 * one (or for an absent or unlisted tag), every variant is tried: anyOf wants one match, oneOf exactly one, except
 * that with unknown properties allowed, a oneOf also accepts the first match (a new field must not make two
 * variants ambiguous on the day Zoom adds it).
 */
function emitUnionTest(node: UnionSchema, name: string, w: Writer): Node[] {
  const names = node.variants.map((variant) => {
    const fn = w.splitName(w.slowPath.replace(/^check/, "test"));
    w.writeFunction(testFunction(fn), () => emitTest(variant, "v", w));
    return fn;
  });
  const calls = () => names.map((fn) => call(id(fn), [v(name), id("allow"), id("value")]));
  const generic =
    node.mode === "anyOf" || names.length === 1
      ? ifStatement(not(or(...calls())), returnFalse())
      : ifStatement(
          not(conditional(id("allow"), or(...calls()), eq(chain("+", calls().map((c) => conditional(c, num(1), num(0)))), num(1)))),
          returnFalse(),
        );
  if (node.discriminator === undefined) return [generic];
  const cases: Case[] = casesByVariant(node).map(([variant, values]) => ({
    tests: values.map(str),
    body: [ifStatement(not(calls()[variant]!), returnFalse()), breakStatement()],
  }));
  return [switchStatement(readTag(name, node.discriminator.property), [...cases, { tests: [], body: [generic] }])];
}

const CLASS_TESTS: Readonly<Record<string, (name: string) => Node>> = {
  object: (name) => and(eq(typeOf(v(name)), str("object")), notNull(name), not(call(dot(id("Array"), "isArray"), [v(name)]))),
  array: (name) => call(dot(id("Array"), "isArray"), [v(name)]),
  string: (name) => eq(typeOf(v(name)), str("string")),
  number: (name) => eq(typeOf(v(name)), str("number")),
  boolean: (name) => eq(typeOf(v(name)), str("boolean")),
  null: (name) => eq(v(name), { type: "NullLiteral" }),
};

/**
 * Checks every variant into lists of its own. A valid union keeps the warnings of its first matching variant; an
 * invalid one reports the issues of the variant the value was evidently meant for (named by the discriminator, or the
 * only variant of the value's JSON type), else one `invalid_union` issue.
 */
function emitUnionCheck(node: UnionSchema, name: string, path: readonly Segment[], w: Writer): Node[] {
  const lists = node.variants.map((variant) => {
    const fn = w.splitName(w.slowPath);
    w.writeFunction(checkFunction(fn), () => emitCheck(variant, "v", [{ prefix: true }], w));
    return { fn, issues: w.fresh("r"), warnings: w.fresh("w") };
  });
  const count = w.fresh("n");
  const out: Node[] = lists.flatMap((l) => [
    constDeclaration(l.issues, array([]), { type: "TSArrayType", elementType: VALIDATION_ISSUE() }),
    constDeclaration(l.warnings, array([]), { type: "TSArrayType", elementType: VALIDATION_ISSUE() }),
    expressionStatement(call(id(l.fn), [v(name), pathExpression(path), pointerExpression(path), v(l.issues), v(l.warnings), id("allow")])),
  ]);
  const noIssues = (list: string) => eq(dot(v(list), "length"), num(0));
  out.push(constDeclaration(count, chain("+", lists.map((l) => conditional(noIssues(l.issues), num(1), num(0))))));
  const valid = node.mode === "anyOf" ? binary(">=", v(count), num(1)) : conditional(id("allow"), binary(">=", v(count), num(1)), eq(v(count), num(1)));
  // if (r0.length === 0) { warnings.push(...w0); } else if (r1.length === 0) { ... }
  let keepWarnings: Node | undefined;
  for (const l of [...lists].reverse()) keepWarnings = ifStatement(noIssues(l.issues), [push(id("warnings"), spread(v(l.warnings)))], keepWarnings);

  const expected = describeExpected(node);
  const byClass: { test: Node; issues: string }[] = [];
  for (const [cls, test] of Object.entries(CLASS_TESTS)) {
    const candidates = node.variants.map((variant, i) => (acceptedClasses(variant).has(cls) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 1) byClass.push({ test: test(name), issues: lists[candidates[0]!]!.issues });
  }
  const fallback = pushIssue(
    call(id("makeIssue"), [
      pathExpression(path),
      pointerExpression(path),
      str("invalid_union"),
      str(expected),
      v(name),
      conditional(binary(">", v(count), num(1)), chain("+", [str("Matches "), v(count), str(" of the schemas in oneOf; exactly one must match")]), undef()),
    ]),
  );
  let undecided: Node[] = [fallback];
  if (byClass.length > 0) {
    let statement: Node | undefined = undefined;
    for (const [i, c] of [...byClass.entries()].reverse()) {
      statement = ifStatement(c.test, [push(id("issues"), spread(v(c.issues)))], i === byClass.length - 1 ? [fallback] : statement);
    }
    undecided = [statement!];
  }
  const invalid =
    node.discriminator === undefined
      ? undecided
      : [
          switchStatement(readTag(name, node.discriminator.property), [
            ...casesByVariant(node).map(([variant, values]) => ({ tests: values.map(str), body: [push(id("issues"), spread(v(lists[variant]!.issues))), breakStatement()] })),
            { tests: [], body: undecided },
          ]),
        ];
  out.push(ifStatement(valid, [keepWarnings!], invalid));
  return out;
}

function emitEventGuards(event: EventModel, w: Writer): Node[] {
  const t = event.typeName;
  const name = quoteJson(event.name);
  // The root is never split off; large objects inside it are (testX_1 / checkX_1, ...).
  w.startFunction(`check${t}`);
  w.resetSplits();
  const test = emitTestInner(event.body, "value", w, false);
  w.startFunction(`check${t}`);
  w.resetSplits();
  const check = emitCheckInner(event.body, "value", [], w, false);
  const extra = w.extraFunctions.splice(0);
  const options = param("options", typeReference("ValidationOptions"), true);
  return [
    ...extra,
    functionDeclaration(`test${t}`, [param("value", typeKeyword("unknown")), param("allow", typeKeyword("boolean"))], [...test, returnStatement(bool(true))], {
      returnType: typeKeyword("boolean"),
    }),
    functionDeclaration(`check${t}`, [param("value", typeKeyword("unknown")), param("issues", ISSUES_TYPE()), param("warnings", ISSUES_TYPE()), param("allow", typeKeyword("boolean"))], check, {
      returnType: typeKeyword("void"),
    }),
    withComments(
      exported(
        functionDeclaration(
          `is${t}`,
          [param("value", typeKeyword("unknown")), options],
          [constDeclaration("allow", call(id("readMode"), [id("options")])), tryCatch([returnStatement(call(id(`test${t}`), [id("value"), id("allow")]))], undefined, [returnFalse()])],
          { returnType: typePredicate("value", typeReference(t)) },
        ),
      ),
      jsdoc(`Whether \`value\` is a valid ${name} event. Never throws for any \`value\`.`),
    ),
    withComments(
      exported(
        functionDeclaration(
          `validate${t}`,
          [param("value", typeKeyword("unknown")), options],
          [returnStatement(call(id("run"), [id("value"), id("options"), id(`test${t}`), id(`check${t}`)], [typeReference(t)]))],
          { returnType: typeReference("ValidationResult", [typeReference(t)]) },
        ),
      ),
      jsdoc(`Validates a ${name} event: the typed value, or every issue found. Never throws for any \`value\`.`),
    ),
  ];
}

/** `{ ok: false, issues: [issue] }` */
const failure = (issue: Node) => object([{ key: "ok", value: FALSE() }, { key: "issues", value: array([issue]) }]);

/**
 * `isWebhookEvent`, `validateWebhookEvent` and `parseWebhookEvent`: one switch on `event`. Within a module of guards
 * it calls the events' test functions; in the combined module of a package of several products (`combined`), each
 * product's exported guards.
 */
function emitDispatch(model: SpecModel, combined = false): Node[] {
  if (model.discriminant === undefined) return emitTryEvery(model);
  // Zoom's packages: `event` is the event's name. Others switch on their own property and say the name in the result.
  const zoom = isZoomShaped(model);
  const property = model.discriminant.property;
  const valueOf = (e: EventModel) => e.discriminantValue ?? e.name;
  // The expected text of a missing or unknown event: a spec with thousands of events must not put all of them in every issue.
  const names = listEnumValues(
    model.events.map(valueOf),
    (name) => quoteJson(name as string),
    " | ",
  );
  const eventIssue = (code: string, expected: string, value: Node) => failure(call(id("makeIssue"), [array([str(property)]), str(joinPointer("", property)), str(code), str(expected), value]));
  const validateCase = (e: EventModel): Node => {
    const validate = call(id(`validate${e.typeName}`), [id("value"), id("options")]);
    return zoom ? validate : call(id("withEvent"), [validate, str(e.name)]);
  };
  const options = param("options", typeReference("ValidationOptions"), true);
  const isWebhookEvent = functionDeclaration(
    "isWebhookEvent",
    [param("value", typeKeyword("unknown")), options],
    [
      combined ? expressionStatement(call(id("readMode"), [id("options")])) : constDeclaration("allow", call(id("readMode"), [id("options")])),
      tryCatch(
        [
          ifStatement(not(call(id("isObjectLike"), [id("value")])), returnFalse()),
          switchStatement(call(id("eventOf"), [id("value")]), [
            ...model.events.map((e) => ({
              tests: [str(valueOf(e))],
              body: [returnStatement(combined ? call(id(`is${e.typeName}`), [id("value"), id("options")]) : call(id(`test${e.typeName}`), [id("value"), id("allow")]))],
            })),
            { tests: [], body: [returnFalse()] },
          ]),
        ],
        undefined,
        [returnFalse()],
      ),
    ],
    { returnType: typePredicate("value", typeReference("WebhookEvent")) },
  );
  const validateWebhookEvent = functionDeclaration(
    "validateWebhookEvent",
    [param("value", typeKeyword("unknown")), options],
    [
      expressionStatement(call(id("readMode"), [id("options")])),
      tryCatch(
        [
          ifStatement(not(call(id("isObjectLike"), [id("value")])), [
            returnStatement(failure(call(id("makeIssue"), [array([]), str(""), str("invalid_type"), str("object"), id("value")]))),
          ]),
          constDeclaration("name", call(id("eventOf"), [id("value")])),
          switchStatement(
            id("name"),
            model.events.map((e) => ({ tests: [str(valueOf(e))], body: [returnStatement(validateCase(e))] })),
          ),
          ifStatement(eq(id("name"), undef()), [returnStatement(eventIssue("missing_property", names, undef()))]),
          ifStatement(ne(typeOf(id("name")), str("string")), [returnStatement(eventIssue("invalid_type", "string", id("name")))]),
          returnStatement(eventIssue("unknown_event", names, id("name"))),
        ],
        "error",
        // A revoked Proxy or a throwing getter: even describing the value can throw.
        [returnStatement(failure(call(id("unreadable"), [id("error")])))],
      ),
    ],
    { returnType: typeReference("ValidationResult", [typeReference("WebhookEvent")]) },
  );
  const key = jsStringLiteral(property);
  const read = (signature: string) =>
    [
      signature,
      // The fast read of readPlainProperty: a plain load, unless it found Object.prototype's own value.
      `  const event = value[${key}];`,
      `  return event !== undefined && event === OBJECT_PROTOTYPE[${key}] && !hasOwn.call(value, ${key}) ? undefined : event;`,
      "}",
    ].join("\n");
  return [
    raw(read("function eventOf(value: Record<string, unknown>): unknown {"), { js: read("function eventOf(value) {"), dts: "" }),
    withComments(exported(isWebhookEvent), jsdoc("Whether `value` is any known event, valid against its event's schema. Never throws for any `value`.")),
    withComments(
      exported(validateWebhookEvent),
      jsdoc(
        [
          ...(zoom
            ? ["Validates any event: picks the schema by `event`, then returns the typed value (with warnings) or every issue."]
            : [
                `Validates any event: picks the schema by \`${property}\`, then returns the typed value (with warnings) and the`,
                "event's name (`event`, its WebhookEventMap key), or every issue.",
              ]),
          `An unknown ${zoom ? "event name" : `\`${property}\``} is an \`unknown_event\` issue. Never throws for any \`value\`; only invalid options throw.`,
        ].join("\n"),
      ),
    ),
    parseWebhookEventDeclaration(
      [
        "Parses a raw request body (the exact bytes or text Zoom sent) and validates it. Invalid UTF-8 and JSON syntax",
        "errors become an `invalid_json` issue. Never throws.",
      ].join("\n"),
    ),
  ];
}

/** `parseWebhookEvent`: parseAndValidate with validateWebhookEvent, whichever way that dispatches. */
function parseWebhookEventDeclaration(doc: string): Node {
  return withComments(
    exported(
      functionDeclaration(
        "parseWebhookEvent",
        [
          { name: "body", type: unionType([typeKeyword("string"), typeReference("Uint8Array")]) },
          { name: "options", type: typeReference("ValidationOptions"), optional: true },
        ],
        [returnStatement(call(id("parseAndValidate"), [id("body"), id("options"), id("validateWebhookEvent")]))],
        { returnType: typeReference("ValidationResult", [typeReference("WebhookEvent")]) },
      ),
    ),
    jsdoc(doc),
  );
}

/**
 * The dispatch of a package whose events no property tells apart: every event's test, and validateAny (which says
 * which event matched, or that several or none did).
 */
function emitTryEvery(model: SpecModel): Node[] {
  const options = param("options", typeReference("ValidationOptions"), true);
  const tests = model.events.map((e) => call(id(`test${e.typeName}`), [id("value"), id("allow")]));
  const isWebhookEvent = functionDeclaration(
    "isWebhookEvent",
    [param("value", typeKeyword("unknown")), options],
    [
      constDeclaration("allow", call(id("readMode"), [id("options")])),
      tryCatch([returnStatement(tests.length === 0 ? bool(false) : or(...tests))], undefined, [returnFalse()]),
    ],
    { returnType: typePredicate("value", typeReference("WebhookEvent")) },
  );
  const candidates = array(model.events.map((e) => array([str(e.name), id(`test${e.typeName}`), id(`check${e.typeName}`)])));
  const validateWebhookEvent = functionDeclaration(
    "validateWebhookEvent",
    [param("value", typeKeyword("unknown")), options],
    [returnStatement(call(id("validateAny"), [id("value"), id("options"), candidates], [typeReference("WebhookEvent")]))],
    { returnType: typeReference("ValidationResult", [typeReference("WebhookEvent")]) },
  );
  return [
    withComments(exported(isWebhookEvent), jsdoc("Whether `value` is valid against any event's schema. Never throws for any `value`.")),
    withComments(
      exported(validateWebhookEvent),
      jsdoc(
        [
          "Validates any event. No property tells these events apart, so the value is checked against every event's schema:",
          "the one that accepts it (spec-exact first; with `allow`, then tolerating unknown properties) is the result, with",
          "its name in `event`; several or none are an `invalid_union` issue. Never throws for any `value`; only invalid",
          "options throw.",
        ].join("\n"),
      ),
    ),
    parseWebhookEventDeclaration(
      "Parses a raw request body and validates it (see validateWebhookEvent). Invalid UTF-8 and JSON syntax errors become an `invalid_json` issue. Never throws.",
    ),
  ];
}

/** What the generated guards may call, by runtime module; types are marked. */
const RUNTIME_IMPORTS: readonly (readonly [module: string, names: readonly string[]])[] = [
  ["check-format", ["isDate", "isDateTime", "isInt32"]],
  ["check-length", ["longerThan", "shorterThan"]],
  ["make-issue", ["escapeToken", "makeIssue", "unreadable", "type Path", "type ValidationIssue"]],
  ["run-guard", ["hasOwn", "isObjectLike", "OBJECT_PROTOTYPE", "parseAndValidate", "passes", "readMode", "run", "validateAny", "withEvent", "type ValidationOptions", "type ValidationResult"]],
];

/** The public runtime names guards.ts re-exports (the package index exports them from it); fixed text. */
const RUNTIME_TYPE_EXPORTS = [
  'export type { IssueCode, ValidationIssue } from "./runtime/make-issue.js";',
  'export type { UnknownPropertiesMode, ValidationOptions, ValidationResult } from "./runtime/run-guard.js";',
].join("\n");

/**
 * Every identifier the statements use. Spec text is only ever in string literals, so it cannot add a name; fixed code
 * the emitter writes as raw text is read word by word.
 */
function identifiersIn(nodes: readonly unknown[]): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
    } else if (typeof node === "object" && node !== null) {
      const n = node as Record<string, unknown>;
      if (n.type === "Identifier" && typeof n.name === "string") found.add(n.name);
      else if (n.type === "Raw" && typeof n.text === "string") for (const word of n.text.match(/[A-Za-z_$][\w$]*/g) ?? []) found.add(word);
      if (n.type !== "StringLiteral") for (const value of Object.values(n)) if (typeof value === "object" && value !== null) stack.push(value);
    }
  }
  return found;
}

/** Import declarations for the runtime names the code uses: only those, so that the file imports nothing unused. */
function runtimeImports(code: readonly unknown[], layout: ModuleLayout): ReturnType<typeof importDeclaration>[] {
  const used = identifiersIn(code);
  return RUNTIME_IMPORTS.flatMap(([module, names]) => {
    const wanted = names
      .map((name) => ({ name: name.replace(/^type /, ""), typeOnly: name.startsWith("type ") }))
      .filter((name) => used.has(name.name));
    return wanted.length === 0 ? [] : [importDeclaration(wanted, `${layout.runtime}${module}.js`)];
  });
}

export function emitGuards(model: SpecModel, layout: ModuleLayout = ROOT_LAYOUT): EmittedFile[] {
  const w = new Writer();
  const events = model.events.flatMap((event) => emitEventGuards(event, w));
  const typeImports = ["WebhookEvent", ...model.events.map((e) => e.typeName)].sort();
  const code = [
    ...w.enumSets.map((s, i) => (i === w.enumSets.length - 1 ? withBlankLine(s) : s)),
    ...events.map(withBlankLine),
    ...emitDispatch(model).map((s, i, all) => (i < all.length - 1 ? withBlankLine(s) : s)),
  ];
  const imports = [importDeclaration(typeImports, "./types.js", { typeOnly: true }), ...runtimeImports(code, layout)];
  const statements = [...imports.map((s, i) => (i === imports.length - 1 ? withBlankLine(s) : s)), withBlankLine(raw(relocate(RUNTIME_TYPE_EXPORTS, layout), { js: "" })), ...code];
  return printModuleFiles(`${layout.dir}guards.ts`, statements, { banner: tsBanner(model) });
}

/**
 * `src/guards.ts` of a package of several products: every product's guards, re-exported from its subpath's module,
 * and the guards of any event, dispatching on `event` to the product's.
 */
export function emitCombinedGuards(model: SpecModel): EmittedFile[] {
  const products = model.products ?? [];
  const guardNames = (product: string) =>
    model.events
      .filter((e) => e.product === product)
      .flatMap((e) => [`is${e.typeName}`, `validate${e.typeName}`])
      .sort(compareCodePoints);
  const code = emitDispatch(model, true).map((s, i, all) => (i < all.length - 1 ? withBlankLine(s) : s));
  const imports = [
    importDeclaration(["WebhookEvent"], "./types.js", { typeOnly: true }),
    ...products.map((product) => importDeclaration(guardNames(product.name), `./${product.name}/guards.js`)),
    ...runtimeImports(code, ROOT_LAYOUT),
  ];
  const statements = [
    ...imports.map((s, i) => (i === imports.length - 1 ? withBlankLine(s) : s)),
    ...products.map((product) => exportFrom(guardNames(product.name), `./${product.name}/guards.js`)),
    withBlankLine(raw(RUNTIME_TYPE_EXPORTS, { js: "" })),
    ...code,
  ];
  return printModuleFiles("src/guards.ts", statements, { banner: tsBanner(model) });
}
