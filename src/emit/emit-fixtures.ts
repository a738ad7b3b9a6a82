import type { EventModel } from "../model/model.js";
import type { SynthesizedSpec } from "../synthesize/synthesize-fixtures.js";
import { tsBanner } from "./banner.js";
import { ROOT_LAYOUT, relocate, type ModuleLayout } from "./module-layout.js";
import type { EmittedFile } from "./emitted-file.js";
import {
  array,
  call,
  constDeclaration,
  exportFrom,
  exported,
  functionDeclaration,
  id,
  importDeclaration,
  jsdoc,
  literal,
  object,
  printJson,
  printModuleFiles,
  quoteJson,
  raw,
  returnStatement,
  separated,
  spread,
  str,
  typeReference,
  withBlankLine,
  withComments,
} from "./write-code.js";
import { compareCodePoints } from "../model/naming.js";

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
export function emitFixtureFiles(model: SynthesizedSpec): EmittedFile[] {
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


const BUILD = `export function build<K extends WebhookEventName>(
  name: K,
  overrides?: DeepPartial<WebhookEventMap[K]>,
  options?: BuildOptions,
): WebhookEventMap[K] {
  return buildFixture<WebhookEventMap, K>(fixtures, validators, name, overrides, options);
}`;

const BUILD_JS = `export function build(name, overrides, options) {
  return buildFixture(fixtures, validators, name, overrides, options);
}`;

const BUILD_DTS = `export declare function build<K extends WebhookEventName>(
  name: K,
  overrides?: DeepPartial<WebhookEventMap[K]>,
  options?: BuildOptions,
): WebhookEventMap[K];`;

/** The runtime's fixture builder and its public names, as prettier prints the re-export (fixed text). */
const RUNTIME_EXPORTS = `export {
  FixtureBuildError,
  type BuildOptions,
  type DeepPartial,
  type EventFixtures,
  type InvalidFixture,
} from "./runtime/build-fixture.js";`;

/** The validator of each event, by name, for `build`. */
function validatorsDeclaration(model: SynthesizedSpec) {
  return constDeclaration(
    "validators",
    object(
      model.events.map((e) => ({ key: e.name, value: id(`validate${e.typeName}`) })),
      { expand: true },
    ),
    raw("{ readonly [K in WebhookEventName]: (value: unknown) => ValidationResult<WebhookEventMap[K]> }"),
  );
}

/** `src/fixtures.ts`: every fixture as typed data, `invalidFixtures`, and the typed builders, for `<pkg>/fixtures`. */
export function emitFixturesModule(model: SynthesizedSpec, layout: ModuleLayout = ROOT_LAYOUT): EmittedFile[] {
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
    importDeclaration([...validators, { name: "ValidationResult", typeOnly: true }], "./guards.js"),
    importDeclaration(
      ["buildFixture", ...["BuildOptions", "DeepPartial", "EventFixtures", "InvalidFixture"].map((name) => ({ name, typeOnly: true }))],
      `${layout.runtime}build-fixture.js`,
    ),
    raw(relocate(RUNTIME_EXPORTS, layout), { js: relocate('export { FixtureBuildError } from "./runtime/build-fixture.js";', layout) }),
    withComments(
      exported(constDeclaration("fixtures", object(entries, { expand: true }), raw("{ readonly [K in WebhookEventName]: EventFixtures<WebhookEventMap[K]> }"))),
      jsdoc("Sample events keyed by event name. Spec examples that violate their own schema were left out (the generator warned)."),
    ),
    raw("const invalid = (json: string): readonly InvalidFixture[] => JSON.parse(json) as readonly InvalidFixture[];", {
      js: "const invalid = (json) => JSON.parse(json);",
      dts: "",
    }),
    withComments(
      exported(constDeclaration("invalidFixtures", object(invalid, { expand: true }), raw("{ readonly [K in WebhookEventName]: readonly InvalidFixture[] }"))),
      jsdoc("Labelled invalid events keyed by event name: each fails `validateWebhookEvent` with exactly its `expected` issues."),
    ),
    validatorsDeclaration(model),
    withComments(
      raw(BUILD, { js: BUILD_JS, dts: BUILD_DTS }),
      jsdoc(
        [
          "Builds an event for tests: a deep copy of the event's `full` fixture with `overrides` merged in (typed, so they",
          "autocomplete), validated unless `{ validate: false }`. Throws FixtureBuildError, listing the issues, otherwise.",
        ].join("\n"),
      ),
    ),
    ...builders,
  ];
  return printModuleFiles(`${layout.dir}fixtures.ts`, [statements[0]!, statements[1]!, ...separated(statements.slice(2))], { banner: tsBanner(model) });
}

