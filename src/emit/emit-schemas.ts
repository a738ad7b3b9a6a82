import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";

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
    `import { ${validators.join(", ")}, type UnknownPropertiesMode, type ValidationOptions, type ValidationResult } from "./guards.js";`,
    "",
    STANDARD_SCHEMA_V1,
    "",
    "function modeOf(options: StandardSchemaV1.Options | undefined, fallback: ValidationOptions): ValidationOptions {",
    "  const mode = options?.libraryOptions?.[\"unknownProperties\"];",
    "  return mode === undefined ? fallback : { unknownProperties: mode as UnknownPropertiesMode };",
    "}",
    "",
    "function standard<T>(",
    "  validate: (value: unknown, options?: ValidationOptions) => ValidationResult<T>,",
    "  defaults: ValidationOptions,",
    "): StandardSchemaV1<T, T> {",
    "  return {",
    '    "~standard": {',
    "      version: 1,",
    '      vendor: "cobrowse-gen",',
    "      validate(value, options) {",
    "        const result = validate(value, modeOf(options, defaults));",
    "        return result.ok ? { value: result.value } : { issues: result.issues };",
    "      },",
    "    },",
    "  };",
    "}",
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
    ...entries.map((e) => `    ${e.name}: standard(validate${e.name}, options),`),
    "  };",
    "}",
    "",
    "/** Standard Schema objects in the spec-exact (\"reject\") mode. */",
    "export const schemas: WebhookSchemas = createSchemas();",
    "",
  ].join("\n");
  return { path: "src/schemas.ts", contents };
}
