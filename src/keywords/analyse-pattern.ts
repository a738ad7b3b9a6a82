/**
 * How long a JSON Schema pattern can take on a hostile string, as the guards run it (`new RegExp(source, "u")`,
 * `.test`). A pattern that backtracks exponentially (`^(a+)+$`) stops the event loop for seconds on thirty
 * characters: a receiver that checks it blocks every other request meanwhile. The analysis is scslre's (the regex
 * analyser behind eslint-plugin-regexp), not ours: catastrophic backtracking is a research problem, and a maintained
 * analyser knows cases a hand-written heuristic would miss.
 */
import { analyse } from "scslre";

/** The guards' RegExp flags; analysis, check-value and the emitted guards all compile with these. */
export const PATTERN_FLAGS = "u";

export type Backtracking = "linear" | "polynomial" | "exponential";

export interface PatternAnalysis {
  /** The worst case: exponential, polynomial (quadratic or worse), or none found. */
  readonly worst: Backtracking;
  /** A character that, repeated, makes the pattern backtrack (then a character that fails it ends the attack string). */
  readonly attack?: string;
  /** A pattern that scslre proves matches exactly the same strings without this backtracking, when it finds one. */
  readonly fix?: string;
}

/**
 * The worst backtracking of a pattern that compiles with PATTERN_FLAGS (see checkPattern). scslre reports causes
 * that need a single repeated character to attack, with a heuristic that the pattern is used as it is (not spliced
 * into another); that is how the guards use it.
 */
export function analysePattern(source: string): PatternAnalysis {
  const { reports } = analyse({ source, flags: PATTERN_FLAGS });
  const worst = reports.find((r) => r.exponential) ?? reports[0];
  if (worst === undefined) return { worst: "linear" };
  const fix = worst.fix();
  return {
    worst: worst.exponential ? "exponential" : "polynomial",
    attack: worst.character.pick,
    ...(fix !== undefined && fix.flags === PATTERN_FLAGS ? { fix: fix.source } : {}),
  };
}
