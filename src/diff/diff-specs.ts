import { pointerFromPath } from "../model/json-pointer.js";
import { DIFF_ORDER, type KeywordChangeKind } from "../keywords/index.js";
import type { EventModel, SchemaNode, SpecModel } from "../model/model.js";
import { compareCodePoints } from "../model/naming.js";
import { shapeFingerprint } from "../normalize/name-shapes.js";

/**
 * Compares two normalized specs from the consumer's side: will code that receives these webhooks, with types and
 * guards generated from the old spec, break on events sent under the new one? Sender-side tools call a new enum value
 * or a property that became optional harmless; for a receiver both are breaking.
 */

export type ChangeSeverity = "breaking" | "non-breaking";

export type ChangeKind =
  | "event-removed"
  | "event-added"
  | "property-removed"
  | "property-added"
  | "required-to-optional"
  | "optional-to-required"
  | "type-changed"
  | "became-nullable"
  | "no-longer-nullable"
  | "enum-value-added"
  | "enum-value-removed"
  | "enum-removed"
  | "enum-added"
  | "object-opened"
  | "object-closed"
  | "union-changed"
  | "description-changed"
  | "summary-changed"
  | "example-changed"
  | "spec-info-changed"
  | "type-removed"
  | "type-renamed"
  | "event-type-renamed"
  // format-changed, bound-changed, pattern-changed: what the value keywords in src/keywords/ report.
  | KeywordChangeKind;

export interface SpecChange {
  readonly kind: ChangeKind;
  readonly severity: ChangeSeverity;
  /** The event name. */
  readonly event: string;
  /** JSON pointer into the event payload ("" for the whole event). */
  readonly pointer: string;
  readonly message: string;
  /** What it means for a deployed receiver, where that is not obvious. */
  readonly note?: string;
}

export type SemverBump = "major" | "minor" | "patch" | "none";

export interface SpecDiff {
  readonly old: { readonly title: string; readonly version: string };
  readonly new: { readonly title: string; readonly version: string };
  readonly changes: readonly SpecChange[];
  readonly summary: { readonly breaking: number; readonly nonBreaking: number; readonly bump: SemverBump };
}

/** Non-breaking changes that add to the API (minor); every other non-breaking change is a patch. */
const ADDITIONS: ReadonlySet<ChangeKind> = new Set(["event-added", "property-added"]);

/** major for anything breaking, minor for additions, patch for other changes, none when nothing changed. */
export function semverBump(changes: readonly SpecChange[]): SemverBump {
  if (changes.some((c) => c.severity === "breaking")) return "major";
  if (changes.some((c) => ADDITIONS.has(c.kind))) return "minor";
  return changes.length > 0 ? "patch" : "none";
}

export function bumpVersion(version: string, bump: SemverBump): string {
  const match = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(version);
  if (match === null) return bumpVersion("0.0.0", bump);
  if (bump === "none") return version;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // As semver bumps a prerelease: 1.2.3-beta.1 is released as 1.2.3 by a patch, 1.2.0-beta by a minor, 2.0.0-rc by a
  // major, since the prerelease already precedes that version.
  const pre = match[4] !== undefined;
  if (bump === "major") return pre && minor === 0 && patch === 0 ? `${major}.0.0` : `${major + 1}.0.0`;
  if (bump === "minor") return pre && patch === 0 ? `${major}.${minor}.0` : `${major}.${minor + 1}.0`;
  return pre ? `${major}.${minor}.${patch}` : `${major}.${minor}.${patch + 1}`;
}

function typeLabel(node: SchemaNode): string {
  if (node.kind === "union") return `${node.mode} of ${node.variants.map(typeLabel).join(", ")}`;
  return node.kind === "array" ? `array of ${typeLabel(node.items)}` : node.kind;
}

const GUARD_NOTE = 'Deployed guards in "reject" mode refuse events that carry it; "allow" mode (the receiver default) tolerates it.';

