/**
 * A spec written in YAML, read into the same JSON value the JSON path gives: one document of the YAML 1.2 core schema
 * (so `yes` stays a string and `0o17` is a number, whatever a `%YAML 1.1` directive says), string keys only, no tags
 * beyond the core ones, no merge keys, and aliases expanded into copies (a tree, as JSON.parse makes, never an object
 * shared by two places) within a bound that a billion-laughs document reaches at once.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, type Scalar, visit } from "yaml";
import { CobrowseGenError, type Diagnostic } from "../errors.js";
import { displayPointer, joinPointer } from "../model/json-pointer.js";
import { setOwnProperty } from "../model/set-own-property.js";

type JsonObject = Record<string, unknown>;

/**
 * yaml's own alias bound (uses of an anchor times the aliases inside it): its default, which is far above what a spec
 * writes by hand and is passed by the fourth level of a billion-laughs document.
 */
export const MAX_ALIAS_COUNT = 100;
/**
 * Nodes the expanded document may hold beyond those written, in multiples of those written: one large anchor used up
 * to MAX_ALIAS_COUNT times passes yaml's bound yet would copy megabytes a hundred times over.
 */
const EXPANSION_FACTOR = 10;
const EXPANSION_FLOOR = 100_000;

/** The tags of the core schema, the only ones a spec may write (yaml also resolves `!!binary`, `!!set`, ...). */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`));

/** The file is read as YAML when it is named so, or when it does not start (after a BOM and whitespace) like JSON. */
export function isYamlSpec(text: string, file: string): boolean {
  if (/\.ya?ml$/i.test(file)) return true;
  const first = /[^\s\ufeff]/.exec(text)?.[0];
  // Nothing at all stays JSON, whose error ("not valid JSON" at 1:1) is the one an empty download has always had.
  return first !== undefined && first !== "{" && first !== "[";
}

export interface ParsedYaml {
  readonly document: JsonObject;
  /** A key written twice in one mapping, as the JSON path reports it (`duplicate-key`). */
  readonly warnings: readonly Diagnostic[];
}

export function parseYaml(text: string, file: string): ParsedYaml {
  // A BOM is skipped, as the JSON path does, so that line:column count from the first character the user sees.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineCounter();
  // uniqueKeys off: a key written twice is a warning here, as in JSON, not yaml's error.
  const documents = parseAllDocuments(source, { schema: "core", version: "1.2", merge: false, uniqueKeys: false, prettyErrors: false, lineCounter: lines });
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const fail = (code: string, message: string, offset: number, hint: string): never => {
    throw new CobrowseGenError({ code, message, file, position: position(offset), hint });
  };
  const list = Array.isArray(documents) ? (documents as Document.Parsed[]) : [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) {
      fail("invalid-yaml", `The spec is not valid YAML: ${error.message.replace(/\.$/, "")}.`, error.pos[0], "Fix the YAML syntax at that position (indent with spaces, not tabs; quote a value that starts with a special character).");
    }
  }
  if (list.length > 1) {
    fail("yaml-documents", `The spec holds ${list.length} YAML documents; it must be exactly one.`, list[1]!.range[0], "Keep the one OpenAPI document: remove the `---` that starts another, and what follows it.");
  }
  const root = list[0];
  const contents = root?.contents ?? null;
  if (!isMap(contents)) {
    const found = contents === null || (isScalar(contents) && contents.value === null) ? "nothing" : isSeq(contents) ? "a sequence" : `a ${typeof (contents as Scalar).value}`;
    throw new CobrowseGenError({
      code: "not-openapi",
      message: `The spec must be a YAML mapping (an object), found ${found}.`,
      file,
      pointer: "",
      hint: "Pass an OpenAPI 3.1 document with a `webhooks` map.",
    });
  }
  const doc = root!;

  // Every check that needs no expansion, in text order: tags, keys, merge keys, and where each alias points.
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  let written = 0;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (!isScalar(key)) {
        fail("yaml-key", `A mapping key of the spec is ${key === null ? "missing" : "a sequence, a mapping or an alias"}; OpenAPI keys are strings.`, offsetOf(key, pair), "Write the key as a plain or quoted string.");
      }
      const scalar = key as Scalar;
      if (scalar.type === "PLAIN" && scalar.source === "<<") {
        fail("yaml-merge-key", "The spec uses a YAML merge key (`<<`), which YAML 1.2 does not have and cobrowse-gen does not expand.", offsetOf(scalar), "Write the merged keys out in full (or use a $ref); quote the key (\"<<\") if it really is a key named <<.");
      }
    },
    Node(_, node) {
      written++;
      if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
        fail("yaml-tag", `The spec uses the YAML tag ${node.tag.replace(/^tag:yaml\.org,2002:/, "!!")}; only the core schema's (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) are read.`, offsetOf(node), "Remove the tag and write the value as plain JSON data (a string, number, boolean, null, sequence or mapping).");
      }
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target === undefined) fail("invalid-yaml", `The alias *${node.source} has no anchor &${node.source} before it.`, offsetOf(node), `Define &${node.source} before its first use, or fix the alias's name.`);
        targets.set(node, target!);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });

  if (targets.size > 0) {
    try {
      doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      fail("yaml-aliases", `The spec has too many aliases: expanding them exceeds ${MAX_ALIAS_COUNT} copies of an anchor (${error.message}).`, 0, "Write shared schemas once under components and $ref them, instead of YAML anchors and aliases.");
    }
  }

  const warnings: Diagnostic[] = [];
  const budget = Math.max(EXPANSION_FLOOR, written * EXPANSION_FACTOR);
  let made = 0;
  const expanding = new Set<Node>();
  const at = (offset: number) => {
    const { line, column } = position(offset);
    return `${file}:${line}:${column}`;
  };
  /** The JSON value of a node; an alias is its anchor's value copied, so that no object is shared by two places. */
  const convert = (node: unknown, pointer: string, inAlias: boolean): unknown => {
    if (++made > budget) {
      fail("yaml-aliases", `The spec has too many aliases: expanding them makes over ${budget} values from ${written} written.`, offsetOf(node), "Write shared schemas once under components and $ref them, instead of YAML anchors and aliases.");
    }
    if (isAlias(node)) {
      const target = targets.get(node)!;
      if (expanding.has(target)) fail("yaml-aliases", `The alias *${node.source} is inside its own anchor: it would expand forever.`, offsetOf(node), "Use a $ref for a recursive schema, not a YAML alias.");
      expanding.add(target);
      const value = convert(target, pointer, true);
      expanding.delete(target);
      return value;
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === "number" && !Number.isFinite(value)) {
        fail("yaml-value", `The value ${node.source ?? String(value)} at ${displayPointer(pointer)} is not a JSON number.`, offsetOf(node), "Write a finite number, or quote it to make it a string.");
      }
      return value;
    }
    if (isSeq(node)) {
      // Recursion as deep as the nesting yaml itself parsed with; deeper fails as a RangeError, reported by buildPackage.
      expanding.add(node);
      const items = node.items.map((item, index) => convert(item, joinPointer(pointer, index), inAlias));
      expanding.delete(node);
      return items;
    }
    if (isMap(node)) {
      expanding.add(node);
      const object: JsonObject = {};
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as Scalar;
        // A plain key is the string as written (`200:` is "200", `0x10:` stays "0x10"), a quoted one its value.
        const key = keyNode.type === "PLAIN" || typeof keyNode.value !== "string" ? (keyNode.source ?? String(keyNode.value)) : keyNode.value;
        const offset = offsetOf(keyNode);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, offset);
        else if (!inAlias) {
          // An alias repeats what is written once: its duplicates were reported where they are written.
          const what = pointer === "/webhooks" ? `The event ${JSON.stringify(key)} is defined twice in \`webhooks\`` : `The key ${JSON.stringify(key)} is written twice in the mapping at ${displayPointer(pointer)}`;
          warnings.push({
            code: "duplicate-key",
            message: `${what} (at ${at(first)} and ${at(offset)}); only the second is kept, so the first is ignored.`,
            file,
            position: position(offset),
            hint: "Remove one of the two, or merge them into one.",
          });
        }
        setOwnProperty(object, key, convert(pair.value, joinPointer(pointer, key), inAlias));
      }
      expanding.delete(node);
      return object;
    }
    // An implicit null (`key:` with nothing after it) has no node at all.
    return null;
  };
  return { document: convert(contents, "", false) as JsonObject, warnings };
}

/** Where a node starts; a pair's key may be absent (`: value`), then the pair's value says where. */
function offsetOf(node: unknown, pair?: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (range) return range[0];
  if (isPair(pair)) return offsetOf(pair.value);
  return 0;
}
