import type { EventModel } from "../model/model.js";
import type { SynthesizedEvent, SynthesizedSpec } from "../synthesize/synthesize-fixtures.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { jsPropertyKey, jsString, toJsLiteral } from "./js-literal.js";

/** File name of each usable spec example: `example.json`, then `example-2.json`, ... in spec order. */
export function exampleFileNames(event: EventModel): string[] {
  return event.examples.map((_, index) => (index === 0 ? "example.json" : `example-${index + 1}.json`));
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

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

/** `src/fixtures.ts`: every fixture as typed data, `invalidFixtures`, and the typed builders, for `<pkg>/fixtures`. */
export function emitFixturesModule(model: SynthesizedSpec): EmittedFile {
  const typeNames = model.events.map((e) => e.typeName).sort();
  const validators = model.events.map((e) => `validate${e.typeName}`).sort();
  const entries = model.events.map((event) => {
    const examples = event.examples.map((e) => toJsLiteral(e.value));
    const fields = [
      ...(examples[0] !== undefined ? [`example: ${examples[0]}`] : []),
      `examples: [${examples.join(", ")}]`,
      `minimal: ${toJsLiteral(event.fixtures.minimal)}`,
      `full: ${toJsLiteral(event.fixtures.full)}`,
      `variants: [${event.fixtures.variants.map(toJsLiteral).join(", ")}]`,
    ];
    return `${jsPropertyKey(event.name)}: { ${fields.join(", ")} },`;
  });
  // Parsed from JSON text, not written as object literals: the catalogue of a large spec is megabytes, and JSON.parse
  // is both faster to load and free for the type checker (literals would be compared one by one).
  const invalid = model.events.map(
    (event) =>
      `${jsPropertyKey(event.name)}: invalid(${jsString(JSON.stringify(event.fixtures.invalid.map((f) => ({ name: f.name, description: f.description, expected: f.expected, value: f.value }))))}),`,
  );
  const builders = model.events.flatMap((event) => [
    "",
    `/** Builds a valid ${jsString(event.name).replace(/\*\//g, "*\\/")} event: \`full\` with \`overrides\` merged in. */`,
    `export function build${event.typeName}(overrides?: DeepPartial<${event.typeName}>, options?: BuildOptions): ${event.typeName} {`,
    `  return build(${jsString(event.name)}, overrides, options);`,
    "}",
  ]);
  const contents = [
    tsBanner(model),
    `import type { ${[...typeNames, "WebhookEventMap", "WebhookEventName"].join(", ")} } from "./types.js";`,
    `import { ${validators.join(", ")}, type ValidationResult } from "./guards.js";`,
    'import { buildFixture, type BuildOptions, type DeepPartial, type EventFixtures, type InvalidFixture } from "./runtime/build-fixture.js";',
    "",
    'export { FixtureBuildError, type BuildOptions, type DeepPartial, type EventFixtures, type InvalidFixture } from "./runtime/build-fixture.js";',
    "",
    "/** Sample events keyed by event name. Spec examples that violate their own schema were left out (the generator warned). */",
    "export const fixtures: { readonly [K in WebhookEventName]: EventFixtures<WebhookEventMap[K]> } = {",
    ...entries,
    "};",
    "",
    "const invalid = (json: string): readonly InvalidFixture[] => JSON.parse(json) as readonly InvalidFixture[];",
    "",
    "/** Labelled invalid events keyed by event name: each fails `validateWebhookEvent` with exactly its `expected` issues. */",
    "export const invalidFixtures: { readonly [K in WebhookEventName]: readonly InvalidFixture[] } = {",
    ...invalid,
    "};",
    "",
    "const validators: { readonly [K in WebhookEventName]: (value: unknown) => ValidationResult<WebhookEventMap[K]> } = {",
    ...model.events.map((e) => `  ${jsPropertyKey(e.name)}: validate${e.typeName},`),
    "};",
    "",
    "/**",
    " * Builds an event for tests: a deep copy of the event's `full` fixture with `overrides` merged in (typed, so they",
    " * autocomplete), validated unless `{ validate: false }`. Throws FixtureBuildError, listing the issues, otherwise.",
    " */",
    "export function build<K extends WebhookEventName>(name: K, overrides?: DeepPartial<WebhookEventMap[K]>, options?: BuildOptions): WebhookEventMap[K] {",
    "  return buildFixture<WebhookEventMap, K>(fixtures, validators, name, overrides, options);",
    "}",
    ...builders,
    "",
  ].join("\n");
  return { path: "src/fixtures.ts", contents };
}
