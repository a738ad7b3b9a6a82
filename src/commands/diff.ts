import { diffSpecs, type SpecDiff } from "../diff/diff-specs.js";
import { loadSpec } from "../load/load-spec.js";
import { normalizeSpec } from "../normalize/normalize-spec.js";
import { recordNames } from "../normalize/record-names.js";

/**
 * `cobrowse-gen diff`: load → normalize both specs, then compare the models from the receiver's side. Nothing is
 * synthesized or emitted: a spec the generator could not write fixtures for can still be compared. A pattern that
 * backtracks exponentially is read as documentation (no regular expression runs), so that the diff can show it;
 * generating from that spec still refuses it. The new spec keeps the old one's names where it can, as regenerating a
 * package made from the old spec does (its names.json), so the diff lists only the names users really lose.
 */
export async function diffSpecFiles(oldSpec: string, newSpec: string): Promise<SpecDiff> {
  const [before, after] = await Promise.all([loadSpec(oldSpec), loadSpec(newSpec)]);
  const old = normalizeSpec(before, { unsafePatterns: "annotate" }).model;
  return diffSpecs(old, normalizeSpec(after, { unsafePatterns: "annotate", previousNames: recordNames(old) }).model);
}
