import { markdownCell as cell, markdownCode as code, markdownText as text } from "../emit/escape-markdown.js";
import type { SpecDiff } from "./diff-specs.js";

export type DiffFormat = "text" | "markdown" | "json";

const COLORS = { red: "\u001b[31m", green: "\u001b[32m", bold: "\u001b[1m", dim: "\u001b[2m", reset: "\u001b[0m" };

/** For a terminal: one line per change, grouped by event, coloured when `color` is set (a TTY). */
export function formatDiffText(diff: SpecDiff, color = false): string {
  const c = (code: keyof typeof COLORS, text: string) => (color ? COLORS[code] + text + COLORS.reset : text);
  const lines = [
    c("bold", `${diff.old.title} ${diff.old.version} → ${diff.new.title} ${diff.new.version}: ${diff.summary.breaking} breaking, ${diff.summary.nonBreaking} non-breaking (semver: ${diff.summary.bump})`),
  ];
  let event = "";
  for (const change of diff.changes) {
    if (change.event !== event || lines.length === 1) {
      event = change.event;
      lines.push("", c("bold", event || "(the spec)"));
    }
    const mark = change.severity === "breaking" ? c("red", "  BREAKING     ") : c("green", "  non-breaking ");
    lines.push(`${mark} ${change.message}`);
    if (change.note) lines.push(c("dim", `                 ${change.note}`));
  }
  if (diff.changes.length === 0) lines.push("", "No changes.");
  return lines.join("\n") + "\n";
}

/** For a pull request body. */
export function formatDiffMarkdown(diff: SpecDiff): string {
  const lines = [
    `### Zoom webhook spec: ${text(`${diff.old.title} ${diff.old.version}`)} → ${text(`${diff.new.title} ${diff.new.version}`)}`,
    "",
    `**${diff.summary.breaking} breaking**, ${diff.summary.nonBreaking} non-breaking change(s) for receivers; generated package: **${diff.summary.bump}** version bump.`,
    "",
  ];
  if (diff.changes.length === 0) return lines.concat("No changes.", "").join("\n");
  lines.push("| | event | where | change | what it means |", "| --- | --- | --- | --- | --- |");
  for (const change of diff.changes) {
    lines.push(
      `| ${change.severity === "breaking" ? "🔴 breaking" : "🟢 non-breaking"} | ${change.event ? cell(code(change.event)) : "(the spec)"} | ${cell(code(change.pointer))} | ${cell(text(change.message))} | ${cell(text(change.note ?? ""))} |`,
    );
  }
  return lines.concat("").join("\n");
}

/**
 * Stable machine-readable shape (documented in the README): `{ schemaVersion: 1, old, new, summary: { breaking,
 * nonBreaking, bump }, changes: [{ kind, severity, event, pointer, message, note? }] }`.
 */
export function formatDiffJson(diff: SpecDiff): string {
  return JSON.stringify({ schemaVersion: 1, ...diff }, null, 2) + "\n";
}

export function formatDiff(diff: SpecDiff, format: DiffFormat, color = false): string {
  return format === "json" ? formatDiffJson(diff) : format === "markdown" ? formatDiffMarkdown(diff) : formatDiffText(diff, color);
}
