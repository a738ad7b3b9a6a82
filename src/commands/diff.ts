import { diffSpecs, type SpecDiff } from "../diff/diff-specs.js";
import { loadSpec } from "../load/load-spec.js";
import { normalizeSpec } from "../normalize/normalize-spec.js";

/**
 * `cobrowse-gen diff`: load → normalize both specs, then compare the models from the receiver's side. Nothing is
 * synthesized or emitted: a spec the generator could not write fixtures for can still be compared. A pattern that
 * backtracks exponentially is read as documentation (no regular expression runs), so that the diff can show it;
 * generating from that spec still refuses it.
 */
export async function diffSpecFiles(oldSpec: string, newSpec: string): Promise<SpecDiff> {
  const [before, after] = await Promise.all([loadSpec(oldSpec), loadSpec(newSpec)]);
  return diffSpecs(normalizeSpec(before, { unsafePatterns: "annotate" }).model, normalizeSpec(after, { unsafePatterns: "annotate" }).model);
}
