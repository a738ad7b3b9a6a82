import { pointerFromPath } from "../model/json-pointer.js";
import { acceptedClasses } from "../model/check-value.js";
import type { EventModel, ObjectSchema, SchemaNode, SpecModel, UnionSchema } from "../model/model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { commentText, jsString } from "./js-literal.js";

/**
 * Emits straight-line validation code per event: a boolean `test` (no allocation, stops at the first failure) and a
 * `check` that walks everything and collects issues. Spec strings (names, enum values) enter the code only through
 * JSON.stringify; identifiers come from the model's type names.
 */

/** A path segment: a known key, a run-time variable (index, key), or the caller's path (in a split-off checker). */
type Segment = { literal: string | number } | { variable: string } | { prefix: true };

class Writer {
  private counter = 0;
  readonly enumSets: string[] = [];
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
  writeFunction(header: string, body: () => string[], scope: { slowPath?: string; fallback?: string; fresh?: boolean } = {}): void {
    const saved = this.saveCounter();
    this.startFunction(scope.slowPath ?? this.slowPath, scope.fallback ?? this.fallback);
    if (scope.fresh) this.splits = 0;
    const lines = body();
    this.restoreCounter(saved);
    const returnsBoolean = header.endsWith(": boolean");
    this.extraFunctions.push([`function ${header} {`, ...lines, ...(returnsBoolean ? ["return true;"] : []), "}"].join("\n"));
  }

  private saveCounter(): { counter: number; slowPath: string; fallback: string; splits: number } {
    return { counter: this.counter, slowPath: this.slowPath, fallback: this.fallback, splits: this.splits };
  }

  private restoreCounter(saved: { counter: number; slowPath: string; fallback: string; splits: number }): void {
    this.counter = saved.counter;
    this.slowPath = saved.slowPath;
    this.fallback = saved.fallback;
    this.splits = saved.splits;
  }

  /** The checker of the function group being written: split-off functions are named after it. */
  slowPath = "";
  /** What a test returns for an object that is not plain: the group's checker, run on the group's root `value`. */
  fallback = "";
  /** Named shapes whose shared test / check functions exist already. */
  readonly sharedTests = new Set<string>();
  readonly sharedChecks = new Set<string>();
  private passesAtDeclared = false;

  /** The fallback of a shared function: its checker, whose signature takes a path, run at the shape's root. */
  declarePassesAt(): void {
    if (this.passesAtDeclared) return;
    this.passesAtDeclared = true;
    this.enumSets.push(
      [
        "type SubChecker = (v: unknown, path: Path, pointer: string, issues: ValidationIssue[], warnings: ValidationIssue[], allow: boolean) => void;",
        "",
        "function passesAt(check: SubChecker, value: unknown, allow: boolean): boolean {",
        "const issues: ValidationIssue[] = [];",
        'check(value, [], "", issues, [], allow);',
        "return issues.length === 0;",
        "}",
      ].join("\n"),
    );
  }
  /** Functions split off large objects, emitted after the event's own functions. */
  readonly extraFunctions: string[] = [];
  splits = 0;

  splitName(base: string): string {
    return `${base}_${++this.splits}`;
  }

  resetSplits(): void {
    this.splits = 0;
  }

  /** Each function numbers its locals from 0, so a change in one event does not rename the locals of the next. */
  startFunction(slowPath = "", fallback = `passes(${slowPath}, value, allow)`): void {
    this.counter = 0;
    this.slowPath = slowPath;
    this.fallback = fallback;
  }

  /** Patterns are compiled once, at module level; the spec's text enters the code only through JSON.stringify. */
  pattern(source: string): string {
    const key = `pattern:${source}`;
    let name = this.enumIndex.get(key);
    if (name === undefined) {
      name = `PATTERN_${this.patterns++}`;
      this.enumIndex.set(key, name);
      this.enumSets.push(`const ${name} = new RegExp(${jsString(source)}, "u");`);
    }
    return name;
  }

  private patterns = 0;

  /** Enums of more than a few values are looked up in a Set (one hash, not a linear scan); the Set is module-level. */
  enumSet(values: readonly (string | number | boolean)[]): string {
    const key = jsString(values);
    let name = this.enumIndex.get(key);
    if (name === undefined) {
      name = `ENUM_${this.enums++}`;
      this.enumIndex.set(key, name);
      this.enumSets.push(`const ${name}: ReadonlySet<unknown> = new Set(${key});`);
    }
    return name;
  }
}

/** A test split off an event's (or shared shape's) function: `value` is the group's root, for the fallback. */
const testHeader = (name: string) => `${name}(v: unknown, allow: boolean, value: unknown): boolean`;
/** Every checker below the root: the path and pointer of `v` come from the caller. */
const checkHeader = (name: string) => `${name}(v: unknown, path: Path, pointer: string, issues: ValidationIssue[], warnings: ValidationIssue[], allow: boolean): void`;

