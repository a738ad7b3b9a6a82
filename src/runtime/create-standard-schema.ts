/**
 * Standard Schema v1 (https://standardschema.dev): the interface tRPC, Hono's validator and other libraries accept,
 * and the adapter that turns a validate… function into one.
 */
import type { UnknownPropertiesMode, ValidationOptions, ValidationResult } from "./run-guard.js";

/** The Standard Schema v1 interface, copied as its authors intend, so the package has no dependency. */
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
}

function modeOf(options: StandardSchemaV1.Options | undefined, fallback: ValidationOptions): ValidationOptions {
  const mode = options?.libraryOptions?.["unknownProperties"];
  return mode === undefined ? fallback : { unknownProperties: mode as UnknownPropertiesMode };
}

/** `validate` as a Standard Schema; `libraryOptions: { unknownProperties }` in a call overrides `defaults`. */
export function createStandardSchema<T>(
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
}
