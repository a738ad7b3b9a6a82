import { isZoomShaped, receiverOf, type SpecModel } from "../model/model.js";
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

/** The products of a package of several specs: their subpaths, for the README. */
function productBlocks(model: SpecModel): MarkdownBlock[] {
  const products = model.products ?? [];
  if (products.length === 0) return [];
  const pkg = model.packageName;
  return [
    finalBlock("## Products"),
    finalBlock(
      [
        "The root entry has every product's events: one `WebhookEvent` union, one `createWebhookHandler` that routes them",
        "all. Each product also has a subpath of its own, with its union, guards, receiver and fixtures only, so that a",
        "service that needs one product bundles none of the others.",
      ].join("\n"),
    ),
    tableBlock(
      ["product", "spec version", "events", "import from", "fixtures"],
      products.map((p) => [
        cell(text(p.title)),
        cell(text(p.version)),
        String(model.events.filter((e) => e.product === p.name).length),
        cell(code(`${pkg}/${p.name}`)),
        cell(code(`${pkg}/${p.name}/fixtures`)),
      ]),
    ),
  ];
}

export function emitReadme(model: SpecModel): EmittedFile {
  const first = model.events[0];
  // Zoom's packages switch on `event`; others on their discriminant, or, with none, on the name validation found.
  const property = model.discriminant?.property;
  const zoom = isZoomShaped(model);
  const switchOn = zoom ? "event.event" : property === undefined ? "result.event" : /^[A-Za-z_$][\w$]*$/.test(property) ? `event.${property}` : `event[${jsStringLiteral(property)}]`;
  const caseOf = (e: NonNullable<typeof first>) => (property === undefined ? e.name : (e.discriminantValue ?? e.name));
  const unionOn = zoom || property !== undefined ? `union on ${code(property ?? "event")}` : "a union no property narrows; `result.event` names the event";
  const selectedBy = zoom || property !== undefined ? `selected by ${code(property ?? "event")}` : "matching exactly one event's schema";
  const pkg = model.packageName;
  const products = model.products ?? [];
  const titles = products.length > 0 ? products.map((p) => `**${text(p.title)}**`).join(", ") : `**${text(model.title)}**`;
  const blocks: MarkdownBlock[] = [
    finalBlock(markdownBanner(model)),
    mixedBlock(`# ${text(pkg)}`, [text(pkg)]),
    mixedBlock(
      [
        products.length > 0
          ? `TypeScript types, runtime guards and sample events for the ${receiverOf(model) === "zoom" ? "Zoom " : ""}${titles} webhooks, generated from the vendor's OpenAPI specs by cobrowse-gen.`
          : `TypeScript types, runtime guards and sample events for the ${receiverOf(model) === "zoom" ? "Zoom " : ""}${titles} webhooks, generated from the vendor's OpenAPI spec (version ${text(model.version)}) by cobrowse-gen.`,
        "It has no runtime dependencies and runs in Node.js (>= 20) and in Fetch/edge runtimes. The JavaScript in `dist/` is",
        "already compiled: import it with no build step.",
      ].join("\n"),
      products.length > 0 ? products.map((p) => text(p.title)) : [text(model.title), text(model.version)],
    ),
    finalBlock(
      products.length > 0
        ? [
            "**Do not edit these files.** Every file here is generated; change the specs and run cobrowse-gen with them (or",
            "with its `cobrowse-gen.config.json`) to regenerate (`--check` tells whether this folder is up to date).",
          ].join("\n")
        : [
            "**Do not edit these files.** Every file here is generated; change the spec and run `npx cobrowse-gen <spec>` to",
            "regenerate (`--check` tells whether this folder is up to date).",
          ].join("\n"),
    ),
    ...productBlocks(model),
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
        `  switch (${switchOn}) {`,
        ...(first ? [`    case ${jsStringLiteral(caseOf(first))}:`, `      // event is ${first.typeName} here`, "      break;"] : []),
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
        `- \`WebhookEvent\` (${unionOn}), \`WebhookEventName\`, \`WebhookEventMap\`, \`webhookEventNames\`.`,
        "- `schemas.WebhookEvent`, `schemas.<Type>`: the validators as [Standard Schema](https://standardschema.dev) v1",
        '  objects for tRPC, Hono\'s validator and other libraries that accept it; `createSchemas({ unknownProperties: "allow" })`',
        "  for the lenient mode (or pass `libraryOptions: { unknownProperties }` per call).",
        `- ${code(`import { fixtures, invalidFixtures, build } from ${jsStringLiteral(`${pkg}/fixtures`)}`)}: sample events for tests. Per`,
        "  event: `example` (the spec's own, when valid), `minimal` (required properties only), `full` (every property) and",
        "  `variants` (together covering every enum value; 256 values of a larger enum); `invalidFixtures` are labelled",
        "  negative examples (`{ description, expected: [{ pointer, code }], value }`). The same files are under",
        "  `fixtures/<event-name>/`.",
        `- \`schemas/<event-name>.json\`, one per event, and \`schemas/index.json\` (any event, ${selectedBy}): the same`,
        "  contract as JSON Schema 2020-12, for services in other languages, exported as `<package>/schemas/<file>.json`.",
        "  Load every file of `schemas/` into the validator (each has an `$id`), then validate with `index.json`; each",
        "  file's `$comment` says which formats are asserted, and how.",
        "- `build(name, overrides, { validate })` and `build<Type>(overrides)`: a deep copy of `full` with typed overrides",
        "  merged in (`undefined` removes a property), validated unless `{ validate: false }` (throws `FixtureBuildError`).",
      ].join("\n"),
      [pkg],
    ),
    ...(receiverOf(model) === "zoom" ? zoomReceiverBlocks(model) : routerBlocks(model)),
    finalBlock("## Events"),
    finalBlock("Every field of every event, with its type, enum values, format and the example: [EVENTS.md](EVENTS.md)."),
    products.length > 0
      ? tableBlock(
          ["event", "product", "type", "guards", "summary"],
          model.events.map((e) => [
            cell(code(e.name)),
            cell(code(e.product ?? "")),
            code(e.typeName),
            `${code(`is${e.typeName}`)} / ${code(`validate${e.typeName}`)}`,
            cell(vendorInlineMarkdown(e.summary ?? "")),
          ]),
        )
      : tableBlock(
          ["event", "type", "guards", "summary"],
          model.events.map((e) => [cell(code(e.name)), code(e.typeName), `${code(`is${e.typeName}`)} / ${code(`validate${e.typeName}`)}`, cell(vendorInlineMarkdown(e.summary ?? ""))]),
        ),
  ];
  return { path: "README.md", contents: draftMarkdown(blocks), markdown: blocks };
}

