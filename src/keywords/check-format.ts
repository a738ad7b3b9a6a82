/**
 * `format`: the formats the guards check (date-time, date, int32, int64, uint64), each on the kinds it is checked
 * for. Every other format, and a checked one on another kind, is an annotation, as JSON Schema 2020-12 treats
 * `format` by default: it is kept in the model (types and docs show it) and warned about once.
 */
import { joinPointer } from "../model/json-pointer.js";
import { isDate, isDateTime, isInt32 } from "../model/formats.js";
import type { SchemaNode } from "../model/model.js";
import { guard, type GuardExpression, type InvalidValue, type Keyword, type KeywordCheck, type SynthesisTime } from "./keyword.js";
import { markdownText } from "../emit/escape-markdown.js";

export interface FormatFields {
  readonly format?: string;
}

type FormatKind = "string" | "integer" | "number";

/** One test of a format: the interpreter's and the guards' versions of the same failing condition. */
interface FormatTest {
  fails(value: unknown): boolean;
  readonly test: GuardExpression;
}

interface CheckedFormat {
  /** The tests, by the kinds the format is checked on (none on an integer for int64: the type says it all). */
  readonly tests: Readonly<Partial<Record<FormatKind, readonly FormatTest[]>>>;
  /** The invalid fixture's value and label, by kind. */
  readonly broken?: Readonly<Partial<Record<FormatKind, { readonly value: unknown; readonly label: string }>>>;
  /** A valid value telling `time`, where the format alone decides what the value looks like. */
  make?(time: SynthesisTime): string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");

const notInt32: FormatTest = { fails: (v) => !isInt32(v as number), test: guard.not(guard.call(["isInt32"], guard.value())) };
const fraction: FormatTest = { fails: (v) => !Number.isInteger(v), test: guard.not(guard.call(["Number", "isInteger"], guard.value())) };
const negative: FormatTest = { fails: (v) => (v as number) < 0, test: guard.compare("<", guard.value("number"), guard.number(0)) };

/** In the order the unchecked-format warning lists them. */
export const CHECKED_FORMATS: Readonly<Record<string, CheckedFormat>> = {
  "date-time": {
    tests: { string: [{ fails: (v) => !isDateTime(v as string), test: guard.not(guard.call(["isDateTime"], guard.value())) }] },
    broken: { string: { value: "2025-04-01 12:22:26", label: "a date-time without T and zone" } },
    make: (time) => iso(time.field),
  },
  date: {
    tests: { string: [{ fails: (v) => !isDate(v as string), test: guard.not(guard.call(["isDate"], guard.value())) }] },
    broken: { string: { value: "2025-02-30", label: "a date that does not exist" } },
    // The event's day, also for a start date: what synthesis has always written.
    make: (time) => iso(time.event).slice(0, 10),
  },
  int32: {
    tests: { integer: [notInt32], number: [notInt32] },
    broken: { integer: { value: 2147483648, label: "an integer beyond int32" }, number: { value: 2147483648, label: "an integer beyond int32" } },
  },
  int64: { tests: { integer: [], number: [fraction] }, broken: { number: { value: 1.5, label: "a fraction" } } },
  uint64: { tests: { integer: [negative], number: [fraction, negative] } },
};

const checkedFormat = (format: string): CheckedFormat | undefined => (Object.hasOwn(CHECKED_FORMATS, format) ? CHECKED_FORMATS[format] : undefined);

/** Whether the guards check `format` on a node of `kind`. */
export function isCheckedFormat(format: string, kind: string): boolean {
  return checkedFormat(format)?.tests[kind as FormatKind] !== undefined;
}

const formatOf = (node: SchemaNode): string | undefined => (node.kind === "string" || node.kind === "integer" || node.kind === "number" ? node.format : undefined);

export const formatKeyword: Keyword = {
  name: "format",
  keywords: ["format"],
  kinds: ["string", "integer", "number"],
  perType: false,
  refinesType: true,
  read(schema, kind, pointer, ctx) {
    // A format that is not a string says nothing JSON Schema defines: ignored.
    if (typeof schema.format !== "string") return {};
    const format = schema.format;
    const exempt = (kind === "number" || kind === "integer") && (format === "float" || format === "double");
    if (!isCheckedFormat(format, kind) && !exempt) {
      ctx.warnings.push({
        code: "unchecked-format",
        message: `Format "${format}" on a ${kind} is an annotation only: the guards do not check it.`,
        file: ctx.file,
        pointer: joinPointer(pointer, "format"),
        hint: `Checked formats: ${Object.keys(CHECKED_FORMATS).join(", ")}.`,
      });
    }
    // An empty format names nothing: warned about, not kept.
    return format !== "" && (kind === "string" || kind === "integer" || kind === "number") ? { format } : {};
  },
  write(node) {
    const format = formatOf(node);
    return format !== undefined ? { format } : {};
  },
  checks(node) {
    const format = formatOf(node);
    if (format === undefined) return [];
    const tests = checkedFormat(format)?.tests[node.kind as FormatKind] ?? [];
    return tests.map(
      ({ fails, test }): KeywordCheck => ({ keyword: "format", code: "invalid_format", expected: undefined, message: `expected ${format}`, fails, test }),
    );
  },
  make(node, time) {
    const format = formatOf(node);
    if (format === undefined || !isCheckedFormat(format, node.kind)) return undefined;
    return checkedFormat(format)?.make?.(time);
  },
  invalid(node) {
    const format = formatOf(node);
    if (format === undefined) return [];
    const broken = checkedFormat(format)?.broken?.[node.kind as FormatKind];
    const out: InvalidValue[] = [];
    if (broken !== undefined) out.push({ name: "bad-format", says: `is ${broken.label}`, code: "invalid_format", value: broken.value });
    return out;
  },
  diff(before, after, at) {
    const was = formatOf(before);
    const now = formatOf(after);
    if (was === now) return [];
    const message = `The format of ${at} changed from ${was ?? "none"} to ${now ?? "none"}.`;
    const checked = (format: string | undefined) => format !== undefined && checkedFormat(format) !== undefined;
    if (!checked(was) && !checked(now)) return [{ kind: "format-changed", severity: "non-breaking", message, note: "Both are annotations: no guard checks them." }];
    if (was === undefined) return [{ kind: "format-changed", severity: "non-breaking", message, note: "A narrowing: values of the new format passed the old guards too." }];
    return [{ kind: "format-changed", severity: "breaking", message, note: "Values valid under the new format can fail the old guards." }];
  },
  docs: (node) => {
    const format = formatOf(node);
    return format ? markdownText(format) : undefined;
  },
};
