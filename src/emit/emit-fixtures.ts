import type { EventModel, SpecModel } from "../model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { jsPropertyKey, jsString, toJsLiteral } from "./js-literal.js";

/** File name of each usable spec example: `example.json`, then `example-2.json`, ... in spec order. */
export function exampleFileNames(event: EventModel): string[] {
  return event.examples.map((_, index) => (index === 0 ? "example.json" : `example-${index + 1}.json`));
}

/** `fixtures/<event-name>/example.json`: each usable spec example, parsed (the spec ships them as JSON text). */
export function emitFixtureFiles(model: SpecModel): EmittedFile[] {
  return model.events.flatMap((event) => {
    const names = exampleFileNames(event);
    return event.examples.map((example, index) => ({
      path: `fixtures/${event.fileName}/${names[index]}`,
      contents: JSON.stringify(example.value, null, 2) + "\n",
    }));
  });
}

/** `src/fixtures.ts`: the same examples as typed data, for `import { fixtures } from "<pkg>/fixtures"`. */
export function emitFixturesModule(model: SpecModel): EmittedFile {
  const entries = model.events.map(
    (event) =>
      `${jsPropertyKey(event.name)}: eventFixtures<WebhookEventMap[${jsString(event.name)}]>([${event.examples.map((e) => toJsLiteral(e.value)).join(", ")}]),`,
  );
  const contents = [
    tsBanner(model),
    'import type { WebhookEventMap, WebhookEventName } from "./types.js";',
    "",
    "/** Sample events of one type. */",
    "export interface EventFixtures<T> {",
    "  /** The spec's own example, when it satisfies the schema. */",
    "  readonly example?: T;",
    "  /** Every spec example that satisfies the schema, in spec order. */",
    "  readonly examples: readonly T[];",
    "}",
    "",
    "function eventFixtures<T>(examples: readonly T[]): EventFixtures<T> {",
    "  const example = examples[0];",
    "  return example === undefined ? { examples } : { example, examples };",
    "}",
    "",
    "/** Sample events keyed by event name. Examples that violate their own schema were left out (the generator warned). */",
    "export const fixtures: { readonly [K in WebhookEventName]: EventFixtures<WebhookEventMap[K]> } = {",
    ...entries,
    "};",
    "",
  ].join("\n");
  return { path: "src/fixtures.ts", contents };
}
