import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";

/**
 * `src/schemas.ts`: every validator as a Standard Schema v1 object, so the types plug into tRPC, Hono's validator and
 * any other library that accepts Standard Schema.
 */
export function emitSchemas(model: SpecModel): EmittedFile {
  const entries = [
    { name: "WebhookEvent", doc: "Any event, dispatched on `event`." },
    ...model.events.map((e) => ({ name: e.typeName, doc: `The \`${e.typeName}\` event.` })),
  ];
  const typeNames = entries.map((e) => e.name).sort();
  const validators = entries.map((e) => `validate${e.name}`).sort();
  const contents = [
    tsBanner(model),
    `import type { ${typeNames.join(", ")} } from "./types.js";`,
    `import { ${validators.join(", ")}, type ValidationOptions } from "./guards.js";`,
    'import { createStandardSchema, type StandardSchemaV1 } from "./runtime/create-standard-schema.js";',
    "",
    'export type { StandardSchemaV1 } from "./runtime/create-standard-schema.js";',
    "",
    "/** Standard Schema v1 objects, one per validator. */",
    "export interface WebhookSchemas {",
    ...entries.map((e) => `  /** ${e.doc} */\n  readonly ${e.name}: StandardSchemaV1<${e.name}, ${e.name}>;`),
    "}",
    "",
    "/**",
    " * Standard Schema objects with the given default options; `libraryOptions: { unknownProperties }` in a call",
    " * overrides them. Deployed receivers usually want `createSchemas({ unknownProperties: \"allow\" })`.",
    " */",
    "export function createSchemas(options: ValidationOptions = {}): WebhookSchemas {",
    "  return {",
    ...entries.map((e) => `    ${e.name}: createStandardSchema(validate${e.name}, options),`),
    "  };",
    "}",
    "",
    "/** Standard Schema objects in the spec-exact (\"reject\") mode. */",
    "export const schemas: WebhookSchemas = createSchemas();",
    "",
  ].join("\n");
  return { path: "src/schemas.ts", contents };
}
