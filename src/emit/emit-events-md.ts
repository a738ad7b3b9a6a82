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

function section(event: SynthesizedEvent, level = 2): MarkdownBlock[] {
  const hashes = "#".repeat(level);
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
    isVerbatimCell(code(event.name)) ? finalBlock(`${hashes} ${code(event.name)}`) : proseBlock(`${hashes} ${code(event.name)}`),
    finalBlock(`Type \`${event.typeName}\` · guards \`is${event.typeName}\`, \`validate${event.typeName}\` · builder \`build${event.typeName}\` · fixtures ${fixtures.join(", ")}`),
    // The vendor's own markdown, prettier's to format; its headings sit inside this event's section.
    ...(event.description ? [proseBlock(vendorMarkdown(event.description, { shiftHeadings: level }))] : []),
    tableBlock(["field", "type", "required", "values", "format", "description"], table),
    finalBlock(event.examples.length > 0 ? "Example (from the spec):" : "Example (synthesized `full` fixture; the spec has no valid example):"),
    // printJson is what prettier prints for the block, and the fence is as long as prettier makes it.
    finalBlock(markdownFence("json", printJson(sample))),
  ];
}

/** `EVENTS.md`: a catalogue people can read: a summary of all events, then every field of each. */
const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-");

const summaryTable = (events: readonly SynthesizedEvent[]) =>
  tableBlock(
    ["event", "type", "summary"],
    events.map((e) => [cell(`[${code(e.name)}](#${anchor(e.name)})`), code(e.typeName), cell(vendorInlineMarkdown(e.summary ?? ""))]),
  );

export function emitEventsMd(model: SynthesizedSpec): EmittedFile {
  if (model.products !== undefined) return emitProductEventsMd(model);
  const blocks: MarkdownBlock[] = [
    finalBlock(markdownBanner(model)),
    mixedBlock(`# ${text(model.title)} webhook events`, [text(model.title)]),
    mixedBlock(
      `${model.events.length} events from the spec (version ${text(model.version)}). Field paths are JSON pointers into the event; \`*\` stands for any array index.`,
      [text(model.version)],
    ),
    summaryTable(model.events),
    ...model.events.flatMap((event) => section(event)),
  ];
  return { path: "EVENTS.md", contents: draftMarkdown(blocks), markdown: blocks };
}

/**
 * EVENTS.md of a package of several products: a table of contents, then one section per product (in the order the
 * specs were given) with its summary table and its events one level down.
 */
function emitProductEventsMd(model: SynthesizedSpec): EmittedFile {
  const products = model.products ?? [];
  // A product's heading is plain text: its anchor is GitHub's, from the escaped title.
  const heading = (title: string) => text(title);
  const blocks: MarkdownBlock[] = [
    finalBlock(markdownBanner(model)),
    finalBlock("# Zoom webhook events"),
    finalBlock(
      `${model.events.length} events from ${products.length} specs, grouped by product. Field paths are JSON pointers into the event; \`*\` stands for any array index.`,
    ),
    finalBlock("## Contents"),
    mixedBlock(
      products
        .map((p) => {
          const count = model.events.filter((e) => e.product === p.name).length;
          return `- [${heading(p.title)}](#${anchor(heading(p.title))}): ${count} event${count === 1 ? "" : "s"}, ${code(`${model.packageName}/${p.name}`)}`;
        })
        .join("\n"),
      products.flatMap((p) => [heading(p.title), `${model.packageName}/${p.name}`]),
    ),
    ...products.flatMap((p) => {
      const events = model.events.filter((e) => e.product === p.name);
      return [
        mixedBlock(`## ${heading(p.title)}`, [heading(p.title)]),
        mixedBlock(
          `From the spec ${code(p.title)} (version ${text(p.version)}); import its types, guards and receiver from ${code(`${model.packageName}/${p.name}`)} and its fixtures from ${code(`${model.packageName}/${p.name}/fixtures`)}.`,
          [code(p.title), text(p.version), `${model.packageName}/${p.name}`],
        ),
        summaryTable(events),
        ...events.flatMap((event) => section(event, 3)),
      ];
    }),
  ];
  return { path: "EVENTS.md", contents: draftMarkdown(blocks), markdown: blocks };
}
