import { Ajv2020, type AnySchemaObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { EmittedFile } from "../../src/emit/emitted-file.js";
import { isDateTime } from "../../src/runtime/check-format.js";

// ajv-formats is CommonJS with a default export; under NodeNext its callable is on `.default`.
type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

export interface SchemaCheck {
  /** Schemas ajv compiled (every event's and the index). */
  readonly compiled: number;
  /** Fixture files checked against their event's schema and the index: valid ones, then invalid ones. */
  readonly valid: number;
  readonly invalid: number;
  /** What strict mode's type checks logged while compiling (they warn rather than refuse). */
  readonly warnings: readonly string[];
  /** `<fixture path>: <what ajv said>`, for every fixture where ajv and the fixture's label disagree. */
  readonly disagreements: readonly string[];
}

/** Every `format` value in a schema (a data key named format in an enum or default only registers one more). */
function formatsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => formatsIn(v, into));
  else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "format" && typeof child === "string") into.add(child);
      else formatsIn(child, into);
    }
  }
  return into;
}

/**
 * ajv as a service in another language would set it up from the files' `$comment`s: strict (an unknown keyword or
 * format is an error), ajv-formats for the formats whose definition matches the guards', the guards' date-time
 * (ajv-formats' also accepts a space for T and offsets without a colon) and uint64 (not in ajv-formats); every other
 * format is an annotation, as the guards treat it.
 */
export function createSchemaAjv(schemas: readonly AnySchemaObject[], warnings: string[] = []): Ajv2020 {
  const log = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
  // strictTuples off: an open tuple (prefixItems, then any items) is what such a spec says, not a slip.
  const ajv = new Ajv2020({ strict: true, strictTuples: false, allErrors: true, logger: { log, warn: log, error: log } });
  addFormats(ajv, ["date", "int32", "int64", "float", "double"]);
  ajv.addFormat("date-time", { type: "string", validate: isDateTime });
  ajv.addFormat("uint64", { type: "number", validate: (x: number) => Number.isInteger(x) && x >= 0 });
  const registered = new Set(["date", "int32", "int64", "float", "double", "date-time", "uint64"]);
  const annotations = [...schemas.reduce((into, schema) => formatsIn(schema, into), new Set<string>())].filter((f) => !registered.has(f)).sort();
  for (const format of annotations) ajv.addFormat(format, true);
  ajv.addSchema([...schemas]);
  return ajv;
}

/**
 * A built package's `schemas/` against its `fixtures/`: ajv (JSON Schema 2020-12) compiles every schema, and both the
 * event's schema and `schemas/index.json` accept every valid fixture and reject every invalid one's `value`.
 */
export function checkJsonSchemas(files: readonly EmittedFile[]): SchemaCheck {
  const schemaFiles = files.filter((f) => f.path.startsWith("schemas/"));
  const schemas = new Map(schemaFiles.map((f) => [f.path, JSON.parse(f.contents) as AnySchemaObject]));
  const warnings: string[] = [];
  const ajv = createSchemaAjv([...schemas.values()], warnings);
  const validators = new Map([...schemas].map(([path, schema]) => [path, ajv.getSchema(schema.$id!)!]));
  if ([...validators.values()].some((v) => v === undefined)) throw new Error("a schema did not compile");
  const index = validators.get("schemas/index.json")!;
  const disagreements: string[] = [];
  let valid = 0;
  let invalid = 0;
  for (const file of files) {
    const m = /^fixtures\/([^/]+)\/(invalid\/)?[^/]+\.json$/.exec(file.path);
    if (m === null) continue;
    const event = validators.get(`schemas/${m[1]}.json`);
    if (event === undefined) {
      disagreements.push(`${file.path}: no schemas/${m[1]}.json`);
      continue;
    }
    const isInvalid = m[2] !== undefined;
    const parsed = JSON.parse(file.contents) as { value?: unknown };
    const value = isInvalid ? parsed.value : parsed;
    if (isInvalid) invalid++;
    else valid++;
    for (const [name, validate] of [
      [`schemas/${m[1]}.json`, event],
      ["schemas/index.json", index],
    ] as const) {
      if (validate(value) === !isInvalid) continue;
      const why = isInvalid ? "accepted" : `rejected: ${ajv.errorsText(validate.errors)}`;
      disagreements.push(`${file.path}: ${name} ${why}`);
    }
  }
  return { compiled: validators.size, valid, invalid, warnings, disagreements };
}
