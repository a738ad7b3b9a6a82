import type { EventModel, SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import {
  array,
  call,
  constDeclaration,
  exported,
  functionDeclaration,
  id,
  importDeclaration,
  jsdoc,
  literal,
  object,
  printJson,
  printModule,
  quoteJson,
  raw,
  returnStatement,
  separated,
  str,
  typeReference,
  withComments,
} from "./write-code.js";

/** File name of each usable spec example: `example.json`, then `example-2.json`, ... in spec order. */
export function exampleFileNames(event: EventModel): string[] {
  return event.examples.map((_, index) => (index === 0 ? "example.json" : `example-${index + 1}.json`));
}

const json = (value: unknown) => printJson(value);

/**
 * `fixtures/<event-name>/`: `example.json` (each usable spec example, parsed: the spec ships them as JSON text),
 * `minimal.json`, `full.json` and `full-2.json`... (the variants), and `invalid/<case>.json`, each
 * `{ description, expected: [{ pointer, code }], value }`.
 */
export function emitFixtureFiles(model: SpecModel): EmittedFile[] {
  return model.events.flatMap((event) => {
    const dir = `fixtures/${event.fileName}`;
    const names = exampleFileNames(event);
    return [
      ...event.examples.map((example, index) => ({ path: `${dir}/${names[index]}`, contents: json(example.value) })),
      { path: `${dir}/minimal.json`, contents: json(event.fixtures.minimal) },
      { path: `${dir}/full.json`, contents: json(event.fixtures.full) },
      ...event.fixtures.variants.map((variant, index) => ({ path: `${dir}/full-${index + 2}.json`, contents: json(variant) })),
      ...event.fixtures.invalid.map((invalid) => ({
        path: `${dir}/invalid/${invalid.name}.json`,
        contents: json({ description: invalid.description, expected: invalid.expected, value: invalid.value }),
      })),
    ];
  });
}

const RUNTIME = `/** Sample events of one type. */
export interface EventFixtures<T> {
  /** The spec's own example, when it satisfies the schema. */
  readonly example?: T;
  /** Every spec example that satisfies the schema, in spec order. */
  readonly examples: readonly T[];
  /** Only the required properties. */
  readonly minimal: T;
  /** Every property present, with realistic values. */
  readonly full: T;
  /** More full events: together with \`full\`, every enum value (and null, where allowed) appears at least once. */
  readonly variants: readonly T[];
}

/** A labelled negative example: \`validateWebhookEvent(value)\` fails with exactly the issues in \`expected\`. */
export interface InvalidFixture {
  readonly name: string;
  readonly description: string;
  readonly expected: readonly { readonly pointer: string; readonly code: IssueCode }[];
  readonly value: unknown;
}

/** Overrides for \`build\`: any part of the event, nested objects merged; \`undefined\` removes a property. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

export interface BuildOptions {
  /** Validate the built event and throw if it is invalid (default \`true\`); \`false\` builds invalid events on purpose. */
  readonly validate?: boolean;
}

/** Thrown by \`build\` when the overrides make the event invalid; \`issues\` lists why. */
export class FixtureBuildError extends Error {
  readonly issues: readonly ValidationIssue[];
  constructor(event: string, issues: readonly ValidationIssue[]) {
    super(
      \`build(\${JSON.stringify(event)}): the result is not a valid event:\\n\` +
        issues.map((issue) => "  - " + issue.message).join("\\n") +
        "\\nPass { validate: false } to build an invalid event on purpose.",
    );
    this.name = "FixtureBuildError";
    this.issues = issues;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const copy = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A deep copy of \`base\` with \`overrides\` merged in: objects merge key by key, anything else replaces. */
function merge(base: unknown, overrides: unknown): unknown {
  if (overrides === undefined) return copy(base);
  if (!isRecord(base) || !isRecord(overrides)) return copy(overrides);
  const out = copy(base);
  for (const key of Object.keys(overrides)) {
    const value = overrides[key];
    if (value === undefined) delete out[key];
    else
      Object.defineProperty(out, key, {
        value: merge(out[key], value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}`;

const BUILD = `export function build<K extends WebhookEventName>(
  name: K,
  overrides?: DeepPartial<WebhookEventMap[K]>,
  options?: BuildOptions,
): WebhookEventMap[K] {
  if (!Object.prototype.hasOwnProperty.call(fixtures, name)) {
    throw new TypeError(\`build: unknown event \${JSON.stringify(name)}; known: \${Object.keys(fixtures).join(", ")}\`);
  }
  const value = merge(fixtures[name].full, overrides) as WebhookEventMap[K];
  if (options?.validate !== false) {
    const result = validators[name](value);
    if (!result.ok) throw new FixtureBuildError(name, result.issues);
  }
  return value;
}`;

/** `src/fixtures.ts`: every fixture as typed data, `invalidFixtures`, and the typed builders, for `<pkg>/fixtures`. */
export function emitFixturesModule(model: SpecModel): EmittedFile {
  const typeNames = model.events.map((e) => e.typeName).sort();
  const validators = model.events.map((e) => `validate${e.typeName}`).sort();
  const entries = model.events.map((event) => {
    const examples = event.examples.map((e) => literal(e.value));
    const fields = [
      ...(examples[0] !== undefined ? [{ key: "example", value: literal(event.examples[0]!.value) }] : []),
      { key: "examples", value: array(examples) },
      { key: "minimal", value: literal(event.fixtures.minimal) },
      { key: "full", value: literal(event.fixtures.full) },
      { key: "variants", value: array(event.fixtures.variants.map((v) => literal(v))) },
    ];
    return { key: event.name, value: object(fields) };
  });
  // Parsed from JSON text, not written as object literals: the catalogue of a large spec is megabytes, and JSON.parse
  // is both faster to load and free for the type checker (literals would be compared one by one).
  const invalid = model.events.map((event) => ({
    key: event.name,
    value: call(id("invalid"), [
      str(JSON.stringify(event.fixtures.invalid.map((f) => ({ name: f.name, description: f.description, expected: f.expected, value: f.value })))),
    ]),
  }));
  const builders = model.events.map((event) =>
    withComments(
      exported(
        functionDeclaration(
          `build${event.typeName}`,
          [
            { name: "overrides", type: typeReference("DeepPartial", [typeReference(event.typeName)]), optional: true },
            { name: "options", type: typeReference("BuildOptions"), optional: true },
          ],
          [returnStatement(call(id("build"), [str(event.name), id("overrides"), id("options")]))],
          { returnType: typeReference(event.typeName) },
        ),
      ),
      jsdoc(`Builds a valid ${quoteJson(event.name)} event: \`full\` with \`overrides\` merged in.`),
    ),
  );
  const statements = [
    importDeclaration([...typeNames, "WebhookEventMap", "WebhookEventName"], "./types.js", { typeOnly: true }),
    importDeclaration([...validators, ...["IssueCode", "ValidationIssue", "ValidationResult"].map((name) => ({ name, typeOnly: true }))], "./guards.js"),
    raw(RUNTIME),
    withComments(
      exported(constDeclaration("fixtures", object(entries, { expand: true }), raw("{ readonly [K in WebhookEventName]: EventFixtures<WebhookEventMap[K]> }"))),
      jsdoc("Sample events keyed by event name. Spec examples that violate their own schema were left out (the generator warned)."),
    ),
    raw("const invalid = (json: string): readonly InvalidFixture[] => JSON.parse(json) as readonly InvalidFixture[];"),
    withComments(
      exported(constDeclaration("invalidFixtures", object(invalid, { expand: true }), raw("{ readonly [K in WebhookEventName]: readonly InvalidFixture[] }"))),
      jsdoc("Labelled invalid events keyed by event name: each fails `validateWebhookEvent` with exactly its `expected` issues."),
    ),
    constDeclaration(
      "validators",
      object(
        model.events.map((e) => ({ key: e.name, value: id(`validate${e.typeName}`) })),
        { expand: true },
      ),
      raw("{ readonly [K in WebhookEventName]: (value: unknown) => ValidationResult<WebhookEventMap[K]> }"),
    ),
    withComments(
      raw(BUILD),
      jsdoc(
        [
          "Builds an event for tests: a deep copy of the event's `full` fixture with `overrides` merged in (typed, so they",
          "autocomplete), validated unless `{ validate: false }`. Throws FixtureBuildError, listing the issues, otherwise.",
        ].join("\n"),
      ),
    ),
    ...builders,
  ];
  return { path: "src/fixtures.ts", contents: printModule([statements[0]!, ...separated(statements.slice(1))], { banner: tsBanner(model) }) };
}
