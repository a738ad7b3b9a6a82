import type { SpecModel } from "../model/model.js";
import { compareCodePoints } from "../model/naming.js";
import { NAMES_FILE, NAMES_VERSION, recordNames } from "../normalize/record-names.js";
import { bannerLines } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { printJson } from "./write-code.js";

/**
 * `names.json`: the names the package exports, which the next run reads back (readPreviousOutput) and keeps, so
 * that a new spec cannot silently rename a type users import. Listed in package.json's `files`, so it ships too: it
 * says which names the package promises to keep.
 */
export function emitNamesJson(model: SpecModel): EmittedFile {
  const recorded = recordNames(model);
  const sorted = <T>(map: ReadonlyMap<string, T>) => Object.fromEntries([...map].sort(([a], [b]) => compareCodePoints(a, b)));
  const names = {
    // JSON has no comments; the banner goes under "//" as in package.json.
    "//": bannerLines(model).join(" "),
    version: NAMES_VERSION,
    events: sorted(recorded.events),
    // A type entry may gain fields (its product, when one package holds several specs): readers ignore the others.
    types: sorted(recorded.types),
  };
  return { path: NAMES_FILE, contents: printJson(names) };
}
