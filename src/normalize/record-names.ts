import type { Diagnostic } from "../errors.js";
import type { SpecModel } from "../model/model.js";
import { isRecordedIdentifier } from "../model/naming.js";
import { shapeFingerprint } from "./name-shapes.js";

/**
 * The names a generated package exports, as its names.json records them: what the next run keeps (NormalizeOptions
 * .previousNames), so that a later spec cannot rename a type that users import.
 */
export interface RecordedNames {
  /** Event name (as Zoom sends it) → its type name, e.g. `meeting.started` → `MeetingStartedEvent`. */
  readonly events: ReadonlyMap<string, string>;
  /** Named shape's type name → its shapeFingerprint and the JSON pointer of its first occurrence in the spec. */
  readonly types: ReadonlyMap<string, RecordedType>;
}

export interface RecordedType {
  /** shapeFingerprint of the shape: the same shape (documentation aside) in another spec has the same one. */
  readonly shape: string;
  /** Where the shape first occurs in the spec. */
  readonly pointer: string;
  /** In a package of several specs: the product (ProductModel.name) the shape belongs to. */
  readonly product?: string;
}

export const NAMES_FILE = "names.json";
export const NAMES_VERSION = 1;

/** What a model exports, to record or to pin the next model's names with. */
export function recordNames(model: SpecModel): RecordedNames {
  return {
    events: new Map(model.events.map((e) => [e.name, e.typeName])),
    types: new Map(model.namedTypes.map((t) => [t.name, { shape: shapeFingerprint(t.schema), pointer: t.pointer, ...(t.product !== undefined ? { product: t.product } : {}) }])),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * names.json read leniently: a file that is not one (not JSON, another version) gives no names and a warning; an entry
 * of the wrong type, or whose name is not an identifier the generator could have written, is ignored. Never throws: a
 * damaged file costs stable names, not the run.
 */
export function parseRecordedNames(text: string, file: string): { names?: RecordedNames; warning?: Diagnostic } {
  const warn = (why: string): { warning: Diagnostic } => ({
    warning: {
      code: "invalid-names-file",
      message: `${why}; the exported type names are chosen afresh and may change.`,
      file,
      hint: "Restore names.json from version control (the package's previous names), or delete it to accept new names.",
    },
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return warn(`names.json is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) return warn("names.json is not a JSON object");
  if (value.version !== NAMES_VERSION) return warn(`names.json has version ${JSON.stringify(value.version)}, not ${NAMES_VERSION}`);
  const events = new Map<string, string>();
  if (isObject(value.events)) {
    for (const [event, name] of Object.entries(value.events)) if (typeof name === "string" && isRecordedIdentifier(name)) events.set(event, name);
  }
  const types = new Map<string, RecordedType>();
  if (isObject(value.types)) {
    for (const [name, entry] of Object.entries(value.types)) {
      if (!isRecordedIdentifier(name) || !isObject(entry) || typeof entry.shape !== "string" || typeof entry.pointer !== "string") continue;
      types.set(name, { shape: entry.shape, pointer: entry.pointer, ...(typeof entry.product === "string" ? { product: entry.product } : {}) });
    }
  }
  return { names: { events, types } };
}
