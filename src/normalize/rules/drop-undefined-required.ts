import { compiledPattern } from "../../keywords/check-pattern.js";
import { joinPointer } from "../../model/json-pointer.js";
import { isObject, isReadThrough, valueKinds } from "./classify-schema.js";
import { warn, type SchemaRule } from "./rule.js";

/**
 * `{ "type": "object", "additionalProperties": false, "required": ["ghost"], "properties": {} }`: a closed object can
 * never carry a property it does not define, so honouring the name would reject every payload. The name is dropped
 * from `required`. On an open object (or where a patternProperties pattern matches the name) it is met by a property
 * of what the object allows there, which normalize-schema makes a required property of that type.
 */
/** Whether `name` matches a patternProperties pattern; one normalize-schema will refuse matches nothing here. */
function matches(pattern: string, name: string): boolean {
  try {
    return compiledPattern(pattern).test(name);
  } catch {
    return false;
  }
}

export const requiredNotDefined: SchemaRule = {
  name: "required-not-defined",
  description: "A name in `required` that a closed object (additionalProperties: false) does not define is dropped.",
  apply(schema, pointer, ctx) {
    if (schema.additionalProperties !== false || isReadThrough(schema) || valueKinds(schema)?.kinds.includes("object") !== true) return schema;
    const required = schema.required;
    const properties = schema.properties === undefined ? {} : schema.properties;
    if (!Array.isArray(required) || !required.every((r) => typeof r === "string") || !isObject(properties)) return schema;
    const patterns = isObject(schema.patternProperties) ? Object.keys(schema.patternProperties) : [];
    const kept = required.filter((name, index) => {
      if (Object.prototype.hasOwnProperty.call(properties, name) || patterns.some((pattern) => matches(pattern, name))) return true;
      warn(ctx, this, joinPointer(pointer, "required", index), `"${name}" is required but not defined in \`properties\` of a closed object; ignored.`, `Define "${name}" under properties, or remove it from required.`);
      return false;
    });
    if (kept.length === required.length) return schema;
    const { required: _, ...rest } = schema;
    return kept.length === 0 ? rest : { ...rest, required: kept };
  },
};