/** How Zoom's receiver is used: verification, the handshake, the delivery guarantees. */
function zoomReceiverBlocks(model: SpecModel): MarkdownBlock[] {
  const first = model.events[0];
  const pkg = model.packageName;
  return [
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
        "default) and calls its typed handler: 200 when the handlers succeed, 500 when one fails within `ackTimeoutMs`",
        "(2500; Zoom redelivers), and 200 with an `onError` report (stage `\"timeout\"`) when they are still running at it.",
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
    finalBlock("### Delivery guarantees"),
    finalBlock(
      markdownFence("ts", [
        importLine(["createWebhookHandler", "memoryStore"], pkg),
        "",
        "const handler = createWebhookHandler({",
        "  secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN!,",
        "  store: memoryStore(), // one process; several instances need a shared store (redisStore)",
        "  on: {},",
        "});",
        "",
        "// From a cron job: run the handlers of what failed on Zoom's last delivery again.",
        "for (const letter of await handler.deadLetters()) {",
        "  await handler.replay(letter.key); // \"handled\" | \"failed\" | \"duplicate\"",
        "}",
      ].join("\n")),
    ),
    finalBlock(
      [
        "Zoom redelivers an event answered with anything but 200 or 204 within 3 s, 3 times (5, 20 and 60 minutes",
        "later), and after the last failure sends nothing more about that event. Without a store a handler that keeps",
        "failing exhausts those retries: use a store in production. With a `store`, a delivery's key (`dedupeKey(event,",
        "{ rawBody, headers })`, by default the SHA-256 of the raw body, which Zoom's retries resend) is claimed before",
        "the handlers run (for `ackTimeoutMs` + 5 s, at most 65 s: a process that dies mid-handler frees it by expiry),",
        "marked done when they succeed (kept `dedupeTtlSeconds`, 3 days) and released when they fail, with a dead letter",
        "(raw body, event, attempts, first and last error) kept for `dedupeTtlSeconds`. The URL-validation handshake and",
        "unknown events are not deduplicated. Work that can outlast Zoom's 3 s belongs in your own queue: let the handler",
        "only enqueue it.",
      ].join("\n"),
    ),
    tableBlock(
      ["delivery", "answer", "`onError` stage"],
      [
        ["handlers succeed within `ackTimeoutMs`", "200", ""],
        ["a handler (or `onUnknownEvent`) throws or rejects within `ackTimeoutMs`", "500: Zoom redelivers", "`handler`"],
        ["handlers still running at `ackTimeoutMs`", "200; they keep running", "`timeout`, then `handler` if they fail"],
        ["store: the key was handled already", "200, handlers not run (`onDuplicate`)", ""],
        ["store: another delivery of the key is being handled", "503 with `Retry-After`", ""],
        ["store: it fails or does not answer in time", "503", "`store`"],
        ["store: handlers fail on delivery `maxDeliveries` (4)", "200; the dead letter stays", "`handler`"],
        ["store: handlers fail after the 200 of a timeout", "(answered); a dead letter is kept", "`handler`"],
        ["store: handled, but marking it done fails", "200 (a redelivery would run again)", "`store`"],
        ["store: failed, and the dead letter cannot be stored", "500, even on the last delivery", "`store`"],
      ],
    ),
  ];
}

