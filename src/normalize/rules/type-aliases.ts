import { joinPointer } from "../../model/json-pointer.js";
import { warn, type SchemaRule } from "./rule.js";

/** Type names that are not JSON Schema types, as Zoom's specs use them, and what they mean. */
const ALIASES: Readonly<Record<string, { type: string; format?: string }>> = {
  long: { type: "integer", format: "int64" },
  int64: { type: "integer", format: "int64" },
  int: { type: "integer", format: "int32" },
  int32: { type: "integer", format: "int32" },
  double: { type: "number", format: "double" },
  float: { type: "number", format: "float" },
  bool: { type: "boolean" },
  datetime: { type: "string", format: "date-time" },
  "date-time": { type: "string", format: "date-time" },
};

/** `"type": "long"` and friends: read as the JSON Schema type they stand for (keeping a format already given). */
export const typeAliases: SchemaRule = {
  name: "type-alias",
  description: 'A programming-language type name ("long", "int", "double", "datetime", ...) is read as its JSON Schema type and format.',
  apply(schema, pointer, ctx) {
    const alias = typeof schema.type === "string" ? ALIASES[schema.type.toLowerCase()] : undefined;
    if (alias === undefined) return schema;
    warn(ctx, this, joinPointer(pointer, "type"), `Invalid type ${JSON.stringify(schema.type)}; read as ${JSON.stringify(alias.type)}${alias.format ? ` with format ${JSON.stringify(alias.format)}` : ""}.`, `Write "type": "${alias.type}"${alias.format ? `, "format": "${alias.format}"` : ""}.`);
    return { ...schema, type: alias.type, ...(alias.format && schema.format === undefined ? { format: alias.format } : {}) };
  },
};

/** `"type": "enum, country┃states┃city"`: Zoom's docs notation for a string enum, written into `type`. */
export const typeEnumList: SchemaRule = {
  name: "type-enum-list",
  description: 'A type written as "enum, a┃b┃c" is read as a string with those enum values.',
  apply(schema, pointer, ctx) {
    const match = typeof schema.type === "string" ? /^\s*enum\s*,\s*(.+)$/i.exec(schema.type) : null;
    if (match === null) return schema;
    const values = (match[1] as string).split(/[┃|]/).map((v) => v.trim()).filter((v) => v !== "");
    const keep = Array.isArray(schema.enum);
    warn(ctx, this, joinPointer(pointer, "type"), `Invalid type ${JSON.stringify(schema.type)}; read as a string${keep ? "" : ` with enum ${JSON.stringify(values)}`}.`, `Write "type": "string", "enum": ${JSON.stringify(values)}.`);
    return keep ? { ...schema, type: "string" } : { ...schema, type: "string", enum: values };
  },
};