function compareNodes(event: string, path: string[], before: SchemaNode, after: SchemaNode, out: SpecChange[]): void {
  const pointer = pointerFromPath(path);
  const at = pointer || "the event";
  const add = (kind: ChangeKind, severity: ChangeSeverity, message: string, note?: string) =>
    out.push({ kind, severity, event, pointer, message, ...(note ? { note } : {}) });

  if ((before.description ?? "") !== (after.description ?? "")) add("description-changed", "non-breaking", `The description of ${at} changed.`);
  if (before.nullable !== after.nullable) {
    if (after.nullable) add("became-nullable", "breaking", `${at} can now be null.`, "Code that reads it as non-null breaks at run time; regenerated types say so.");
    else add("no-longer-nullable", "non-breaking", `${at} can no longer be null.`);
  }
  if (before.kind !== after.kind) {
    // Only integer → number narrows the other way round; every other change lets values through old code rejects.
    const narrowing = before.kind === "number" && after.kind === "integer";
    add("type-changed", narrowing ? "non-breaking" : "breaking", `The type of ${at} changed from ${typeLabel(before)} to ${typeLabel(after)}.`);
    return;
  }
  const keywordChanges = (refinesType: boolean) => {
    for (const keyword of DIFF_ORDER) {
      if (keyword.refinesType !== refinesType) continue;
      for (const change of keyword.diff(before, after, at)) add(change.kind, change.severity, change.message, change.note);
    }
  };
  // A format refines the type: reported with it, before the enum; the other value keywords after.
  keywordChanges(true);
  const beforeEnum = "enum" in before ? (before.enum as readonly unknown[] | undefined) : undefined;
  const afterEnum = "enum" in after ? (after.enum as readonly unknown[] | undefined) : undefined;
  if (beforeEnum && !afterEnum) add("enum-removed", "breaking", `${at} is no longer limited to ${beforeEnum.length} values.`, "A closed union in your code no longer covers what Zoom may send.");
  if (!beforeEnum && afterEnum) add("enum-added", "non-breaking", `${at} is now limited to ${afterEnum.map((v) => JSON.stringify(v)).join(", ")}.`);
  if (beforeEnum && afterEnum) {
    for (const value of afterEnum) {
      if (!beforeEnum.includes(value)) {
        add("enum-value-added", "breaking", `${at} has a new value ${JSON.stringify(value)}.`, "A switch over the old values misses it, and old guards reject it.");
      }
    }
    for (const value of beforeEnum) if (!afterEnum.includes(value)) add("enum-value-removed", "non-breaking", `${at} no longer takes ${JSON.stringify(value)}.`);
  }
  keywordChanges(false);
  if (before.kind === "union" && after.kind === "union") {
    if (before.mode !== after.mode || before.variants.length !== after.variants.length) {
      add("union-changed", "breaking", `${at} changed from ${typeLabel(before)} to ${typeLabel(after)}.`, "Values the old guards reject can now be sent.");
    } else {
      before.variants.forEach((variant, index) => compareNodes(event, [...path, before.mode, String(index)], variant, after.variants[index]!, out));
    }
  }
  if (before.kind === "array" && after.kind === "array") {
    const prefix = Math.max(before.prefixItems?.length ?? 0, after.prefixItems?.length ?? 0);
    for (let index = 0; index < prefix; index++) {
      compareNodes(event, [...path, String(index)], before.prefixItems?.[index] ?? before.items, after.prefixItems?.[index] ?? after.items, out);
    }
    compareNodes(event, [...path, "*"], before.items, after.items, out);
  }
  if (before.kind === "object" && after.kind === "object") {
    if (!before.additionalProperties && after.additionalProperties) add("object-opened", "breaking", `${at} now allows properties the spec does not define.`, GUARD_NOTE);
    if (before.additionalProperties && !after.additionalProperties) add("object-closed", "non-breaking", `${at} no longer allows undefined properties.`);
    const afterByName = new Map(after.properties.map((p) => [p.name, p]));
    const beforeByName = new Map(before.properties.map((p) => [p.name, p]));
    for (const property of before.properties) {
      const next = afterByName.get(property.name);
      const child = pointerFromPath([...path, property.name]);
      if (next === undefined) {
        out.push(
          property.required
            ? { kind: "property-removed", severity: "breaking", event, pointer: child, message: `Required property ${child} was removed.`, note: "Code that reads it gets undefined; old guards reject events without it." }
            : { kind: "property-removed", severity: "non-breaking", event, pointer: child, message: `Optional property ${child} was removed.`, note: "Code that reads it breaks at compile time after regenerating; events still pass old guards." },
        );
        continue;
      }
      if (property.required && !next.required) {
        out.push({ kind: "required-to-optional", severity: "breaking", event, pointer: child, message: `${child} is no longer required.`, note: "Code that assumes it is present breaks; old guards reject events without it." });
      }
      if (!property.required && next.required) out.push({ kind: "optional-to-required", severity: "non-breaking", event, pointer: child, message: `${child} is now required.` });
      compareNodes(event, [...path, property.name], property.schema, next.schema, out);
    }
    for (const property of after.properties) {
      if (beforeByName.has(property.name)) continue;
      const child = pointerFromPath([...path, property.name]);
      const closed = !before.additionalProperties;
      out.push({
        kind: "property-added",
        severity: closed ? "breaking" : "non-breaking",
        event,
        pointer: child,
        message: `New ${property.required ? "required" : "optional"} property ${child}${closed ? " on a closed object" : ""}.`,
        ...(closed ? { note: GUARD_NOTE } : {}),
      });
    }
  }
}