const pathExpression = (path: readonly Segment[]): string =>
  `[${path.map((s) => ("literal" in s ? jsString(s.literal) : "variable" in s ? s.variable : "...path")).join(", ")}]`;

/**
 * The path and its JSON pointer as call arguments. The static parts of the pointer are computed here, once; only a
 * dynamic segment (an array index, an unknown key) is escaped at run time.
 */
function pointerExpression(path: readonly Segment[]): string {
  const parts: string[] = [];
  let literal = "";
  for (const segment of path) {
    if ("literal" in segment) {
      literal += pointerFromPath([segment.literal]);
    } else if ("variable" in segment) {
      parts.push(jsString(literal + "/"), `escapeToken(${segment.variable})`);
      literal = "";
    } else {
      parts.push("pointer");
    }
  }
  if (literal !== "" || parts.length === 0) parts.push(jsString(literal));
  return parts.join(" + ");
}

function issuePlace(path: readonly Segment[]): string {
  return `${pathExpression(path)}, ${pointerExpression(path)}`;
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
  w.writeFunction(`${name}(value: unknown, allow: boolean): boolean`, () => emitTestInner(node, "value", w, false), {
    slowPath: check,
    fallback: `passesAt(${check}, value, allow)`,
    fresh: true,
  });
  return name;
}

