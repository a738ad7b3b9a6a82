import type { SpecModel } from "../model.js";
import { markdownBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { jsString } from "./js-literal.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

/** `README.md` of the generated package: what it is, how to import it, where it came from. */
export function emitReadme(model: SpecModel): EmittedFile {
  const first = model.events[0];
  const rows = model.events.map(
    (e) => `| \`${e.name}\` | \`${e.typeName}\` | \`is${e.typeName}\` / \`validate${e.typeName}\` | ${cell(e.summary ?? "")} |`,
  );
  const lines = [
    markdownBanner(model),
    `# ${model.packageName}`,
    "",
    `TypeScript types, runtime guards and sample events for the Zoom **${model.title}** webhooks, generated from the vendor's OpenAPI spec (version ${model.version}) by cobrowse-gen.`,
    "It has no runtime dependencies and runs in Node.js (>= 20) and in Fetch/edge runtimes. The JavaScript in `dist/` is",
    "already compiled: import it with no build step.",
    "",
    "**Do not edit these files.** Every file here is generated; change the spec and run `npx cobrowse-gen <spec>` to",
    "regenerate (`--check` tells whether this folder is up to date).",
    "",
    "## Use",
    "",
    "```ts",
    `import { parseWebhookEvent, type WebhookEvent } from "${model.packageName}";`,
    "",
    "// body: the raw request body, exactly as received (string or Uint8Array)",
    'const result = parseWebhookEvent(body, { unknownProperties: "allow" });',
    "if (!result.ok) {",
    "  // each issue has a JSON pointer, a code, what was expected and what was received",
    "  console.error(result.issues.map((issue) => issue.message));",
    "} else {",
    "  const event: WebhookEvent = result.value;",
    "  switch (event.event) {",
    ...(first ? [`    case ${jsString(first.name)}:`, `      // event is ${first.typeName} here`, "      break;"] : []),
    "  }",
    "}",
    "```",
    "",
    "- `isWebhookEvent(value, options?)` and `is<Type>(value, options?)`: type predicates.",
    "- `validateWebhookEvent(value, options?)` and `validate<Type>(value, options?)`: `{ ok: true, value, warnings }` or",
    "  `{ ok: false, issues }`; each issue is `{ path, pointer, code, expected?, received?, message }`.",
    "- `parseWebhookEvent(body, options?)`: JSON parsing and validation in one step; never throws.",
    "- `options.unknownProperties`: `\"reject\"` (default) follows the spec exactly; `\"allow\"` accepts properties the spec",
    "  does not define and lists them in `warnings`. Zoom adds fields to live events without notice: deployed receivers",
    "  should use `\"allow\"`.",
    "- `WebhookEvent` (union on `event`), `WebhookEventName`, `WebhookEventMap`, `webhookEventNames`.",
    "- `schemas.WebhookEvent`, `schemas.<Type>`: the validators as [Standard Schema](https://standardschema.dev) v1",
    "  objects for tRPC, Hono's validator and other libraries that accept it; `createSchemas({ unknownProperties: \"allow\" })`",
    "  for the lenient mode (or pass `libraryOptions: { unknownProperties }` per call).",
    `- \`import { fixtures, invalidFixtures, build } from "${model.packageName}/fixtures"\`: sample events for tests. Per`,
    "  event: `example` (the spec's own, when valid), `minimal` (required properties only), `full` (every property) and",
    "  `variants` (together covering every enum value); `invalidFixtures` are labelled negative examples",
    "  (`{ description, expected: [{ pointer, code }], value }`). The same files are under `fixtures/<event-name>/`.",
    "- `build(name, overrides, { validate })` and `build<Type>(overrides)`: a deep copy of `full` with typed overrides",
    "  merged in (`undefined` removes a property), validated unless `{ validate: false }` (throws `FixtureBuildError`).",
    "",
    "## Events",
    "",
    "Every field of every event, with its type, enum values, format and the example: [EVENTS.md](EVENTS.md).",
    "",
    "| event | type | guards | summary |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ];
  return { path: "README.md", contents: lines.join("\n") };
}
