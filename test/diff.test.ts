import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffSpecs, formatDiffJson, formatDiffMarkdown, formatDiffText, loadSpec, normalizeSpec } from "../src/index.js";
import { SPEC, removeTempDirs, runCli, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

type Spec = Record<string, any>;
const real = (): Spec => JSON.parse(readFileSync(SPEC, "utf8"));
const body = (spec: Spec, event: string) => spec.webhooks[event].post.requestBody.content["application/json"].schema;
const object = (spec: Spec, event: string) => body(spec, event).properties.payload.properties.object;

async function modelOf(spec: Spec) {
  const file = path.join(tempDir("cg-diff-"), "spec.json");
  writeFileSync(file, JSON.stringify(spec));
  return normalizeSpec(await loadSpec(file)).model;
}

/** One row per change kind: an edit of the real spec, and what the consumer-side diff must say about it. */
const CASES: { title: string; edit: (s: Spec) => void; kind: string; severity: "breaking" | "non-breaking"; event: string; pointer: string; bump: string }[] = [
  { title: "event removed", edit: (s) => delete s.webhooks["cobrowse.session_ended"], kind: "event-removed", severity: "breaking", event: "cobrowse.session_ended", pointer: "", bump: "major" },
  {
    title: "event added",
    edit: (s) => (s.webhooks["cobrowse.session_paused"] = JSON.parse(JSON.stringify(s.webhooks["cobrowse.session_started"]).replaceAll("session_started", "session_paused"))),
    kind: "event-added",
    severity: "non-breaking",
    event: "cobrowse.session_paused",
    pointer: "",
    bump: "minor",
  },
  {
    title: "required property removed",
    edit: (s) => {
      delete object(s, "cobrowse.session_ended").properties.end_time;
      object(s, "cobrowse.session_ended").required = ["session_id"];
      delete s.webhooks["cobrowse.session_ended"].post.requestBody.content["application/json"].examples;
    },
    kind: "property-removed",
    severity: "breaking",
    event: "cobrowse.session_ended",
    pointer: "/payload/object/end_time",
    bump: "major",
  },
  {
    title: "optional property removed",
    edit: (s) => {
      delete object(s, "cobrowse.session_ended").properties.session_pin;
      delete s.webhooks["cobrowse.session_ended"].post.requestBody.content["application/json"].examples;
    },
    kind: "property-removed",
    severity: "non-breaking",
    event: "cobrowse.session_ended",
    pointer: "/payload/object/session_pin",
    bump: "patch",
  },
  {
    title: "required becomes optional",
    edit: (s) => (object(s, "cobrowse.session_user_left").required = ["session_id", "user_connection_id", "leave_time"]),
    kind: "required-to-optional",
    severity: "breaking",
    event: "cobrowse.session_user_left",
    pointer: "/payload/object/user_id",
    bump: "major",
  },
  {
    title: "optional becomes required",
    edit: (s) => object(s, "cobrowse.session_user_left").required.push("user_name"),
    kind: "optional-to-required",
    severity: "non-breaking",
    event: "cobrowse.session_user_left",
    pointer: "/payload/object/user_name",
    bump: "patch",
  },
  {
    title: "type changed (widening)",
    edit: (s) => (body(s, "cobrowse.session_started").properties.event_ts.type = "number"),
    kind: "type-changed",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/event_ts",
    bump: "major",
  },
  {
    title: "type changed (to another type)",
    edit: (s) => {
      object(s, "cobrowse.session_started").properties.user_name = { type: "integer", description: "The user's display name." };
      delete s.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].examples;
    },
    kind: "type-changed",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/user_name",
    bump: "major",
  },
  {
    title: "enum value added",
    edit: (s) => object(s, "cobrowse.session_user_left").properties.leave_reason.enum.push("Removed by agent"),
    kind: "enum-value-added",
    severity: "breaking",
    event: "cobrowse.session_user_left",
    pointer: "/payload/object/leave_reason",
    bump: "major",
  },
  {
    title: "enum value removed",
    edit: (s) => object(s, "cobrowse.session_user_left").properties.leave_reason.enum.pop(),
    kind: "enum-value-removed",
    severity: "non-breaking",
    event: "cobrowse.session_user_left",
    pointer: "/payload/object/leave_reason",
    bump: "patch",
  },
  {
    title: "became nullable",
    edit: (s) => (object(s, "cobrowse.session_started").properties.user_name.type = ["string", "null"]),
    kind: "became-nullable",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/user_name",
    bump: "major",
  },
  {
    title: "format changed (between checked formats)",
    edit: (s) => (object(s, "cobrowse.session_started").properties.start_time.format = "date"),
    kind: "format-changed",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/start_time",
    bump: "major",
  },
  {
    title: "format removed (a checked one: widening)",
    edit: (s) => delete object(s, "cobrowse.session_started").properties.start_time.format,
    kind: "format-changed",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/start_time",
    bump: "major",
  },
  {
    title: "format added (narrowing)",
    edit: (s) => (object(s, "cobrowse.session_started").properties.user_id.format = "date-time"),
    kind: "format-changed",
    severity: "non-breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/user_id",
    bump: "patch",
  },
  {
    title: "an annotation-only format added",
    edit: (s) => (object(s, "cobrowse.session_started").properties.user_name.format = "email"),
    kind: "format-changed",
    severity: "non-breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/user_name",
    bump: "patch",
  },
  {
    title: "event summary changed",
    edit: (s) => (s.webhooks["cobrowse.session_started"].post.summary = "Session started"),
    kind: "summary-changed",
    severity: "non-breaking",
    event: "cobrowse.session_started",
    pointer: "",
    bump: "patch",
  },
  {
    title: "spec version changed",
    edit: (s) => (s.info.version = "1.1.0"),
    kind: "spec-info-changed",
    severity: "non-breaking",
    event: "",
    pointer: "",
    bump: "patch",
  },
  {
    title: "a bound added (narrowing)",
    edit: (s) => (object(s, "cobrowse.session_started").properties.user_name.maxLength = 64),
    kind: "bound-changed",
    severity: "non-breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/user_name",
    bump: "patch",
  },
  {
    title: "new optional property on a closed object",
    edit: (s) => (object(s, "cobrowse.session_started").properties.device = { type: "string" }),
    kind: "property-added",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/device",
    bump: "major",
  },
  {
    title: "new required property on a closed object",
    edit: (s) => {
      object(s, "cobrowse.session_started").properties.device = { type: "string" };
      object(s, "cobrowse.session_started").required.push("device");
      delete s.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].examples;
    },
    kind: "property-added",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/device",
    bump: "major",
  },
  {
    title: "closed object opened",
    edit: (s) => (object(s, "cobrowse.session_started").additionalProperties = true),
    kind: "object-opened",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object",
    bump: "major",
  },
  {
    title: "description changed",
    edit: (s) => (object(s, "cobrowse.session_started").properties.user_name.description = "The display name."),
    kind: "description-changed",
    severity: "non-breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/user_name",
    bump: "patch",
  },
  {
    title: "example changed",
    edit: (s) => {
      const examples = s.webhooks["cobrowse.session_ended"].post.requestBody.content["application/json"].examples;
      examples["json-example"].value = examples["json-example"].value.replace("987536", "111111");
    },
    kind: "example-changed",
    severity: "non-breaking",
    event: "cobrowse.session_ended",
    pointer: "",
    bump: "patch",
  },
  {
    // A narrowing, but regenerated guards run a new regular expression on untrusted input: reviewed as breaking.
    title: "pattern added",
    edit: (s) => (object(s, "cobrowse.session_started").properties.user_name.pattern = "^.+$"),
    kind: "pattern-changed",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/user_name",
    bump: "major",
  },
  {
    title: "type widened to a union",
    edit: (s) => (object(s, "cobrowse.session_started").properties.user_name.type = ["string", "integer"]),
    kind: "type-changed",
    severity: "breaking",
    event: "cobrowse.session_started",
    pointer: "/payload/object/user_name",
    bump: "major",
  },
];

