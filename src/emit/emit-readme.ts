import type { SpecModel } from "../model/model.js";
import { markdownBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { markdownCell as cell, markdownCode as code, markdownFence, markdownText as text, vendorInlineMarkdown } from "./escape-markdown.js";
import { PRINT_WIDTH, draftMarkdown, finalBlock, importDeclaration, jsStringLiteral, keyText, mixedBlock, printModule, tableBlock, type MarkdownBlock } from "./write-code.js";

/** An import statement as prettier prints it (a long package name breaks the braces). */
const importLine = (names: string[], source: string) =>
  printModule([importDeclaration(names.map((n) => (n.startsWith("type ") ? { name: n.slice(5), typeOnly: true } : n)), source)]).trimEnd();

/** `README.md` of the generated package: what it is, how to import it, where it came from. */
/**
 * The snippet's handler as prettier prints it: a property whose `key: (event) => {` does not fit in the print width
 * breaks after the colon (its assignment layout), so a long event name moves the arrow function to its own line.
 */
function handlerLines(key: string, typeName: string): string[] {
  const head = `    ${key}: (event) => {`;
  if (head.length <= PRINT_WIDTH) return [head, `      /* event: ${typeName} */`, "    },"];
  return [`    ${key}:`, "      (event) => {", `        /* event: ${typeName} */`, "      },"];
}

export function emitReadme(model: SpecModel): EmittedFile {
  const first = model.events[0];
  const pkg = model.packageName;
  const blocks: MarkdownBlock[] = [
    finalBlock(markdownBanner(model)),
    mixedBlock(`# ${text(pkg)}`, [text(pkg)]),
    mixedBlock(
      [
        `TypeScript types, runtime guards and sample events for the Zoom **${text(model.title)}** webhooks, generated from the vendor's OpenAPI spec (version ${text(model.version)}) by cobrowse-gen.`,
        "It has no runtime dependencies and runs in Node.js (>= 20) and in Fetch/edge runtimes. The JavaScript in `dist/` is",
        "already compiled: import it with no build step.",
      ].join("\n"),
      [text(model.title), text(model.version)],
    ),
    finalBlock(
      [
        "**Do not edit these files.** Every file here is generated; change the spec and run `npx cobrowse-gen <spec>` to",
        "regenerate (`--check` tells whether this folder is up to date).",
      ].join("\n"),
    ),
    finalBlock("## Use"),
    // Code in final form: prettier formats a ts block in markdown as it formats a .ts file.
    finalBlock(
      markdownFence("ts", [
        importLine(["parseWebhookEvent", "type WebhookEvent"], pkg),
        "",
        "// body: the raw request body, exactly as received (string or Uint8Array)",
        'const result = parseWebhookEvent(body, { unknownProperties: "allow" });',
        "if (!result.ok) {",
        "  // each issue has a JSON pointer, a code, what was expected and what was received",
        "  console.error(result.issues.map((issue) => issue.message));",
        "} else {",
        "  const event: WebhookEvent = result.value;",
        "  switch (event.event) {",
        ...(first ? [`    case ${jsStringLiteral(first.name)}:`, `      // event is ${first.typeName} here`, "      break;"] : []),
        "  }",
        "}",
      ].join("\n")),
    ),
    mixedBlock(
      [
        "- `isWebhookEvent(value, options?)` and `is<Type>(value, options?)`: type predicates.",
        "- `validateWebhookEvent(value, options?)` and `validate<Type>(value, options?)`: `{ ok: true, value, warnings }` or",
        "  `{ ok: false, issues }`; each issue is `{ path, pointer, code, expected?, received?, message }`.",
        "- `parseWebhookEvent(body, options?)`: JSON parsing and validation in one step; never throws.",
        '- `options.unknownProperties`: `"reject"` (default) follows the spec exactly; `"allow"` accepts properties the spec',
        "  does not define and lists them in `warnings`. Zoom adds fields to live events without notice: deployed receivers",
        '  should use `"allow"`.',
        "- `WebhookEvent` (union on `event`), `WebhookEventName`, `WebhookEventMap`, `webhookEventNames`.",
        "- `schemas.WebhookEvent`, `schemas.<Type>`: the validators as [Standard Schema](https://standardschema.dev) v1",
        '  objects for tRPC, Hono\'s validator and other libraries that accept it; `createSchemas({ unknownProperties: "allow" })`',
        "  for the lenient mode (or pass `libraryOptions: { unknownProperties }` per call).",
        `- ${code(`import { fixtures, invalidFixtures, build } from ${jsStringLiteral(`${pkg}/fixtures`)}`)}: sample events for tests. Per`,
        "  event: `example` (the spec's own, when valid), `minimal` (required properties only), `full` (every property) and",
        "  `variants` (together covering every enum value; 256 values of a larger enum); `invalidFixtures` are labelled",
        "  negative examples (`{ description, expected: [{ pointer, code }], value }`). The same files are under",
        "  `fixtures/<event-name>/`.",
        "- `build(name, overrides, { validate })` and `build<Type>(overrides)`: a deep copy of `full` with typed overrides",
        "  merged in (`undefined` removes a property), validated unless `{ validate: false }` (throws `FixtureBuildError`).",
      ].join("\n"),
      [pkg],
    ),
    finalBlock("## Receiving webhooks"),
    finalBlock(
      markdownFence("ts", [
        importLine(["createWebhookHandler"], pkg),
        "",
        "const handler = createWebhookHandler({",
        "  secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN!, // or a list (rotation), or (headers) => secret by clientid",
        "  on: {",
        ...(first ? handlerLines(keyText(first.name), first.typeName) : []),
        "  },",
        "});",
        'http.createServer(handler.node); // or app.post("/zoom", handler.node), or export default { fetch: handler.fetch }',
      ].join("\n")),
    ),
    finalBlock(
      [
        "`createWebhookHandler` verifies Zoom's signature (HMAC-SHA256 over the raw body, constant-time, timestamp within",
        '300 s), answers the `endpoint.url_validation` handshake, validates the event (`unknownProperties: "allow"` by',
        "default) and calls its typed handler, answering 200 when the handlers finish or after `ackTimeoutMs` (2500).",
        "Refusals: 401 (signature), 400 (invalid JSON or event; issues go to `onError`), 405, 415, 413 (`maxBodyBytes`, 1",
        "MiB) and 408 (`bodyTimeoutMs`, 10000: the whole body must arrive within it); after 405, 415, 413 and 408 the body",
        "is not read further and the connection is closed. Only own properties of `on` are handlers, so an event named",
        "`toString` or `__proto__` is one without a handler.",
        "",
        "A misconfiguration is never silent: a missing or empty `secret` (an unset `ZOOM_WEBHOOK_SECRET_TOKEN`), an",
        "unknown option, a handler that is not a function or names no event of this package, or a bad limit throws a",
        "`TypeError` at creation. A secret function that returns no secret, throws or rejects, and a body already",
        'consumed by a body parser, answer 500 and reach `onError` with stage `"config"`, which the default `onError` logs.',
        "",
        "`verifyWebhookSignature` / `verifyWebhookSignatureAsync` (Web Crypto), `signWebhook` (for tests) and",
        "`createUrlValidationResponse` are exported too. Never verify a re-serialized body: pass the raw bytes.",
      ].join("\n"),
    ),
    finalBlock("## Events"),
    finalBlock("Every field of every event, with its type, enum values, format and the example: [EVENTS.md](EVENTS.md)."),
    tableBlock(
      ["event", "type", "guards", "summary"],
      model.events.map((e) => [cell(code(e.name)), code(e.typeName), `${code(`is${e.typeName}`)} / ${code(`validate${e.typeName}`)}`, cell(vendorInlineMarkdown(e.summary ?? ""))]),
    ),
  ];
  return { path: "README.md", contents: draftMarkdown(blocks), markdown: blocks };
}
