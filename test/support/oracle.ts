import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { SpecModel } from "../../src/model/model.js";
import { toJsonSchema } from "../../src/model/to-json-schema.js";

// ajv-formats is CommonJS with a default export; under NodeNext its callable is on `.default`.
type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

/**
 * The independent oracle: ajv (JSON Schema 2020-12) with ajv-formats, compiled from the same normalized per-event
 * schemas the generator emits guards for. Only the formats the guards check are enabled; any other format is an
 * annotation for both.
 */
export function compileOracle(model: SpecModel): Map<string, ValidateFunction> {
  // Formats the guards do not check (email, uri, ...) are annotations for ajv too; its notice for each is noise.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats(ajv, ["date-time", "date", "int32", "int64", "float", "double"]);
  ajv.addFormat("uint64", { type: "number", validate: (x: number) => Number.isInteger(x) && x >= 0 });
  return new Map(model.events.map((event) => [event.name, ajv.compile(toJsonSchema(event.body))]));
}
