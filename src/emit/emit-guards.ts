import { pointerFromPath } from "../json-pointer.js";
import type { EventModel, SchemaNode, SpecModel } from "../model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { commentText, jsString } from "./js-literal.js";
import { GUARDS_RUNTIME } from "./guards-runtime.js";

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

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  saveCounter(): { counter: number; slowPath: string } {
    return { counter: this.counter, slowPath: this.slowPath };
  }

  restoreCounter(saved: { counter: number; slowPath: string }): void {
    this.counter = saved.counter;
    this.slowPath = saved.slowPath;
  }

  /** The checker a test function falls back to for objects that are not plain. */
  slowPath = "";
  /** Functions split off large objects, emitted after the event's own functions. */
  readonly extraFunctions: string[] = [];
  private splits = 0;

  splitName(base: string): string {
    return `${base}_${++this.splits}`;
  }

  resetSplits(): void {
    this.splits = 0;
  }

  /** Each function numbers its locals from 0, so a change in one event does not rename the locals of the next. */
  startFunction(slowPath = ""): void {
    this.counter = 0;
    this.slowPath = slowPath;
  }

  /** Enums of more than a few values are looked up in a Set (one hash, not a linear scan); the Set is module-level. */
  enumSet(values: readonly (string | number | boolean)[]): string {
    const key = jsString(values);
    let name = this.enumIndex.get(key);
    if (name === undefined) {
      name = `ENUM_${this.enumIndex.size}`;
      this.enumIndex.set(key, name);
      this.enumSets.push(`const ${name}: ReadonlySet<unknown> = new Set(${key});`);
    }
    return name;
  }
}

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
  if (node.kind === "object") return 1 + node.properties.reduce((n, p) => n + size(p.schema), 0);
  if (node.kind === "array") return 1 + size(node.items);
  return 1;
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
  if ((node.kind === "string" || node.kind === "integer" || node.kind === "number" || node.kind === "boolean") && node.enum) {
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
  if (node.kind === "number" && format === "int64") conditions.push({ test: `!Number.isInteger(${v})`, code: "invalid_format", expected });
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
      const inner = emitTest(node.items, item, w);
      return [
        `if (!Array.isArray(${v})) return false;`,
        ...boundConditions(node, v).map((c) => `if (${c.test}) return false;`),
        ...(inner.length === 0 ? [] : [`for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`, `const ${item}: unknown = ${v}[${i}];`, ...inner, "}"]),
      ];
    }
    case "object": {
      if (split && size(node) > SPLIT_SIZE) {
        const name = w.splitName(w.slowPath.replace(/^check/, "test"));
        const saved = w.saveCounter();
        w.startFunction(w.slowPath);
        const body = emitTestInner(node, "v", w, false);
        w.restoreCounter(saved);
        w.extraFunctions.push([`function ${name}(v: unknown, allow: boolean, value: unknown): boolean {`, ...body, "return true;", "}"].join("\n"));
        return [`if (!${name}(${v}, allow, value)) return false;`];
      }
      const lines = [`if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) return false;`];
      const record = w.fresh("o");
      const prototype = w.fresh("p");
      lines.push(
        `const ${record} = ${v} as Record<string, unknown>;`,
        `const ${prototype}: unknown = Object.getPrototypeOf(${record});`,
        // Anything but a plain or null-prototype object (class instances, Object.create(x)) takes the checker's path.
        `if (${prototype} !== OBJECT_PROTOTYPE && ${prototype} !== null) return passes(${w.slowPath}, value, allow);`,
      );
      const closed = !node.additionalProperties;
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
      if (closed) {
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
      const inner = emitCheck(node.items, item, [...path, { variable: i }], w);
      return [
        `if (!Array.isArray(${v})) {`,
        `issues.push(makeIssue(${at}, "invalid_type", ${jsString(describeExpected(node))}, ${v}));`,
        "} else {",
        ...boundConditions(node, v).map((c) => `if (${c.test}) issues.push(makeIssue(${at}, ${jsString(c.code)}, ${jsString(c.expected)}, ${v}));`),
        ...(inner.length === 0 ? [] : [`for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`, `const ${item}: unknown = ${v}[${i}];`, ...inner, "}"]),
        "}",
      ];
    }
    case "object": {
      if (split && size(node) > SPLIT_SIZE) {
        const name = w.splitName(w.slowPath);
        const saved = w.saveCounter();
        w.startFunction(w.slowPath);
        const body = emitCheckInner(node, "v", [{ prefix: true }], w, false);
        w.restoreCounter(saved);
        w.extraFunctions.push(
          [`function ${name}(v: unknown, path: Path, pointer: string, issues: ValidationIssue[], warnings: ValidationIssue[], allow: boolean): void {`, ...body, "}"].join("\n"),
        );
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
      if (!node.additionalProperties) {
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

export function emitGuards(model: SpecModel): EmittedFile {
  const w = new Writer();
  const events = model.events.map((event) => emitEventGuards(event, w));
  const typeImports = ["WebhookEvent", ...model.events.map((e) => e.typeName)].sort();
  const contents = [
    tsBanner(model),
    `import type { ${typeImports.join(", ")} } from "./types.js";`,
    GUARDS_RUNTIME,
    ...w.enumSets,
    "",
    ...events.flatMap((e) => [e, ""]),
    emitDispatch(model),
    "",
  ].join("\n");
  return { path: "src/guards.ts", contents };
}
