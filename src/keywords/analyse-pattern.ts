/**
 * How long a JSON Schema pattern can take on a hostile string, as the guards run it (`new RegExp(source, "u")`,
 * `.test`). A pattern that backtracks exponentially (`^(a+)+$`) stops the event loop for seconds on thirty
 * characters: a receiver that checks it blocks every other request meanwhile. The analysis is scslre's (the regex
 * analyser behind eslint-plugin-regexp), not ours: catastrophic backtracking is a research problem, and a maintained
 * analyser knows cases a hand-written heuristic would miss.
 */
import { RegExpParser, visitRegExpAST } from "@eslint-community/regexpp";
import { analyse } from "scslre";

/** The guards' RegExp flags; analysis, check-value and the emitted guards all compile with these. */
export const PATTERN_FLAGS = "u";

/**
 * scslre's own time grows steeply with the unbounded quantifiers it pairs up (12 nested over \p{L} take 2 s, 20 take
 * 10 s, 200 in a row 8 s, 1,000 minutes) and with the length: past these a pattern is not analysed, and so not
 * trusted. Real patterns (ids, emails, dates, URLs) have a handful of quantifiers and a few dozen characters; within
 * the limits an analysis takes at most about 2 s, mostly milliseconds.
 */
export const MAX_UNBOUNDED_QUANTIFIERS = 12;
export const MAX_ANALYSED_LENGTH = 5_000;

export type Backtracking = "linear" | "polynomial" | "exponential" | "unknown";

export interface PatternAnalysis {
  /** The worst case: exponential, polynomial (quadratic or worse), none found, or not analysed (`why`). */
  readonly worst: Backtracking;
  /** A character that, repeated, makes the pattern backtrack (then a character that fails it ends the attack string). */
  readonly attack?: string;
  /** A pattern that scslre proves matches exactly the same strings without this backtracking, when it finds one. */
  readonly fix?: string;
  /** Why a pattern was not analysed. */
  readonly why?: string;
}

/** A spec repeats its patterns (a shared schema is normalized at each use): each is analysed once. */
const analysed = new Map<string, PatternAnalysis>();

/**
 * The worst backtracking of a pattern that compiles with PATTERN_FLAGS (see checkPattern). scslre reports causes
 * that need a single repeated character to attack, with a heuristic that the pattern is used as it is (not spliced
 * into another); that is how the guards use it.
 */
export function analysePattern(source: string): PatternAnalysis {
  let analysis = analysed.get(source);
  if (analysis === undefined) analysed.set(source, (analysis = analyseOnce(source)));
  return analysis;
}

function analyseOnce(source: string): PatternAnalysis {
  if (source.length > MAX_ANALYSED_LENGTH) return { worst: "unknown", why: `it is ${source.length} characters long, more than ${MAX_ANALYSED_LENGTH}` };
  let reports;
  try {
    const parser = new RegExpParser();
    const pattern = parser.parsePattern(source, 0, source.length, { unicode: true });
    let unbounded = 0;
    visitRegExpAST(pattern, { onQuantifierEnter: (q) => void (q.max === Infinity && unbounded++) });
    if (unbounded > MAX_UNBOUNDED_QUANTIFIERS) return { worst: "unknown", why: `it has ${unbounded} unbounded quantifiers, more than ${MAX_UNBOUNDED_QUANTIFIERS}` };
    reports = analyse({ pattern, flags: parser.parseFlags(PATTERN_FLAGS) }).reports;
  } catch (error) {
    // The parser and the analyser recurse: a pattern nested deeper than their stack cannot be analysed. Any other
    // failure of theirs (refa's automata have size limits) leaves the pattern as unknown, not the generator broken.
    if (error instanceof RangeError) return { worst: "unknown", why: "it is nested too deeply to analyse" };
    return { worst: "unknown", why: `the analyser failed (${(error as Error).message})` };
  }
  const worst = reports.find((r) => r.exponential) ?? reports[0];
  if (worst === undefined) return { worst: "linear" };
  const fix = worst.fix();
  return {
    worst: worst.exponential ? "exponential" : "polynomial",
    attack: worst.character.pick,
    ...(fix !== undefined && fix.flags === PATTERN_FLAGS ? { fix: fix.source } : {}),
  };
}
