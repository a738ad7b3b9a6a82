import { diffSpecs, type SpecDiff } from "../diff/diff-specs.js";
import { loadSpec } from "../load/load-spec.js";
import { normalizeSpec } from "../normalize/normalize-spec.js";

/**
 * `cobrowse-gen diff`: load → normalize both specs, then compare the models from the receiver's side. Nothing is
 * synthesized or emitted: a spec the generator could not write fixtures for can still be compared.
 */
export async function diffSpecFiles(oldSpec: string, newSpec: string): Promise<SpecDiff> {
  const [before, after] = await Promise.all([loadSpec(oldSpec), loadSpec(newSpec)]);
  return diffSpecs(normalizeSpec(before).model, normalizeSpec(after).model);
}
