import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
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
  printModule,
  propertySignature,
  raw,
  returnStatement,
  separated,
  typeReference,
  withComments,
} from "./write-code.js";

/** The Standard Schema v1 interface, copied as its authors intend (https://standardschema.dev): no dependency. */
const STANDARD_SCHEMA_V1 = `/** The Standard Schema v1 interface (https://standardschema.dev), copied here so the package has no dependency. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}`;

/** The parts that are the same in every package. */
const STANDARD = `function modeOf(options: StandardSchemaV1.Options | undefined, fallback: ValidationOptions): ValidationOptions {
  const mode = options?.libraryOptions?.["unknownProperties"];
  return mode === undefined ? fallback : { unknownProperties: mode as UnknownPropertiesMode };
}

function standard<T>(
  validate: (value: unknown, options?: ValidationOptions) => ValidationResult<T>,
  defaults: ValidationOptions,
): StandardSchemaV1<T, T> {
  return {
    "~standard": {
      version: 1,
      vendor: "cobrowse-gen",
      validate(value, options) {
        const result = validate(value, modeOf(options, defaults));
        return result.ok ? { value: result.value } : { issues: result.issues };
      },
    },
  };
}`;

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
  const options = [
    { name: "UnknownPropertiesMode", typeOnly: true },
    { name: "ValidationOptions", typeOnly: true },
    { name: "ValidationResult", typeOnly: true },
  ];
  const schemasInterface = interfaceDeclaration(
    "WebhookSchemas",
    entries.map((e) =>
      propertySignature({ name: e.name, readonly: true, type: typeReference("StandardSchemaV1", [typeReference(e.name), typeReference(e.name)]), comments: [jsdoc(e.doc)] }),
    ),
  );
  const createSchemas = functionDeclaration(
    "createSchemas",
    [{ name: "options", type: typeReference("ValidationOptions"), default: object([]) }],
    [returnStatement(object(entries.map((e) => ({ key: e.name, value: call(id("standard"), [id(`validate${e.name}`), id("options")]) })), { expand: true }))],
    { returnType: typeReference("WebhookSchemas") },
  );
  const statements = [
    importDeclaration(typeNames, "./types.js", { typeOnly: true }),
    importDeclaration([...validators, ...options], "./guards.js"),
    raw(STANDARD_SCHEMA_V1.trim()),
    raw(STANDARD),
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
  // The two imports together, then a blank line between declarations.
  return { path: "src/schemas.ts", contents: printModule([statements[0]!, ...separated(statements.slice(1))], { banner: tsBanner(model) }) };
}