/**
 * `src/fixtures.ts` of a package of several products: every product's fixtures and builders, re-exported from its
 * subpath's module (the data is written once, there), merged into one map by event name, and one `build` over all.
 */
export function emitCombinedFixtures(model: SynthesizedSpec): EmittedFile[] {
  const products = model.products ?? [];
  const eventsOf = (product: string) => model.events.filter((e) => e.product === product);
  // Module-local names of each product's maps: the product's PascalCase name cannot make a builder's or validator's.
  const local = (kind: "fixtures" | "invalidFixtures", prefix: string) => `${kind}Of${prefix}`;
  const spreadAll = (kind: "fixtures" | "invalidFixtures") => object(products.map((p) => spread(id(local(kind, p.typePrefix)))), { expand: true });
  const statements = [
    importDeclaration(["WebhookEventMap", "WebhookEventName"], "./types.js", { typeOnly: true }),
    importDeclaration(
      [...model.events.map((e) => `validate${e.typeName}`).sort(compareCodePoints), { name: "ValidationResult", typeOnly: true }],
      "./guards.js",
    ),
    ...products.map((p) =>
      importDeclaration(
        [
          { name: "fixtures", alias: local("fixtures", p.typePrefix) },
          { name: "invalidFixtures", alias: local("invalidFixtures", p.typePrefix) },
        ],
        `./${p.name}/fixtures.js`,
      ),
    ),
    importDeclaration(
      ["buildFixture", ...["BuildOptions", "DeepPartial", "EventFixtures", "InvalidFixture"].map((name) => ({ name, typeOnly: true }))],
      "./runtime/build-fixture.js",
    ),
    ...products.map((p) => exportFrom(eventsOf(p.name).map((e) => `build${e.typeName}`).sort(compareCodePoints), `./${p.name}/fixtures.js`)),
    raw(RUNTIME_EXPORTS, { js: 'export { FixtureBuildError } from "./runtime/build-fixture.js";' }),
    withComments(
      exported(constDeclaration("fixtures", spreadAll("fixtures"), raw("{ readonly [K in WebhookEventName]: EventFixtures<WebhookEventMap[K]> }"))),
      jsdoc("Sample events of every product, keyed by event name."),
    ),
    withComments(
      exported(constDeclaration("invalidFixtures", spreadAll("invalidFixtures"), raw("{ readonly [K in WebhookEventName]: readonly InvalidFixture[] }"))),
      jsdoc("Labelled invalid events of every product, keyed by event name: each fails `validateWebhookEvent` with exactly its `expected` issues."),
    ),
    validatorsDeclaration(model),
    withComments(
      raw(BUILD, { js: BUILD_JS, dts: BUILD_DTS }),
      jsdoc(
        [
          "Builds an event of any product for tests: a deep copy of the event's `full` fixture with `overrides` merged in",
          "(typed, so they autocomplete), validated unless `{ validate: false }`. Throws FixtureBuildError, listing the issues, otherwise.",
        ].join("\n"),
      ),
    ),
  ];
  const importCount = 3 + products.length;
  const reexportCount = products.length + 1;
  const head = statements.slice(0, importCount);
  const reexports = statements.slice(importCount, importCount + reexportCount);
  const rest = statements.slice(importCount + reexportCount);
  return printModuleFiles(
    "src/fixtures.ts",
    [...head.map((s, i) => (i === head.length - 1 ? withBlankLine(s) : s)), ...reexports.map((s, i) => (i === reexports.length - 1 ? withBlankLine(s) : s)), ...separated(rest)],
    { banner: tsBanner(model) },
  );
}
