import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import { ROOT_LAYOUT, relocate, type ModuleLayout } from "./module-layout.js";
import type { EmittedFile } from "./emitted-file.js";
import {
  call,
  constDeclaration,
  exported,
  functionDeclaration,
  id,
  importDeclaration,
  interfaceDeclaration,
  jsdoc,
  object,
  printModuleFiles,
  propertySignature,
  raw,
  returnStatement,
  separated,
  typeReference,
  withComments,
} from "./write-code.js";

/** The runtime's Standard Schema interface and adapter, and the public re-export (fixed text). */
const RUNTIME_EXPORT = 'export type { StandardSchemaV1 } from "./runtime/create-standard-schema.js";';

/**
 * `src/schemas.ts`: every validator as a Standard Schema v1 object, so the types plug into tRPC, Hono's validator and
 * any other library that accepts Standard Schema.
 */
export function emitSchemas(model: SpecModel, layout: ModuleLayout = ROOT_LAYOUT): EmittedFile[] {
  const entries = [
    { name: "WebhookEvent", doc: "Any event, dispatched on `event`." },
    ...model.events.map((e) => ({ name: e.typeName, doc: `The \`${e.typeName}\` event.` })),
  ];
  const typeNames = entries.map((e) => e.name).sort();
  const validators = entries.map((e) => `validate${e.name}`).sort();
  const options = [{ name: "ValidationOptions", typeOnly: true }];
  const schemasInterface = interfaceDeclaration(
    "WebhookSchemas",
    entries.map((e) =>
      propertySignature({ name: e.name, readonly: true, type: typeReference("StandardSchemaV1", [typeReference(e.name), typeReference(e.name)]), comments: [jsdoc(e.doc)] }),
    ),
  );
  const createSchemas = functionDeclaration(
    "createSchemas",
    [{ name: "options", type: typeReference("ValidationOptions"), default: object([]) }],
    [returnStatement(object(entries.map((e) => ({ key: e.name, value: call(id("createStandardSchema"), [id(`validate${e.name}`), id("options")]) })), { expand: true }))],
    { returnType: typeReference("WebhookSchemas") },
  );
  const statements = [
    importDeclaration(typeNames, "./types.js", { typeOnly: true }),
    importDeclaration([...validators, ...options], "./guards.js"),
    importDeclaration(["createStandardSchema", { name: "StandardSchemaV1", typeOnly: true }], `${layout.runtime}create-standard-schema.js`),
    raw(relocate(RUNTIME_EXPORT, layout), { js: "" }),
    withComments(exported(schemasInterface), jsdoc("Standard Schema v1 objects, one per validator.")),
    withComments(
      exported(createSchemas),
      jsdoc(
        [
          "Standard Schema objects with the given default options; `libraryOptions: { unknownProperties }` in a call",
          'overrides them. Deployed receivers usually want `createSchemas({ unknownProperties: "allow" })`.',
        ].join("\n"),
      ),
    ),
    withComments(exported(constDeclaration("schemas", call(id("createSchemas")), typeReference("WebhookSchemas"))), jsdoc('Standard Schema objects in the spec-exact ("reject") mode.')),
  ];
  // The imports together, then a blank line between declarations.
  return printModuleFiles(`${layout.dir}schemas.ts`, [statements[0]!, statements[1]!, ...separated(statements.slice(2))], { banner: tsBanner(model) });
}
