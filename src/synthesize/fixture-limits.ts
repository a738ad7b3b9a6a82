/**
 * What fixture synthesis is willing to build. A bound in a spec is a number, and a number costs nothing to write:
 * `minLength: 100000000` is a 100 MB string in every fixture, in fixtures.ts and in its JSON files (V8 gives up on
 * strings of about 2^29 characters and on heaps past its limit). The guards check such bounds whatever their size;
 * only the sample events are capped. Real Zoom specs stay far below each limit (their largest bound is a maxLength of
 * 2048 and a maxItems of 100; a whole spec's fixtures are about 2.5 MB of JSON).
 */

/**
 * Longest string a fixture holds, in code points. 65535 is a common maxLength (a TEXT column, a 16-bit length), so its
 * "one character too long" invalid fixture, 65536, must fit.
 */
export const MAX_STRING_LENGTH = 100_000;

/** Most items a fixture's array holds: 100 times Zoom's largest maxItems, and about what a test wants to read. */
export const MAX_ARRAY_ITEMS = 10_000;

/**
 * Largest fixture, in characters of its JSON: one event of a megabyte is far past any real webhook (Zoom caps a
 * payload well below it) and small enough to print, check and copy into several files.
 */
export const MAX_FIXTURE_SIZE = 1_000_000;

/**
 * All fixtures of a spec together, in characters of JSON: each is written about four times (its JSON file,
 * fixtures.ts, fixtures.js, and the catalogue's JSON text), so this keeps the package and the generator's memory
 * in the tens of megabytes; six times a whole real Zoom spec's fixtures.
 */
export const MAX_SPEC_FIXTURES_SIZE = 16_000_000;

/** A value synthesis will not build because it would pass a limit; `pointer` is the bound (or schema) that asks for it. */
export class FixtureTooLarge extends Error {
  constructor(
    readonly pointer: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export const LIMIT_HINT = "The guards still check this bound; only the sample events cannot hold such a value. Lower the bound if it is a mistake.";