function compareEvents(before: EventModel, after: EventModel, out: SpecChange[]): void {
  compareNodes(before.name, [], before.body, after.body, out);
  if ((before.description ?? "") !== (after.description ?? "")) {
    out.push({ kind: "description-changed", severity: "non-breaking", event: before.name, pointer: "", message: `The description of ${before.name} changed.` });
  }
  if ((before.summary ?? "") !== (after.summary ?? "")) {
    out.push({ kind: "summary-changed", severity: "non-breaking", event: before.name, pointer: "", message: `The summary of ${before.name} changed.` });
  }
  if (JSON.stringify(before.examples.map((e) => e.value)) !== JSON.stringify(after.examples.map((e) => e.value))) {
    out.push({ kind: "example-changed", severity: "non-breaking", event: before.name, pointer: "", message: `The examples of ${before.name} changed.` });
  }
}

const IMPORT_NOTE = "Code that imports it stops compiling after regenerating.";

/**
 * Exported names that go: a type name of the old package that the new one lacks (renamed when the same shape, or the
 * shape at the same place, now has another name), an event type renamed. Compare with the new model normalized with
 * the old one's names (previousNames), as regenerating does, so that only names that really go are reported.
 */
function compareNames(before: SpecModel, after: SpecModel, out: SpecChange[]): void {
  const afterShapes = new Map<string, string>();
  const afterByShape = new Map<string, string>();
  const afterByPointer = new Map<string, string>();
  for (const t of after.namedTypes) {
    const shape = shapeFingerprint(t.schema);
    afterShapes.set(t.name, shape);
    if (!afterByShape.has(shape)) afterByShape.set(shape, t.name);
    if (!afterByPointer.has(t.pointer)) afterByPointer.set(t.pointer, t.name);
  }
  for (const t of [...before.namedTypes].sort((a, b) => compareCodePoints(a.name, b.name))) {
    const shape = shapeFingerprint(t.schema);
    const movedTo = afterByShape.get(shape);
    // A name kept, by its shape or by a changed shape in its place (the event's changes say how); a name that now
    // means another shape while its own went elsewhere (a model not normalized with previousNames) is a rename.
    if (afterShapes.has(t.name) && (afterShapes.get(t.name) === shape || movedTo === undefined)) continue;
    const renamed = movedTo ?? afterByPointer.get(t.pointer);
    out.push(
      renamed === undefined
        ? { kind: "type-removed", severity: "breaking", event: "", pointer: "", message: `Type ${t.name} is no longer exported (its shape is gone).`, note: IMPORT_NOTE }
        : { kind: "type-renamed", severity: "breaking", event: "", pointer: "", message: `Type ${t.name} is renamed to ${renamed}.`, note: IMPORT_NOTE },
    );
  }
  const afterTypeNames = new Map(after.events.map((e) => [e.name, e.typeName]));
  for (const e of before.events) {
    const renamed = afterTypeNames.get(e.name);
    if (renamed === undefined || renamed === e.typeName) continue;
    out.push({
      kind: "event-type-renamed",
      severity: "breaking",
      event: e.name,
      pointer: "",
      message: `The type ${e.typeName} of ${e.name} is renamed to ${renamed} (and is${e.typeName}, validate${e.typeName} with it).`,
      note: IMPORT_NOTE,
    });
  }
}

export function diffSpecs(before: SpecModel, after: SpecModel): SpecDiff {
  const changes: SpecChange[] = [];
  compareNames(before, after, changes);
  const afterByName = new Map(after.events.map((e) => [e.name, e]));
  const beforeByName = new Map(before.events.map((e) => [e.name, e]));
  for (const event of before.events) {
    const next = afterByName.get(event.name);
    if (next === undefined) {
      changes.push({ kind: "event-removed", severity: "breaking", event: event.name, pointer: "", message: `Event ${event.name} was removed.`, note: "Its handler and types disappear after regenerating." });
    } else {
      compareEvents(event, next, changes);
    }
  }
  for (const event of after.events) {
    if (!beforeByName.has(event.name)) {
      changes.push({ kind: "event-added", severity: "non-breaking", event: event.name, pointer: "", message: `New event ${event.name}.`, note: "Until you handle it, createWebhookHandler passes it to onUnknownEvent." });
    }
  }
  if (before.title !== after.title || before.version !== after.version || (before.description ?? "") !== (after.description ?? "")) {
    changes.push({
      kind: "spec-info-changed",
      severity: "non-breaking",
      event: "",
      pointer: "",
      message: `The spec's info changed (${before.title} ${before.version} → ${after.title} ${after.version}).`,
    });
  }
  changes.sort((a, b) => compareCodePoints(a.event, b.event) || (a.severity === b.severity ? 0 : a.severity === "breaking" ? -1 : 1) || compareCodePoints(a.pointer, b.pointer));
  const breaking = changes.filter((c) => c.severity === "breaking").length;
  return {
    old: { title: before.title, version: before.version },
    new: { title: after.title, version: after.version },
    changes,
    summary: { breaking, nonBreaking: changes.length - breaking, bump: semverBump(changes) },
  };
}
