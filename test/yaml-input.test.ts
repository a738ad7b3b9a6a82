import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { buildPackage, CobrowseGenError, loadSpecText, type BuildResult } from "../src/index.js";
import { isYamlSpec, parseYaml } from "../src/load/parse-yaml.js";
import { KITCHEN_SINK_SPEC, SPEC, readTree, removeTempDirs, runCli, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

const realText = readFileSync(SPEC, "utf8");
const realYaml = stringify(JSON.parse(realText));

function errorOf(run: () => unknown): CobrowseGenError {
  try {
    run();
  } catch (error) {
    if (error instanceof CobrowseGenError) return error;
    throw error;
  }
  throw new Error("expected a CobrowseGenError");
}

/** Nine levels of nine aliases: 9^9 strings if expanded. */
const billionLaughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
  .concat("bcdefghi".split("").map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`))
  .join("\n");

describe("which parser reads the spec", () => {
  it.each([
    ["a .yaml name", "{}", "spec.yaml", true],
    ["a .yml name", "[]", "spec.YML", true],
    ["YAML content under a .json name", "openapi: 3.1.0\n", "spec.json", true],
    ["YAML content after a BOM and blank lines", "\ufeff\n\n  openapi: 3.1.0\n", "https://example.com/spec", true],
    ["a document start marker", "---\nopenapi: 3.1.0\n", "spec", true],
    ["a comment", "# the spec\n{}", "spec.json", true],
    ["a JSON object", '\ufeff \n{"openapi": "3.1.0"}', "spec.json", false],
    ["a JSON array", "[1]", "https://example.com/spec", false],
    ["an empty file (JSON's error at 1:1, as before)", " \n", "spec.json", false],
  ])("%s", (_, text, file, yaml) => {
    expect(isYamlSpec(text, file)).toBe(yaml);
  });

  it("JSON still goes through the JSON path: its syntax error and its duplicate-key warning are unchanged", async () => {
    const error = await loadSpecText('{\n  "openapi": "3.1.0",\n  "info": }\n', "spec.json").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CobrowseGenError);
    expect((error as CobrowseGenError).diagnostics[0]).toMatchObject({ code: "invalid-json", position: { line: 3, column: 11 } });
    const twice = realText.replace('"webhooks": {', '"webhooks": {\n"cobrowse.session_started": {},');
    const loaded = await loadSpecText(twice, "spec.json");
    expect(loaded.warnings.filter((w) => w.code === "duplicate-key").map((w) => w.message)).toEqual([
      expect.stringMatching(/^The event "cobrowse\.session_started" is defined twice in `webhooks` \(at spec\.json:\d+:\d+ and spec\.json:\d+:\d+\); JSON keeps only the second/),
    ]);
  });
});

describe("parseYaml", () => {
  it.each([
    ["a block mapping", "openapi: 3.1.0\ninfo:\n  title: T\n", { openapi: "3.1.0", info: { title: "T" } }],
    ["core schema, not YAML 1.1 (yes, 0o17, 017, ~)", "%YAML 1.1\n---\na: yes\nb: 0o17\nc: 017\nd: ~\ne: 1e3\n", { a: "yes", b: 15, c: 17, d: null, e: 1000 }],
    ["scalar keys as written", "200: ok\n0x10: a\n~: b\ntrue: c\n'quoted': d\n", { "200": "ok", "0x10": "a", "~": "b", true: "c", quoted: "d" }],
    ["a quoted << is a key", "'<<': 1\n", { "<<": 1 }],
    ["__proto__ is an own key", "__proto__: {a: 1}\n", JSON.parse('{"__proto__": {"a": 1}}')],
    ["aliases become copies", "a: &x {k: v}\nb: *x\n", { a: { k: "v" }, b: { k: "v" } }],
    ["an alias means the anchor before it", "a: &x 1\nb: *x\nc: &x 2\nd: *x\n", { a: 1, b: 1, c: 2, d: 2 }],
    ["a BOM and flow (JSON-like) style", '\ufeff{"a": [1, 2.5, null, true]}', { a: [1, 2.5, null, true] }],
  ])("reads %s", (_, text, value) => {
    const { document, warnings } = parseYaml(text, "spec.yaml");
    expect(document).toStrictEqual(value);
    expect(warnings).toEqual([]);
  });

  it("copies an alias's value: no object is shared by two places", () => {
    const { document } = parseYaml("a: &x {k: [1]}\nb: *x\n", "spec.yaml") as { document: Record<string, any> };
    expect(document.a).not.toBe(document.b);
    expect(document.a.k).not.toBe(document.b.k);
  });

  it.each([
    ["a syntax error", "openapi: 3.1.0\ninfo: [1,\n", "invalid-yaml", { line: 3, column: 1 }, /^The spec is not valid YAML: Flow sequence/],
    ["a tab indent", "info:\n\ttitle: T\n", "invalid-yaml", { line: 2, column: 1 }, /not valid YAML/],
    ["a syntax error after a BOM", "\ufeffa: b: c\n", "invalid-yaml", { line: 1, column: 4 }, /not valid YAML/],
    ["two documents", "openapi: 3.1.0\n---\nopenapi: 3.1.0\n", "yaml-documents", { line: 2, column: 1 }, /holds 2 YAML documents; it must be exactly one/],
    ["a billion laughs", billionLaughs, "yaml-aliases", { line: 1, column: 1 }, /too many aliases/],
    ["a recursive alias", "a: &x [1, *x]\n", "yaml-aliases", { line: 1, column: 11 }, /inside its own anchor/],
    ["an alias with no anchor", "a: *x\n", "invalid-yaml", { line: 1, column: 4 }, /\*x has no anchor/],
    ["a merge key", "base: &b {type: string}\nschema:\n  <<: *b\n  format: email\n", "yaml-merge-key", { line: 3, column: 3 }, /merge key/],
    ["a sequence key", "? [a, b]\n: 1\n", "yaml-key", { line: 1, column: 3 }, /key .* is a sequence, a mapping or an alias/],
    ["a mapping key", "{a: 1}: 1\n", "yaml-key", { line: 1, column: 1 }, /OpenAPI keys are strings/],
    ["an alias key", "a: &k x\n*k : 1\n", "yaml-key", { line: 2, column: 1 }, /OpenAPI keys are strings/],
    ["a custom tag", "a: !thing 1\n", "yaml-tag", { line: 1, column: 11 }, /tag !thing/],
    ["a non-core tag", "a: !!binary aGk=\n", "yaml-tag", { line: 1, column: 13 }, /tag !!binary/],
    ["an infinite number", "maximum: .inf\n", "yaml-value", { line: 1, column: 10 }, /\.inf at \/maximum is not a JSON number/],
  ])("refuses %s at its line:column", (_, text, code, position, message) => {
    const error = errorOf(() => parseYaml(text, "spec.yaml"));
    expect(error.diagnostics).toHaveLength(1);
    const [d] = error.diagnostics;
    expect(d).toMatchObject({ code, file: "spec.yaml", position });
    expect(d!.message).toMatch(message);
    expect(d!.hint).toBeTruthy();
  });

  it.each([
    ["a sequence", "- 1\n", "a sequence"],
    ["a string", "hello\n", "a string"],
    ["only a comment", "# nothing\n", "nothing"],
  ])("refuses %s as the document with not-openapi at the root", (_, text, found) => {
    const [d] = errorOf(() => parseYaml(text, "spec.yaml")).diagnostics;
    expect(d).toMatchObject({ code: "not-openapi", pointer: "" });
    expect(d!.message).toBe(`The spec must be a YAML mapping (an object), found ${found}.`);
  });

  it("warns of a key written twice, as the JSON path does, and keeps the second", () => {
    const text = "webhooks:\n  a.b: 1\n  a.b: 2\ninfo:\n  title: x\n  title: y\n  title: z\nshared: &s {k: 1, k: 2}\nagain: *s\n";
    const { document, warnings } = parseYaml(text, "spec.yaml");
    expect(document).toStrictEqual({ webhooks: { "a.b": 2 }, info: { title: "z" }, shared: { k: 2 }, again: { k: 2 } });
    expect(warnings.map((w) => [w.code, w.position, w.message])).toEqual([
      ["duplicate-key", { line: 3, column: 3 }, 'The event "a.b" is defined twice in `webhooks` (at spec.yaml:2:3 and spec.yaml:3:3); only the second is kept, so the first is ignored.'],
      ["duplicate-key", { line: 6, column: 3 }, 'The key "title" is written twice in the mapping at /info (at spec.yaml:5:3 and spec.yaml:6:3); only the second is kept, so the first is ignored.'],
      ["duplicate-key", { line: 7, column: 3 }, 'The key "title" is written twice in the mapping at /info (at spec.yaml:5:3 and spec.yaml:7:3); only the second is kept, so the first is ignored.'],
      // Where it is written, once: not again at each alias of it.
      ["duplicate-key", { line: 8, column: 19 }, 'The key "k" is written twice in the mapping at /shared (at spec.yaml:8:13 and spec.yaml:8:19); only the second is kept, so the first is ignored.'],
    ]);
  });

  it("bounds the expansion of one large anchor used many times, which yaml's alias count lets through", () => {
    const big = `big: &b [${Array(2000).fill("1").join(", ")}]\n`;
    const uses = Array.from({ length: 99 }, (_, i) => `u${i}: *b`).join("\n");
    expect(errorOf(() => parseYaml(big + uses, "spec.yaml")).diagnostics[0]).toMatchObject({ code: "yaml-aliases" });
    expect(() => parseYaml(big + uses.split("\n").slice(0, 40).join("\n"), "spec.yaml")).not.toThrow();
  });
});

describe("the same spec in JSON and in YAML", () => {
  it.each([
    ["specs/webhooks.json", SPEC],
    ["test/specs/kitchen-sink.json", KITCHEN_SINK_SPEC],
  ])("%s generates byte-identical files, from a .yaml name and from sniffed content", async (_, jsonFile) => {
    const dir = tempDir("cg-yaml-");
    const yamlText = stringify(JSON.parse(readFileSync(jsonFile, "utf8")));
    expect(yamlText.trimStart()[0]).not.toMatch(/[{[]/);
    const named = path.join(dir, "spec.yaml");
    const sniffed = path.join(dir, path.basename(jsonFile));
    writeFileSync(named, yamlText);
    writeFileSync(sniffed, yamlText);
    const [fromJson, fromNamed, fromSniffed] = (await Promise.all([jsonFile, named, sniffed].map((spec) => buildPackage({ spec })))) as [BuildResult, BuildResult, BuildResult];
    const files = (built: BuildResult) => built.files.map((f) => [f.path, f.contents]);
    expect(fromJson.files.length).toBeGreaterThan(10);
    expect(fromJson.files.every((f) => typeof f.contents === "string" && f.contents.length > 0)).toBe(true);
    expect(files(fromNamed)).toEqual(files(fromJson));
    expect(files(fromSniffed)).toEqual(files(fromJson));
  });
});

describe("the CLI on a YAML spec", () => {
  it("generates from a .yaml spec and says it is up to date with --check against the JSON spec's output", () => {
    const dir = tempDir("cg-yaml-cli-");
    const spec = path.join(dir, "webhooks.yaml");
    writeFileSync(spec, realYaml);
    const out = path.join(dir, "generated");
    expect(runCli([SPEC, "--out", out, "-q"]).status).toBe(0);
    const run = runCli([spec, "--out", out, "--check", "-q"]);
    expect(run.status, run.stderr + run.stdout).toBe(0);
  });

  it("a bad YAML file exits 2 with file:line:column and a hint, and leaves the output folder untouched", () => {
    const dir = tempDir("cg-yaml-bad-");
    const spec = path.join(dir, "spec.yaml");
    writeFileSync(spec, realYaml.replace("webhooks:\n", "webhooks:\n\tbroken: [\n"));
    const out = path.join(dir, "generated");
    expect(runCli([SPEC, "--out", out, "-q"]).status).toBe(0);
    const before = readTree(out);
    const line = realYaml.slice(0, realYaml.indexOf("webhooks:\n")).split("\n").length + 1;
    const run = runCli([spec, "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: The spec is not valid YAML: /m);
    expect(run.stderr).toMatch(new RegExp(`^ {2}at .*spec\\.yaml:${line}:1$`, "m"));
    expect(run.stderr).toMatch(/^ {2}fix: /m);
    expect(run.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(readTree(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(["generated", "spec.yaml"]);
  });
});