describe("consumer-side classification", () => {
  it.each(CASES)("$title → $severity $kind at $pointer, semver $bump", async ({ edit, kind, severity, event, pointer, bump }) => {
    const after = real();
    edit(after);
    const diff = diffSpecs(await modelOf(real()), await modelOf(after));
    expect(diff.changes).toContainEqual(expect.objectContaining({ kind, severity, event, pointer }));
    // Example edits made along the way are the only other changes allowed.
    expect(diff.changes.filter((c) => c.kind !== kind && c.kind !== "example-changed")).toEqual([]);
    expect(diff.summary.bump).toBe(bump);
  });

  it("compares unions variant by variant, and calls a new variant breaking", async () => {
    const withUnion = (variants: unknown[]) => {
      const spec = real();
      object(spec, "cobrowse.session_started").properties.user_name = { anyOf: variants };
      delete spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].examples;
      return spec;
    };
    const two = await modelOf(withUnion([{ type: "string" }, { type: "integer" }]));
    const three = await modelOf(withUnion([{ type: "string" }, { type: "integer" }, { type: "boolean" }]));
    const narrowed = await modelOf(withUnion([{ type: "string", maxLength: 9 }, { type: "integer" }]));
    expect(diffSpecs(two, three).changes).toEqual([expect.objectContaining({ kind: "union-changed", severity: "breaking", pointer: "/payload/object/user_name" })]);
    expect(diffSpecs(two, narrowed).changes).toEqual([expect.objectContaining({ kind: "bound-changed", severity: "non-breaking", pointer: "/payload/object/user_name/anyOf/0" })]);
  });

  it.each([
    ["changed", "^[a-z]+$", "^[a-z0-9]+$", "breaking"],
    // A loosening: the old guards reject values the new spec allows.
    ["removed", "^[a-z]+$", undefined, "breaking"],
    ["added", undefined, "^[a-z]+$", "breaking"],
  ] as const)("a pattern %s (%s → %s) is %s", async (_title, was, now, severity) => {
    const withPattern = (pattern: string | undefined) => {
      const spec = real();
      if (pattern !== undefined) object(spec, "cobrowse.session_started").properties.user_name.pattern = pattern;
      delete spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].examples;
      return spec;
    };
    const diff = diffSpecs(await modelOf(withPattern(was)), await modelOf(withPattern(now)));
    expect(diff.changes).toEqual([expect.objectContaining({ kind: "pattern-changed", severity, pointer: "/payload/object/user_name" })]);
  });

  it("shows a new pattern that backtracks exponentially (without running it) and says generation refuses it", () => {
    const dir = tempDir("cg-diff-unsafe-");
    const after = real();
    object(after, "cobrowse.session_started").properties.user_name.pattern = "^(a+)+$";
    writeFileSync(path.join(dir, "new.json"), JSON.stringify(after));
    const run = runCli(["diff", SPEC, path.join(dir, "new.json"), "--format", "json"]);
    expect(run.status, run.stderr).toBe(1);
    const change = (JSON.parse(run.stdout) as { changes: { kind: string; severity: string; note?: string }[] }).changes.find((c) => c.kind === "pattern-changed");
    expect(change).toMatchObject({ severity: "breaking" });
    expect(change?.note).toMatch(/backtracks exponentially: generation refuses it/);
  });

  it("finds no change between the two shapes of the same spec, and between a spec and itself", async () => {
    const model = await modelOf(real());
    expect(diffSpecs(model, model)).toMatchObject({ changes: [], summary: { breaking: 0, nonBreaking: 0, bump: "none" } });
    const docsPage = normalizeSpec(await loadSpec(path.join(path.dirname(SPEC), "../test/specs/cobrowse-events-page-openapi.json"))).model;
    expect(diffSpecs(model, docsPage).changes).toEqual([]);
  });
});