/** The shared checker of a named shape: `check<Name>(v, path, pointer, issues, warnings, allow)`. */
function sharedCheck(node: ObjectSchema, w: Writer): string {
  const name = `check${node.typeName}`;
  if (w.sharedChecks.has(name)) return name;
  w.sharedChecks.add(name);
  w.declarePassesAt();
  w.writeFunction(checkHeader(name), () => emitCheckInner(node, "v", [{ prefix: true }], w, false), {
    slowPath: name,
    fallback: `passesAt(${name}, value, allow)`,
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
function readProperty(object: string, name: string): string {
  return `hasOwn.call(${object}, ${jsString(name)}) ? ${object}[${jsString(name)}] : undefined`;
}

/**
 * The fast path's read, for an object whose prototype is Object.prototype or null (checked before). A plain load,
 * which only an Object.prototype property of the same name could have answered instead of the object itself: only
 * when the value is that very value does a hasOwnProperty call decide. Names Object.prototype has itself (`__proto__`,
 * `toString`, ...) always take the hasOwnProperty read. Half the cost of a hasOwnProperty call per property.
 */
function readPlainProperty(object: string, name: string, variable: string): string[] {
  const key = jsString(name);
  if (name in Object.prototype) return [`const ${variable} = ${readProperty(object, name)};`];
  return [
    `let ${variable} = ${object}[${key}];`,
    `if (${variable} !== undefined && ${variable} === OBJECT_PROTOTYPE[${key}] && !hasOwn.call(${object}, ${key})) ${variable} = undefined;`,
  ];
}

/** What a node expects, for issue messages: "string (date-time)", "\"a\" | \"b\"", "integer (int64) | null". */
export function describeExpected(node: SchemaNode): string {
  let text: string;
  if (node.kind === "union") {
    const parts = node.variants.map((v) => (v.kind === "object" && v.title !== undefined ? `object (${v.title})` : describeExpected(v)));
    text = (node.mode === "oneOf" ? "exactly one of: " : "") + [...new Set(parts)].join(" | ");
  } else if ((node.kind === "string" || node.kind === "integer" || node.kind === "number" || node.kind === "boolean") && node.enum) {
    text = node.enum.map((v) => jsString(v)).join(" | ");
  } else {
    text = node.kind === "unknown" ? "any value" : node.kind;
    if ((node.kind === "string" || node.kind === "integer" || node.kind === "number") && node.format) text += ` (${node.format})`;
  }
  return node.nullable ? `${text} | null` : text;
}

/** The failing conditions of a scalar, in the order they are reported: type, then enum, then format. */
function scalarConditions(node: SchemaNode, v: string, w: Writer): { test: string; code: string; expected: string }[] {
  const expected = describeExpected(node);
  const conditions: { test: string; code: string; expected: string }[] = [];
  switch (node.kind) {
    case "string":
      conditions.push({ test: `typeof ${v} !== "string"`, code: "invalid_type", expected: node.nullable ? "string | null" : "string" });
      break;
    case "integer":
      conditions.push({ test: `!Number.isInteger(${v})`, code: "invalid_type", expected: node.nullable ? "integer | null" : "integer" });
      break;
    case "number":
      conditions.push({ test: `!Number.isFinite(${v})`, code: "invalid_type", expected: node.nullable ? "number | null" : "number" });
      break;
    case "boolean":
      conditions.push({ test: `typeof ${v} !== "boolean"`, code: "invalid_type", expected: node.nullable ? "boolean | null" : "boolean" });
      break;
    case "null":
      conditions.push({ test: `${v} !== null`, code: "invalid_type", expected: "null" });
      return conditions;
    default:
      return conditions;
  }
  if (node.enum) {
    const test =
      node.enum.length <= 3
        ? node.enum.map((value) => `${v} !== ${jsString(value)}`).join(" && ")
        : `!${w.enumSet(node.enum)}.has(${v})`;
    conditions.push({ test, code: "invalid_enum", expected });
  }
  const format = node.kind === "string" || node.kind === "integer" || node.kind === "number" ? node.format : undefined;
  if (node.kind === "string" && format === "date-time") conditions.push({ test: `!isDateTime(${v})`, code: "invalid_format", expected });
  if (node.kind === "string" && format === "date") conditions.push({ test: `!isDate(${v})`, code: "invalid_format", expected });
  if (node.kind !== "string" && format === "int32") conditions.push({ test: `!isInt32(${v})`, code: "invalid_format", expected });
  if (node.kind === "number" && (format === "int64" || format === "uint64")) conditions.push({ test: `!Number.isInteger(${v})`, code: "invalid_format", expected });
  if (node.kind !== "string" && format === "uint64") conditions.push({ test: `(${v} as number) < 0`, code: "invalid_format", expected });
  if (node.kind === "string" && node.pattern !== undefined) {
    conditions.push({ test: `!${w.pattern(node.pattern)}.test(${v} as string)`, code: "invalid_format", expected: `string matching /${node.pattern}/` });
  }
  conditions.push(...boundConditions(node, v));
  return conditions;
}

/** Length, range and size bounds, reported as too_small / too_big after the type, enum and format checks. */
function boundConditions(node: SchemaNode, v: string): { test: string; code: string; expected: string }[] {
  const out: { test: string; code: string; expected: string }[] = [];
  if (node.kind === "string") {
    if (node.minLength !== undefined && node.minLength > 0) out.push({ test: `shorterThan(${v} as string, ${node.minLength})`, code: "too_small", expected: `at least ${node.minLength} characters` });
    if (node.maxLength !== undefined) out.push({ test: `longerThan(${v} as string, ${node.maxLength})`, code: "too_big", expected: `at most ${node.maxLength} characters` });
  }
  if (node.kind === "integer" || node.kind === "number") {
    if (node.minimum !== undefined) out.push({ test: `(${v} as number) < ${node.minimum}`, code: "too_small", expected: `${node.kind} >= ${node.minimum}` });
    if (node.exclusiveMinimum !== undefined) out.push({ test: `(${v} as number) <= ${node.exclusiveMinimum}`, code: "too_small", expected: `${node.kind} > ${node.exclusiveMinimum}` });
    if (node.maximum !== undefined) out.push({ test: `(${v} as number) > ${node.maximum}`, code: "too_big", expected: `${node.kind} <= ${node.maximum}` });
    if (node.exclusiveMaximum !== undefined) out.push({ test: `(${v} as number) >= ${node.exclusiveMaximum}`, code: "too_big", expected: `${node.kind} < ${node.exclusiveMaximum}` });
  }
  if (node.kind === "array") {
    if (node.minItems !== undefined && node.minItems > 0) out.push({ test: `${v}.length < ${node.minItems}`, code: "too_small", expected: `at least ${node.minItems} items` });
    if (node.maxItems !== undefined) out.push({ test: `${v}.length > ${node.maxItems}`, code: "too_big", expected: `at most ${node.maxItems} items` });
  }
  return out;
}

/** Statements that `return false` as soon as `v` does not match `node`. */
function emitTest(node: SchemaNode, v: string, w: Writer): string[] {
  const body = emitTestInner(node, v, w);
  if (!node.nullable || body.length === 0) return body;
  return [`if (${v} !== null) {`, ...body, "}"];
}

function emitTestInner(node: SchemaNode, v: string, w: Writer, split = true): string[] {
  switch (node.kind) {
    case "unknown":
      return [];
    case "array": {
      const i = w.fresh("i");
      const item = w.fresh("v");
      const prefix = (node.prefixItems ?? []).flatMap((schema, index) => {
        const at = w.fresh("v");
        const inner = emitTest(schema, at, w);
        return inner.length === 0 ? [] : [`if (${v}.length > ${index}) {`, `const ${at}: unknown = ${v}[${index}];`, ...inner, "}"];
      });
      const inner = emitTest(node.items, item, w);
      const start = node.prefixItems?.length ?? 0;
      return [
        `if (!Array.isArray(${v})) return false;`,
        ...boundConditions(node, v).map((c) => `if (${c.test}) return false;`),
        ...prefix,
        ...(inner.length === 0 ? [] : [`for (let ${i} = ${start}; ${i} < ${v}.length; ${i}++) {`, `const ${item}: unknown = ${v}[${i}];`, ...inner, "}"]),
      ];
    }
    case "union":
      return emitUnionTest(node, v, w);
    case "object": {
      if (split && node.typeName !== undefined) return [`if (!${sharedTest(node, w)}(${v}, allow)) return false;`];
      if (split && size(node) > SPLIT_SIZE) {
        const name = w.splitName(w.slowPath.replace(/^check/, "test"));
        w.writeFunction(testHeader(name), () => emitTestInner(node, "v", w, false));
        return [`if (!${name}(${v}, allow, value)) return false;`];
      }
      const lines = [`if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return false;`];
      const record = w.fresh("o");
      const prototype = w.fresh("p");
      lines.push(
        `const ${record} = ${v} as Record<string, unknown>;`,
        `const ${prototype}: unknown = Object.getPrototypeOf(${record});`,
        // Anything but a plain or null-prototype object (class instances, Object.create(x)) takes the checker's path.
        `if (${prototype} !== OBJECT_PROTOTYPE && ${prototype} !== null) return ${w.fallback};`,
      );
      const closed = !node.additionalProperties && node.patternProperties === undefined;
      // On a closed object, count the known properties present: if the object has no more keys than that, none is
      // unknown, and the key-by-key comparison is skipped.
      const present = w.fresh("n");
      if (closed) lines.push(`let ${present} = ${node.properties.filter((p) => p.required).length};`);
      for (const property of node.properties) {
        const value = w.fresh("v");
        const inner = emitTest(property.schema, value, w);
        if (!property.required && inner.length === 0 && !closed) continue;
        lines.push(...readPlainProperty(record, property.name, value));
        if (property.required) {
          lines.push(`if (${value} === undefined) return false;`, ...inner);
        } else {
          lines.push(`if (${value} !== undefined) {`, ...(closed ? [`${present}++;`] : []), ...inner, "}");
        }
      }
      if (node.patternProperties !== undefined || node.additionalSchema !== undefined) {
        const key = w.fresh("k");
        const item = w.fresh("v");
        const onExtra = extraKeyTests(node, key, item, w);
        lines.push(
          `for (const ${key} in ${record}) {`,
          ...knownKeySwitch(node, key, [`if (hasOwn.call(${record}, ${key})) {`, `const ${item}: unknown = ${record}[${key}];`, ...onExtra, "}"]),
          "}",
        );
      } else if (closed) {
        const key = w.fresh("k");
        const keys = w.fresh("c");
        lines.push(
          "if (!allow) {",
          `let ${keys} = 0;`,
          `for (const ${key} in ${record}) ${keys}++;`,
          `if (${keys} !== ${present}) {`,
          `for (const ${key} in ${record}) {`,
          ...knownKeySwitch(node, key, [`if (hasOwn.call(${record}, ${key})) return false;`]),
          "}",
          "}",
          "}",
        );
      }
      return lines;
    }
    default: {
      const conditions = scalarConditions(node, v, w);
      // Comparing with enum values already rules out other types: the type test is redundant on the fast path.
      const needed = conditions.some((c) => c.code === "invalid_enum") ? conditions.filter((c) => c.code !== "invalid_type") : conditions;
      return needed.map((c) => `if (${c.test}) return false;`);
    }
  }
}

function knownKeySwitch(node: Extract<SchemaNode, { kind: "object" }>, key: string, onUnknown: string[]): string[] {
  if (node.properties.length === 0) return onUnknown;
  return [
    `switch (${key}) {`,
    ...node.properties.map((p) => `case ${jsString(p.name)}:`),
    "break;",
    "default:",
    ...onUnknown,
    "}",
  ];
}

/** Statements that push every issue of `v` against `node`; `path` is where `v` is. */
function emitCheck(node: SchemaNode, v: string, path: readonly Segment[], w: Writer): string[] {
  const body = emitCheckInner(node, v, path, w);
  if (!node.nullable || body.length === 0) return body;
  return [`if (${v} !== null) {`, ...body, "}"];
}

function emitCheckInner(node: SchemaNode, v: string, path: readonly Segment[], w: Writer, split = true): string[] {
  const at = issuePlace(path);
  switch (node.kind) {
    case "unknown":
      return [];
    case "array": {
      const i = w.fresh("i");
      const item = w.fresh("v");
      const prefix = (node.prefixItems ?? []).flatMap((schema, index) => {
        const value = w.fresh("v");
        const inner = emitCheck(schema, value, [...path, { literal: index }], w);
        return inner.length === 0 ? [] : [`if (${v}.length > ${index}) {`, `const ${value}: unknown = ${v}[${index}];`, ...inner, "}"];
      });
      const inner = emitCheck(node.items, item, [...path, { variable: i }], w);
      const start = node.prefixItems?.length ?? 0;
      return [
        `if (!Array.isArray(${v})) {`,
        `issues.push(makeIssue(${at}, "invalid_type", ${jsString(describeExpected(node))}, ${v}));`,
        "} else {",
        ...boundConditions(node, v).map((c) => `if (${c.test}) issues.push(makeIssue(${at}, ${jsString(c.code)}, ${jsString(c.expected)}, ${v}));`),
        ...prefix,
        ...(inner.length === 0 ? [] : [`for (let ${i} = ${start}; ${i} < ${v}.length; ${i}++) {`, `const ${item}: unknown = ${v}[${i}];`, ...inner, "}"]),
        "}",
      ];
    }
    case "union":
      return emitUnionCheck(node, v, path, w);
    case "object": {
      if (split && node.typeName !== undefined) {
        return [`${sharedCheck(node, w)}(${v}, ${pathExpression(path)}, ${pointerExpression(path)}, issues, warnings, allow);`];
      }
      if (split && size(node) > SPLIT_SIZE) {
        const name = w.splitName(w.slowPath);
        w.writeFunction(checkHeader(name), () => emitCheckInner(node, "v", [{ prefix: true }], w, false));
        return [`${name}(${v}, ${pathExpression(path)}, ${pointerExpression(path)}, issues, warnings, allow);`];
      }
      const record = w.fresh("o");
      const lines = [
        `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) {`,
        `issues.push(makeIssue(${at}, "invalid_type", ${jsString(describeExpected(node))}, ${v}));`,
        "} else {",
        `const ${record} = ${v} as Record<string, unknown>;`,
      ];
      for (const property of node.properties) {
        const value = w.fresh("v");
        const propertyPath = [...path, { literal: property.name }];
        const inner = emitCheck(property.schema, value, propertyPath, w);
        if (!property.required && inner.length === 0) continue;
        lines.push(`const ${value} = ${readProperty(record, property.name)};`);
        if (property.required) {
          lines.push(
            `if (${value} === undefined) {`,
            `issues.push(makeIssue(${issuePlace(propertyPath)}, "missing_property", ${jsString(describeExpected(property.schema))}, undefined));`,
            ...(inner.length === 0 ? ["}"] : ["} else {", ...inner, "}"]),
          );
        } else if (inner.length > 0) {
          lines.push(`if (${value} !== undefined) {`, ...inner, "}");
        }
      }
      if (node.patternProperties !== undefined || node.additionalSchema !== undefined) {
        const key = w.fresh("k");
        const item = w.fresh("v");
        const onExtra = extraKeyChecks(node, key, item, [...path, { variable: key }], record, w);
        lines.push(
          `for (const ${key} in ${record}) {`,
          ...knownKeySwitch(node, key, [`if (hasOwn.call(${record}, ${key})) {`, `const ${item}: unknown = ${record}[${key}];`, ...onExtra, "}"]),
          "}",
        );
      } else if (!node.additionalProperties) {
        const key = w.fresh("k");
        const unknownAt = issuePlace([...path, { variable: key }]);
        lines.push(
          `for (const ${key} in ${record}) {`,
          ...knownKeySwitch(node, key, [
            `if (hasOwn.call(${record}, ${key})) (allow ? warnings : issues).push(makeIssue(${unknownAt}, "unknown_property", undefined, ${record}[${key}]));`,
          ]),
          "}",
        );
      }
      lines.push("}");
      return lines;
    }
    default: {
      const conditions = scalarConditions(node, v, w);
      return conditions.flatMap((c, index) => [
        `${index === 0 ? "if" : "} else if"} (${c.test}) {`,
        `issues.push(makeIssue(${at}, ${jsString(c.code)}, ${jsString(c.expected)}, ${v}));`,
        ...(index === conditions.length - 1 ? ["}"] : []),
      ]);
    }
  }
}

/**
 * Tests of a property not named in `properties`: each pattern it matches; otherwise the additionalProperties schema,
 * or (on a closed object) rejection unless unknown properties are allowed.
 */
function extraKeyTests(node: ObjectSchema, key: string, item: string, w: Writer): string[] {
  const patterns = node.patternProperties ?? [];
  const matched = w.fresh("m");
  const lines = patterns.length > 0 ? [`let ${matched} = false;`] : [];
  for (const { pattern, schema } of patterns) {
    lines.push(`if (${w.pattern(pattern)}.test(${key})) {`, `${matched} = true;`, ...emitTest(schema, item, w), "}");
  }
  const otherwise = node.additionalSchema !== undefined ? emitTest(node.additionalSchema, item, w) : node.additionalProperties ? [] : ["if (!allow) return false;"];
  if (otherwise.length > 0) lines.push(...(patterns.length > 0 ? [`if (!${matched}) {`, ...otherwise, "}"] : otherwise));
  return lines;
}

function extraKeyChecks(node: ObjectSchema, key: string, item: string, path: readonly Segment[], record: string, w: Writer): string[] {
  const patterns = node.patternProperties ?? [];
  const matched = w.fresh("m");
  const lines = patterns.length > 0 ? [`let ${matched} = false;`] : [];
  for (const { pattern, schema } of patterns) {
    lines.push(`if (${w.pattern(pattern)}.test(${key})) {`, `${matched} = true;`, ...emitCheck(schema, item, path, w), "}");
  }
  const otherwise =
    node.additionalSchema !== undefined
      ? emitCheck(node.additionalSchema, item, path, w)
      : node.additionalProperties
        ? []
        : [`(allow ? warnings : issues).push(makeIssue(${issuePlace(path)}, "unknown_property", undefined, ${record}[${key}]));`];
  if (otherwise.length > 0) lines.push(...(patterns.length > 0 ? [`if (!${matched}) {`, ...otherwise, "}"] : otherwise));
  return lines;
}

/** The value of the discriminating property, or undefined when `v` is not an object or does not have it. */
function readTag(v: string, property: string): string {
  return `typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}) && hasOwn.call(${v}, ${jsString(property)}) ? (${v} as Record<string, unknown>)[${jsString(property)}] : undefined`;
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
function emitUnionTest(node: UnionSchema, v: string, w: Writer): string[] {
  const names = node.variants.map((variant) => {
    const name = w.splitName(w.slowPath.replace(/^check/, "test"));
    w.writeFunction(testHeader(name), () => emitTest(variant, "v", w));
    return name;
  });
  const calls = names.map((name) => `${name}(${v}, allow, value)`);
  const generic =
    node.mode === "anyOf" || calls.length === 1
      ? `if (!(${calls.join(" || ")})) return false;`
      : `if (!(allow ? ${calls.join(" || ")} : ${calls.map((c) => `(${c} ? 1 : 0)`).join(" + ")} === 1)) return false;`;
  if (node.discriminator === undefined) return [generic];
  return [
    `switch (${readTag(v, node.discriminator.property)}) {`,
    ...casesByVariant(node).flatMap(([variant, values]) => [...values.map((value) => `case ${jsString(value)}:`), `if (!${calls[variant]}) return false;`, "break;"]),
    "default:",
    generic,
    "}",
  ];
}

const CLASS_TESTS: Readonly<Record<string, (v: string) => string>> = {
  object: (v) => `typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v})`,
  array: (v) => `Array.isArray(${v})`,
  string: (v) => `typeof ${v} === "string"`,
  number: (v) => `typeof ${v} === "number"`,
  boolean: (v) => `typeof ${v} === "boolean"`,
  null: (v) => `${v} === null`,
};

/**
 * Checks every variant into lists of its own. A valid union keeps the warnings of its first matching variant; an
 * invalid one reports the issues of the variant the value was evidently meant for (named by the discriminator, or the
 * only variant of the value's JSON type), else one `invalid_union` issue.
 */
function emitUnionCheck(node: UnionSchema, v: string, path: readonly Segment[], w: Writer): string[] {
  const at = issuePlace(path);
  const lists = node.variants.map((variant) => {
    const name = w.splitName(w.slowPath);
    w.writeFunction(checkHeader(name), () => emitCheck(variant, "v", [{ prefix: true }], w));
    return { name, issues: w.fresh("r"), warnings: w.fresh("w") };
  });
  const count = w.fresh("n");
  const lines = lists.flatMap((l) => [
    `const ${l.issues}: ValidationIssue[] = [];`,
    `const ${l.warnings}: ValidationIssue[] = [];`,
    `${l.name}(${v}, ${pathExpression(path)}, ${pointerExpression(path)}, ${l.issues}, ${l.warnings}, allow);`,
  ]);
  lines.push(`const ${count} = ${lists.map((l) => `(${l.issues}.length === 0 ? 1 : 0)`).join(" + ")};`);
  const valid = node.mode === "anyOf" ? `${count} >= 1` : `(allow ? ${count} >= 1 : ${count} === 1)`;
  lines.push(
    `if (${valid}) {`,
    ...lists.flatMap((l, index) => [`${index === 0 ? "if" : "} else if"} (${l.issues}.length === 0) {`, `warnings.push(...${l.warnings});`]),
    "}",
    "} else {",
  );
  const expected = jsString(describeExpected(node));
  const byClass: string[] = [];
  for (const [cls, test] of Object.entries(CLASS_TESTS)) {
    const candidates = node.variants.map((variant, index) => (acceptedClasses(variant).has(cls) ? index : -1)).filter((i) => i >= 0);
    if (candidates.length === 1) byClass.push(`${byClass.length === 0 ? "if" : "} else if"} (${test(v)}) {`, `issues.push(...${lists[candidates[0]!]!.issues});`);
  }
  const fallback = `issues.push(makeIssue(${at}, "invalid_union", ${expected}, ${v}, ${count} > 1 ? "Matches " + ${count} + " of the schemas in oneOf; exactly one must match" : undefined));`;
  const undecided = byClass.length === 0 ? [fallback] : [...byClass, "} else {", fallback, "}"];
  if (node.discriminator !== undefined) {
    lines.push(
      `switch (${readTag(v, node.discriminator.property)}) {`,
      ...casesByVariant(node).flatMap(([variant, values]) => [...values.map((value) => `case ${jsString(value)}:`), `issues.push(...${lists[variant]!.issues});`, "break;"]),
      "default:",
      ...undecided,
      "}",
    );
  } else {
    lines.push(...undecided);
  }
  lines.push("}");
  return lines;
}

function emitEventGuards(event: EventModel, w: Writer): string {
  const t = event.typeName;
  const name = commentText(jsString(event.name));
  // The root is never split off; large objects inside it are (testX_1 / checkX_1, ...).
  w.startFunction(`check${t}`);
  w.resetSplits();
  const test = emitTestInner(event.body, "value", w, false);
  w.startFunction(`check${t}`);
  w.resetSplits();
  const check = emitCheckInner(event.body, "value", [], w, false);
  const extra = w.extraFunctions.splice(0);
  return [
    ...extra.flatMap((f) => [f, ""]),
    `function test${t}(value: unknown, allow: boolean): boolean {`,
    ...test,
    "return true;",
    "}",
    "",
    `function check${t}(value: unknown, issues: ValidationIssue[], warnings: ValidationIssue[], allow: boolean): void {`,
    ...check,
    "}",
    "",
    `/** Whether \`value\` is a valid ${name} event. Never throws for any \`value\`. */`,
    `export function is${t}(value: unknown, options?: ValidationOptions): value is ${t} {`,
    "const allow = readMode(options);",
    "try {",
    `return test${t}(value, allow);`,
    "} catch {",
    "return false;",
    "}",
    "}",
    "",
    `/** Validates a ${name} event: the typed value, or every issue found. Never throws for any \`value\`. */`,
    `export function validate${t}(value: unknown, options?: ValidationOptions): ValidationResult<${t}> {`,
    `return run<${t}>(value, options, test${t}, check${t});`,
    "}",
  ].join("\n");
}

function emitDispatch(model: SpecModel): string {
  const names = model.events.map((e) => jsString(e.name));
  const expectedNames = jsString(model.events.map((e) => jsString(e.name)).join(" | "));
  return [
    "function eventOf(value: Record<string, unknown>): unknown {",
    // The fast read of readPlainProperty: a plain load, unless it found Object.prototype's own value.
    `const event = value["event"];`,
    `return event !== undefined && event === OBJECT_PROTOTYPE["event"] && !hasOwn.call(value, "event") ? undefined : event;`,
    "}",
    "",
    "/** Whether `value` is any known event, valid against its event's schema. Never throws for any `value`. */",
    "export function isWebhookEvent(value: unknown, options?: ValidationOptions): value is WebhookEvent {",
    "const allow = readMode(options);",
    "try {",
    "if (!isObjectLike(value)) return false;",
    "switch (eventOf(value)) {",
    ...model.events.flatMap((e) => [`case ${jsString(e.name)}:`, `return test${e.typeName}(value, allow);`]),
    "default:",
    "return false;",
    "}",
    "} catch {",
    "return false;",
    "}",
    "}",
    "",
    "/**",
    " * Validates any event: picks the schema by `event`, then returns the typed value (with warnings) or every issue.",
    " * An unknown event name is an `unknown_event` issue. Never throws for any `value`; only invalid options throw.",
    " */",
    "export function validateWebhookEvent(value: unknown, options?: ValidationOptions): ValidationResult<WebhookEvent> {",
    "readMode(options);",
    "try {",
    "if (!isObjectLike(value)) {",
    `return { ok: false, issues: [makeIssue([], "", "invalid_type", "object", value)] };`,
    "}",
    "const name = eventOf(value);",
    "switch (name) {",
    ...model.events.flatMap((e) => [`case ${jsString(e.name)}:`, `return validate${e.typeName}(value, options);`]),
    "}",
    "if (name === undefined) {",
    `return { ok: false, issues: [makeIssue(["event"], "/event", "missing_property", ${jsString(names.join(" | "))}, undefined)] };`,
    "}",
    "if (typeof name !== \"string\") {",
    `return { ok: false, issues: [makeIssue(["event"], "/event", "invalid_type", "string", name)] };`,
    "}",
    `return { ok: false, issues: [makeIssue(["event"], "/event", "unknown_event", ${expectedNames}, name)] };`,
    "} catch (error) {",
    // A revoked Proxy or a throwing getter: even describing the value can throw.
    "return { ok: false, issues: [unreadable(error)] };",
    "}",
    "}",
    "",
    "/**",
    " * Parses a raw request body (the exact bytes or text Zoom sent) and validates it. Invalid UTF-8 and JSON syntax",
    " * errors become an `invalid_json` issue. Never throws.",
    " */",
    "export function parseWebhookEvent(body: string | Uint8Array, options?: ValidationOptions): ValidationResult<WebhookEvent> {",
    "readMode(options);",
    "let text: string;",
    "if (typeof body === \"string\") {",
    "text = body;",
    "} else if (body instanceof Uint8Array) {",
    "try {",
    "text = decodeUtf8(body);",
    "} catch {",
    `return { ok: false, issues: [makeIssue([], "", "invalid_json", undefined, undefined, "Body is not valid UTF-8")] };`,
    "}",
    "} else {",
    `return { ok: false, issues: [makeIssue([], "", "invalid_type", "string | Uint8Array (the raw body)", body)] };`,
    "}",
    // RFC 8259 lets a parser ignore a byte order mark; TextDecoder already drops it from bytes.
    "if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);",
    "let value: unknown;",
    "try {",
    "value = JSON.parse(text);",
    "} catch (error) {",
    "const reason = error instanceof Error ? error.message : String(error);",
    `return { ok: false, issues: [makeIssue([], "", "invalid_json", undefined, undefined, "Body is not valid JSON (" + reason + ")")] };`,
    "}",
    "return validateWebhookEvent(value, options);",
    "}",
  ].join("\n");
}

/** What the generated guards may call, by runtime module; types are marked. */
const RUNTIME_IMPORTS: readonly (readonly [module: string, names: readonly string[]])[] = [
  ["check-format", ["isDate", "isDateTime", "isInt32"]],
  ["check-length", ["longerThan", "shorterThan"]],
  ["decode-utf8", ["decodeUtf8"]],
  ["make-issue", ["escapeToken", "makeIssue", "unreadable", "type Path", "type ValidationIssue"]],
  ["run-guard", ["hasOwn", "isObjectLike", "OBJECT_PROTOTYPE", "passes", "readMode", "run", "type ValidationOptions", "type ValidationResult"]],
];

/** The public runtime names guards.ts re-exports (the package index exports them from it). */
const RUNTIME_TYPE_EXPORTS: readonly (readonly [module: string, names: readonly string[]])[] = [
  ["make-issue", ["IssueCode", "ValidationIssue"]],
  ["run-guard", ["UnknownPropertiesMode", "ValidationOptions", "ValidationResult"]],
];

/** Import declarations for the runtime names `code` uses: only those, so that the file imports nothing unused. */
function runtimeImports(code: string): string[] {
  const all = RUNTIME_IMPORTS.flatMap(([, names]) => names.map((name) => name.replace(/^type /, "")));
  const used = new Set(code.match(new RegExp(`\\b(?:${all.join("|")})\\b`, "g")));
  return RUNTIME_IMPORTS.flatMap(([module, names]) => {
    const wanted = names.filter((name) => used.has(name.replace(/^type /, "")));
    return wanted.length === 0 ? [] : [`import { ${wanted.join(", ")} } from "./runtime/${module}.js";`];
  });
}

export function emitGuards(model: SpecModel): EmittedFile {
  const w = new Writer();
  const events = model.events.map((event) => emitEventGuards(event, w));
  const typeImports = ["WebhookEvent", ...model.events.map((e) => e.typeName)].sort();
  const code = [...w.enumSets, "", ...events.flatMap((e) => [e, ""]), emitDispatch(model), ""].join("\n");
  const contents = [
    tsBanner(model),
    `import type { ${typeImports.join(", ")} } from "./types.js";`,
    ...runtimeImports(code),
    "",
    ...RUNTIME_TYPE_EXPORTS.map(([module, names]) => `export type { ${names.join(", ")} } from "./runtime/${module}.js";`),
    "",
    code,
  ].join("\n");
  return { path: "src/guards.ts", contents };
}
