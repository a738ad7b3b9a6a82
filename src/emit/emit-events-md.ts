import { pointerFromPath } from "../model/json-pointer.js";
import type { SynthesizedEvent, SynthesizedSpec } from "../synthesize/synthesize-fixtures.js";
import type { SchemaNode } from "../model/model.js";
import { KEYWORDS } from "../keywords/index.js";
import { markdownBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";

/** Table cells hold one line, and a `|` would end the cell. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
const code = (text: string) => (text === "" ? "" : `\`${text.replace(/`/g, "'")}\``);

function typeOf(node: SchemaNode): string {
  const base =
    node.kind === "array"
      ? `array of ${typeOf(node.items)}`
      : node.kind === "unknown"
        ? "any"
        : node.kind === "union"
          ? `${node.mode === "oneOf" ? "one of" : "any of"}: ${node.variants.map((v) => (v.kind === "object" && v.title ? `${typeOf(v)} (${v.title})` : typeOf(v))).join(", ")}`
          : node.kind;
  return node.nullable ? `${base} or null` : base;
}

interface Row {
  pointer: string;
  type: string;
  required: boolean;
  values: string;
  format: string;
  description: string;
}

/** Every field of a body, depth first; array items appear as `*` (any index). */
function rows(node: SchemaNode, path: string[], required: boolean, out: Row[]): Row[] {
  if (path.length > 0) {
    const values = "enum" in node && node.enum ? node.enum.map((v) => code(JSON.stringify(v))).join(", ") : "";
    out.push({
      pointer: pointerFromPath(path),
      type: typeOf(node),
      required,
      values,
      // The value keywords' docs lines (today only a format has one).
      format: KEYWORDS.map((keyword) => keyword.docs?.(node))
        .filter(Boolean)
        .join(", "),
      description: [node.description ?? "", node.deprecated ? "Deprecated." : "", node.default !== undefined ? `Default: ${code(JSON.stringify(node.default))}.` : ""]
        .filter(Boolean)
        .join(" "),
    });
  }
  if (node.kind === "object") for (const p of node.properties) rows(p.schema, [...path, p.name], p.required, out);
  if (node.kind === "array") {
    node.prefixItems?.forEach((item, index) => rows(item, [...path, String(index)], false, out));
    rows(node.items, [...path, "*"], false, out);
  }
  // A union's fields are listed variant by variant, under the variant's index.
  if (node.kind === "union") node.variants.forEach((v, index) => rows(v, [...path, `${node.mode}[${index}]`], false, out));
  return out;
}

function section(event: SynthesizedEvent): string[] {
  const table = rows(event.body, [], true, []).map(
    (r) => `| ${code(r.pointer)} | ${r.type} | ${r.required ? "yes" : "no"} | ${r.values} | ${r.format} | ${cell(r.description)} |`,
  );
  const sample = event.examples[0]?.value ?? event.fixtures.full;
  const fixtures = [
    event.examples.length > 0 ? "`example`" : "",
    "`minimal`",
    "`full`",
    event.fixtures.variants.length > 0 ? `${event.fixtures.variants.length} variant(s)` : "",
    `${event.fixtures.invalid.length} invalid`,
  ].filter(Boolean);
  return [
    `## ${code(event.name)}`,
    "",
    `Type \`${event.typeName}\` · guards \`is${event.typeName}\`, \`validate${event.typeName}\` · builder \`build${event.typeName}\` · fixtures ${fixtures.join(", ")}`,
    "",
    // The vendor's own headings sit inside this event's section: two levels down.
    ...(event.description ? [event.description.replace(/^(#{1,4}) /gm, "##$1 "), ""] : []),
    "| field | type | required | values | format | description |",
    "| --- | --- | --- | --- | --- | --- |",
    ...table,
    "",
    event.examples.length > 0 ? "Example (from the spec):" : "Example (synthesized `full` fixture; the spec has no valid example):",
    "",
    "```json",
    JSON.stringify(sample, null, 2),
    "```",
    "",
  ];
}

/** `EVENTS.md`: a catalogue people can read: a summary of all events, then every field of each. */
export function emitEventsMd(model: SynthesizedSpec): EmittedFile {
  const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-");
  const lines = [
    markdownBanner(model),
    `# ${model.title} webhook events`,
    "",
    `${model.events.length} events from the spec (version ${model.version}). Field paths are JSON pointers into the event; \`*\` stands for any array index.`,
    "",
    "| event | type | summary |",
    "| --- | --- | --- |",
    ...model.events.map((e) => `| [${code(e.name)}](#${anchor(e.name)}) | \`${e.typeName}\` | ${cell(e.summary ?? "")} |`),
    "",
    ...model.events.flatMap(section),
  ];
  return { path: "EVENTS.md", contents: lines.join("\n") };
}