describe("diff output formats (golden)", () => {
  const edited = () => {
    const after = real();
    for (const row of CASES.filter((c) => ["event added", "enum value added", "required becomes optional", "new optional property on a closed object", "optional becomes required"].includes(c.title))) row.edit(after);
    return after;
  };

  it.each([
    ["text", (d: ReturnType<typeof diffSpecs>) => formatDiffText(d), "diff.txt"],
    ["markdown", (d: ReturnType<typeof diffSpecs>) => formatDiffMarkdown(d), "diff.md"],
    ["json", (d: ReturnType<typeof diffSpecs>) => formatDiffJson(d), "diff.json"],
  ] as const)("%s", async (_, format, file) => {
    const diff = diffSpecs(await modelOf(real()), await modelOf(edited()));
    await expect(format(diff)).toMatchFileSnapshot(`golden/diff/${file}.snap`);
  });

  it("colours the text format only when asked (a TTY)", async () => {
    const diff = diffSpecs(await modelOf(real()), await modelOf(edited()));
    expect(formatDiffText(diff, true)).toContain("\u001b[31m");
    expect(formatDiffText(diff, false)).not.toContain("\u001b[");
  });
});

describe("cobrowse-gen diff (CLI)", () => {
  const files = () => {
    const dir = tempDir("cg-diff-cli-");
    const breaking = real();
    object(breaking, "cobrowse.session_user_left").properties.leave_reason.enum.push("Removed by agent");
    const additive = real();
    object(additive, "cobrowse.session_user_left").properties.leave_reason.enum.pop();
    for (const [name, spec] of [["breaking.json", breaking], ["additive.json", additive]] as const) writeFileSync(path.join(dir, name), JSON.stringify(spec));
    return { breaking: path.join(dir, "breaking.json"), additive: path.join(dir, "additive.json") };
  };

  it.each([
    ["breaking", "breaking", 1],
    ["breaking", "none", 0],
    ["additive", "breaking", 0],
    ["additive", "any", 1],
    ["additive", "none", 0],
  ] as const)("%s change with --fail-on %s exits %i", (which, failOn, status) => {
    const run = runCli(["diff", SPEC, files()[which], "--fail-on", failOn]);
    expect(run.status, run.stderr).toBe(status);
    expect(run.stdout).toMatch(/Cobrowse SDK 1\.0\.0 → Cobrowse SDK 1\.0\.0/);
  });

  it("prints markdown and JSON, and exits 2 on bad input", () => {
    const { breaking } = files();
    expect(runCli(["diff", SPEC, breaking, "--format", "markdown"]).stdout).toMatch(/^### Zoom webhook spec/);
    const json = JSON.parse(runCli(["diff", SPEC, breaking, "--format", "json", "--fail-on", "none"]).stdout);
    expect(json).toMatchObject({ schemaVersion: 1, summary: { breaking: 1, bump: "major" }, changes: [{ kind: "enum-value-added" }] });
    expect(runCli(["diff", SPEC, "/nonexistent.json"]).status).toBe(2);
    // Bytes that are not UTF-8 are refused as generate refuses them, not read as U+FFFD.
    const latin1 = path.join(path.dirname(breaking), "latin1.json");
    writeFileSync(latin1, Buffer.from(readFileSync(SPEC, "utf8").replace("Cobrowse", "Cobrows\u00e9"), "latin1"));
    const invalid = runCli(["diff", SPEC, latin1]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/not valid UTF-8[\s\S]*latin1\.json:\d+:\d+/);
    expect(runCli(["diff", SPEC]).status).toBe(2);
    expect(runCli(["diff", SPEC, breaking, "--format", "yaml"]).status).toBe(2);
  });

  it("compares specs it could not synthesize fixtures for (diff reads the model only)", () => {
    const dir = tempDir();
    // A lookahead is beyond the pattern sampler: generation needs an example here, diff does not.
    // Satisfiable ("12345678"), but the sampler ignores the lookahead and draws from all of [a-z\d]: eight digits in a
    // row from its few attempts are as good as impossible, so generation stops at the pattern (exit 2).
    const spec = (extra: Record<string, unknown>) => ({
      openapi: "3.1.0",
      info: { title: "P", version: "1.0.0" },
      webhooks: {
        "p.e": {
          post: {
            requestBody: {
              content: {
                "application/json": {
                  schema: { type: "object", required: ["event", "id"], properties: { event: { type: "string" }, id: { type: "string", pattern: "^(?=\\d{8}$)[a-z\\d]{8}$" }, ...extra } },
                },
              },
            },
            responses: { "200": { description: "ok" } },
          },
        },
      },
    });
    const [before, after] = [path.join(dir, "a.json"), path.join(dir, "b.json")];
    writeFileSync(before, JSON.stringify(spec({})));
    writeFileSync(after, JSON.stringify(spec({ name: { type: "string" } })));
    expect(runCli([before, "--out", path.join(dir, "out")]).status).toBe(2);
    const run = runCli(["diff", before, after]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/non-breaking {2}New optional property \/name\./);
  });
});

describe("bounds", () => {
  it("loosening a bound is breaking, tightening it is not", async () => {
    const tight = real();
    object(tight, "cobrowse.session_started").properties.user_name.maxLength = 20;
    const loose = real();
    object(loose, "cobrowse.session_started").properties.user_name.maxLength = 64;
    const [a, b] = [await modelOf(tight), await modelOf(loose)];
    expect(diffSpecs(a, b).changes).toMatchObject([{ kind: "bound-changed", severity: "breaking" }]);
    expect(diffSpecs(b, a).changes).toMatchObject([{ kind: "bound-changed", severity: "non-breaking" }]);
  });
});