/** How the router of a spec that is not Zoom's is used, and, with --receiver standard, the signature check before it. */
function routerBlocks(model: SpecModel): MarkdownBlock[] {
  const first = model.events[0];
  const pkg = model.packageName;
  const standard = receiverOf(model) === "standard";
  return [
    finalBlock("## Receiving webhooks"),
    finalBlock(
      markdownFence("ts", [
        importLine(["createWebhookRouter"], pkg),
        "",
        "const router = createWebhookRouter({",
        "  on: {",
        ...(first ? handlerLines(keyText(first.name), first.typeName) : []),
        "  },",
        "});",
        "// body: the raw request body, verified by the sender's scheme first",
        "const outcome = await router.routeBody(body);",
        '// outcome.status: "handled" (200), "unknown" (200), "invalid" (400) or "failed" (500: let the sender retry)',
      ].join("\n")),
    ),
    finalBlock(
      [
        "`createWebhookRouter` validates the event against the spec (`unknownProperties: \"allow\"` by default) and calls",
        "its typed handler; it never throws for a body, and every failure reaches `onError` with its stage. A handler for",
        "an event this package does not have, or an unknown option, throws a `TypeError` at creation. It verifies no",
        "signature: the spec says nothing about how its sender signs requests.",
        ...(standard
          ? [
              "",
              "The sender signs by the [Standard Webhooks](https://www.standardwebhooks.com) scheme: verify the raw body",
              "with `verifyStandardWebhook({ body, headers, secret })` (a `whsec_` secret, or a list while rotating; 5",
              "minutes of tolerance; `verifyStandardWebhookAsync` on Web Crypto) before routing it, and answer 401 when it",
              "throws `StandardWebhookVerificationError`. `signStandardWebhook` signs test requests.",
            ]
          : []),
      ].join("\n"),
    ),
  ];
}
