import { pointerFromPath } from "../model/json-pointer.js";
import type { SynthesizedEvent, SynthesizedSpec } from "../synthesize/synthesize-fixtures.js";
import { listEnumValues, type SchemaNode } from "../model/model.js";
import { KEYWORDS } from "../keywords/index.js";
import { UNCHECKED_WHY } from "../keywords/check-pattern.js";
import { markdownBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { markdownCell as cell, markdownCode as code, markdownFence, markdownText as text, vendorInlineMarkdown, vendorMarkdown } from "./escape-markdown.js";
import { draftMarkdown, finalBlock, isVerbatimCell, mixedBlock, printJson, proseBlock, tableBlock, type MarkdownBlock } from "./write-code.js";

function typeOf(node: SchemaNode): string {
  const base =
    node.kind === "array"
      ? `array of ${typeOf(node.items)}`
      : node.kind === "unknown"
        ? "any"
        : node.kind === "union"
          ? `${node.mode === "oneOf" ? "one of" : "any of"}: ${node.variants.map((v) => (v.kind === "object" && v.title ? `${typeOf(v)} (${text(v.title)})` : typeOf(v))).join(", ")}`
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

/** Every field of a body, depth first; array items appear as `*` (any index). Each column is markdown. */
function rows(node: SchemaNode, path: string[], required: boolean, out: Row[]): Row[] {
  if (path.length > 0) {
    const values = "enum" in node && node.enum ? listEnumValues(node.enum, (v) => code(JSON.stringify(v)), ", ") : "";
    out.push({
      pointer: pointerFromPath(path),
      type: typeOf(node),
      required,
      values,
      // The value keywords' docs lines (markdown: a format, a pattern), and patternProperties keys the guards do not check.
      format: [
        ...KEYWORDS.map((keyword) => keyword.docs?.(node)),
        node.kind === "object" && node.uncheckedPatternProperties !== undefined
          ? `patternProperties ${node.uncheckedPatternProperties.map(code).join(", ")} ${UNCHECKED_WHY}: any property is accepted`
          : undefined,
      ]
        .filter((docs): docs is string => docs !== undefined && docs !== "")
        .join(", "),
      description: [vendorInlineMarkdown(node.description ?? ""), node.deprecated ? "Deprecated." : "", node.default !== undefined ? `Default: ${code(JSON.stringify(node.default))}.` : ""]
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

function section(event: SynthesizedEvent): MarkdownBlock[] {
  const table = rows(event.body, [], true, []).map((r) => [cell(code(r.pointer)), cell(r.type), r.required ? "yes" : "no", cell(r.values), cell(r.format), cell(r.description)]);
  const sample = event.examples[0]?.value ?? event.fixtures.full;
  const fixtures = [
    event.examples.length > 0 ? "`example`" : "",
    "`minimal`",
    "`full`",
    event.fixtures.variants.length > 0 ? `${event.fixtures.variants.length} variant(s)` : "",
    `${event.fixtures.invalid.length} invalid`,
  ].filter(Boolean);
  return [
    // A heading of one code span: final when the span prints as written.
    isVerbatimCell(code(event.name)) ? finalBlock(`## ${code(event.name)}`) : proseBlock(`## ${code(event.name)}`),
    finalBlock(`Type \`${event.typeName}\` · guards \`is${event.typeName}\`, \`validate${event.typeName}\` · builder \`build${event.typeName}\` · fixtures ${fixtures.join(", ")}`),
    // The vendor's own markdown, prettier's to format; its headings sit inside this event's section: two levels down.
    ...(event.description ? [proseBlock(vendorMarkdown(event.description, { shiftHeadings: 2 }))] : []),
    tableBlock(["field", "type", "required", "values", "format", "description"], table),
    finalBlock(event.examples.length > 0 ? "Example (from the spec):" : "Example (synthesized `full` fixture; the spec has no valid example):"),
    // printJson is what prettier prints for the block, and the fence is as long as prettier makes it.
    finalBlock(markdownFence("json", printJson(sample))),
  ];
}

/** `EVENTS.md`: a catalogue people can read: a summary of all events, then every field of each. */
export function emitEventsMd(model: SynthesizedSpec): EmittedFile {
  const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-");
  const blocks: MarkdownBlock[] = [
    finalBlock(markdownBanner(model)),
    mixedBlock(`# ${text(model.title)} webhook events`, [text(model.title)]),
    mixedBlock(
      `${model.events.length} events from the spec (version ${text(model.version)}). Field paths are JSON pointers into the event; \`*\` stands for any array index.`,
      [text(model.version)],
    ),
    tableBlock(
      ["event", "type", "summary"],
      model.events.map((e) => [cell(`[${code(e.name)}](#${anchor(e.name)})`), code(e.typeName), cell(vendorInlineMarkdown(e.summary ?? ""))]),
    ),
    ...model.events.flatMap(section),
  ];
  return { path: "EVENTS.md", contents: draftMarkdown(blocks), markdown: blocks };
}
