/**
 * The format tables: test/formats.test.ts runs them through the generator's own rules and the generated guards,
 * test/runtime/check-format.test.ts through the runtime's checks.
 */
export const DATE_TIMES: [string, boolean][] = [
  ["2025-04-01T12:22:26Z", true],
  ["2025-04-01T12:22:26.123Z", true],
  ["2025-04-01T12:22:26+05:30", true],
  ["2025-04-01T12:22:26-00:00", true],
  ["2025-04-01t12:22:26z", true],
  ["2024-02-29T00:00:00Z", true],
  ["2000-02-29T00:00:00Z", true],
  ["1900-02-29T00:00:00Z", false],
  ["2025-02-29T00:00:00Z", false],
  ["2025-04-31T00:00:00Z", false],
  ["2025-13-01T00:00:00Z", false],
  ["2025-00-10T00:00:00Z", false],
  ["2025-04-00T00:00:00Z", false],
  ["2025-04-01T24:00:00Z", false],
  ["2025-04-01T23:60:00Z", false],
  ["2016-12-31T23:59:60Z", true],
  ["2016-12-31T18:59:60-05:00", true],
  ["2016-12-31T23:58:60Z", false],
  ["2025-04-01T12:22:26", false],
  ["2025-04-01 12:22:26", false],
  ["2025-04-01 12:22:26Z", false],
  ["2025-04-01T12:22Z", false],
  ["2025-04-01T12:22:26+0530", false],
  ["2025-04-01T12:22:26+24:00", false],
  ["2025-04-01T12:22:26.Z", false],
  ["2025-04-01", false],
  ["", false],
  [" 2025-04-01T12:22:26Z", false],
  ["2025-04-01T12:22:26Z\n", false],
  ["\u0662025-04-01T12:22:26Z", false],
];

export const DATES: [string, boolean][] = [
  ["2025-04-01", true],
  ["2024-02-29", true],
  ["2023-02-29", false],
  ["2025-4-1", false],
  ["2025-04-01T00:00:00Z", false],
  ["", false],
];

export const INT32S: [number, boolean][] = [
  [0, true],
  [-2147483648, true],
  [2147483647, true],
  [2147483648, false],
  [-2147483649, false],
  [1.5, false],
];
