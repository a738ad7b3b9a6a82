import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, describe, expect, it } from "vitest";
import { CONFIG_FILE_NAME, findConfig, loadConfig } from "../src/config/load-config.js";
import { CobrowseGenError, type Diagnostic } from "../src/errors.js";
import { ROOT, removeTempDirs, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

type AddFormats = (ajv: Ajv, formats?: string[]) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;
const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, "cobrowse-gen.config.schema.json"), "utf8")) as Record<string, unknown>;
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv, ["uri"]);
const validate = ajv.compile(SCHEMA);

/** A project folder: the config beside `specs/a.json` and `specs/b.json`. */
function project(config: string): { dir: string; file: string } {
  const dir = tempDir("cg-config-");
  mkdirSync(path.join(dir, "specs"));
  writeFileSync(path.join(dir, "specs/a.json"), "{}");
  writeFileSync(path.join(dir, "specs/b.json"), "{}");
  const file = path.join(dir, CONFIG_FILE_NAME);
  writeFileSync(file, config.replaceAll("$DIR", dir.replaceAll("\\", "/")));
  return { dir, file };
}

async function diagnosticsOf(file: string): Promise<readonly Diagnostic[]> {
  try {
    await loadConfig(file);
    return [];
  } catch (error) {
    if (!(error instanceof CobrowseGenError)) throw error;
    return error.diagnostics;
  }
}

interface Expected {
  readonly pointer: string;
  readonly message?: RegExp;
  readonly hint?: RegExp;
}

const A = { file: "specs/a.json" };
const B = { file: "specs/b.json" };

/**
 * Each row goes through loadConfig and through ajv with the committed schema: both must say valid, or both invalid,
 * but for rows marked `beyondSchema` (what a JSON Schema cannot say: files on disk, one file or name twice).
 */
const rows: { name: string; config: unknown; error?: Expected; beyondSchema?: true }[] = [
  { name: "the least: one spec", config: { specs: [A] } },
  {
    name: "every key",
    config: {
      $schema: "./node_modules/cobrowse-gen/cobrowse-gen.config.schema.json",
      "//": ["a comment", "of two lines"],
      specs: [
        { "//": "the first", file: "specs/a.json", url: "https://developers.zoom.us/api-hub/cobrowse-sdk/events/webhooks.json", name: "cobrowse" },
        { file: "./specs/b.json", url: "http://localhost:8080/video-sdk.json", name: "video-sdk2" },
      ],
      out: "build/zoom",
      packageName: "@acme/zoom-webhooks",
      strict: true,
      unsafePatterns: "annotate",
    },
  },
  { name: "an absolute spec path", config: { specs: [{ file: "$DIR/specs/a.json" }] } },
  { name: "a package name with dots and underscores", config: { specs: [A], packageName: "zoom.webhooks_v2" } },
  { name: "not an object", config: [A], error: { pointer: "", message: /must be a JSON object, not an array/ } },
  { name: "no specs", config: { out: "generated" }, error: { pointer: "", message: /has no "specs"/, hint: /Add "specs": \[/ } },
  { name: "specs empty", config: { specs: [] }, error: { pointer: "/specs", message: /not an empty array/ } },
  { name: "specs a string", config: { specs: "specs/a.json" }, error: { pointer: "/specs", message: /non-empty array/ } },
  { name: "a spec entry a string", config: { specs: ["specs/a.json"] }, error: { pointer: "/specs/0", hint: /\{ "file": "specs\/a\.json" \}/ } },
  { name: "a spec entry without file", config: { specs: [A, { name: "b" }] }, error: { pointer: "/specs/1", message: /no "file"/ } },
  { name: "file empty", config: { specs: [{ file: "" }] }, error: { pointer: "/specs/0/file" } },
  { name: "file a number", config: { specs: [{ file: 1 }] }, error: { pointer: "/specs/0/file", message: /not number 1/ } },
  { name: "a typo of a top key", config: { spec: [A] }, error: { pointer: "/spec", message: /Unknown key "spec"/, hint: /Did you mean "specs"\?/ } },
  { name: "outDir for out", config: { specs: [A], outDir: "x" }, error: { pointer: "/outDir", hint: /Did you mean "out"\?/ } },
  { name: "snake case for packageName", config: { specs: [A], package_name: "x" }, error: { pointer: "/package_name", hint: /Did you mean "packageName"\?/ } },
  { name: "a key like none", config: { specs: [A], verbose: true }, error: { pointer: "/verbose", hint: /The keys of the config are "\$schema", "\/\/", "specs"/ } },
  { name: "a typo in a spec entry", config: { specs: [{ fille: "specs/a.json", file: "specs/a.json" }] }, error: { pointer: "/specs/0/fille", hint: /Did you mean "file"\?/ } },
  { name: "two letters swapped in a spec entry's key", config: { specs: [{ ...A, nmae: "a" }] }, error: { pointer: "/specs/0/nmae", hint: /Did you mean "name"\?/ } },
  { name: "a top key in a different case", config: { specs: [A], Strict: true }, error: { pointer: "/Strict", hint: /Did you mean "strict"\?/ } },
  { name: "an unknown key in a spec entry", config: { specs: [{ ...A, title: "x" }] }, error: { pointer: "/specs/0/title", hint: /"file", "url", "name"/ } },
  { name: "url not http", config: { specs: [{ ...A, url: "ftp://example.com/a.json" }] }, error: { pointer: "/specs/0/url", message: /http or https URL/ } },
  { name: "url not a URL", config: { specs: [{ ...A, url: "not a url" }] }, error: { pointer: "/specs/0/url" } },
  { name: "url with a space", config: { specs: [{ ...A, url: "https://example.com/a b.json" }] }, error: { pointer: "/specs/0/url" } },
  { name: "url a number", config: { specs: [{ ...A, url: 443 }] }, error: { pointer: "/specs/0/url" } },
  { name: "name not kebab-case", config: { specs: [{ ...A, name: "Video_SDK" }] }, error: { pointer: "/specs/0/name", hint: /Write "name": "video-sdk"/ } },
  { name: "name starting with a digit", config: { specs: [{ ...A, name: "2fa" }] }, error: { pointer: "/specs/0/name", hint: /"product-2fa"/ } },
  { name: "name of one of the package's own folders", config: { specs: [{ ...A, name: "fixtures" }] }, error: { pointer: "/specs/0/name", hint: /"fixtures-events"/ } },
  { name: "name with a double dash", config: { specs: [{ ...A, name: "video--sdk" }] }, error: { pointer: "/specs/0/name" } },
  { name: "name ending in a dash", config: { specs: [{ ...A, name: "video-" }] }, error: { pointer: "/specs/0/name" } },
  { name: "packageName uppercase", config: { specs: [A], packageName: "Zoom" }, error: { pointer: "/packageName", message: /npm package name/ } },
  { name: "packageName starting with a dot", config: { specs: [A], packageName: ".zoom" }, error: { pointer: "/packageName" } },
  { name: "packageName starting with an underscore", config: { specs: [A], packageName: "_zoom" }, error: { pointer: "/packageName" } },
  { name: "packageName with a space", config: { specs: [A], packageName: "zoom hooks" }, error: { pointer: "/packageName" } },
  { name: "packageName with a tilde", config: { specs: [A], packageName: "zoom~hooks" }, error: { pointer: "/packageName" } },
  { name: "packageName a scope alone", config: { specs: [A], packageName: "@acme/" }, error: { pointer: "/packageName" } },
  { name: "packageName empty", config: { specs: [A], packageName: "" }, error: { pointer: "/packageName" } },
  { name: "packageName too long", config: { specs: [A], packageName: "a".repeat(215) }, error: { pointer: "/packageName", message: /214/ } },
  { name: "packageName of 214 characters", config: { specs: [A], packageName: "a".repeat(214) } },
  { name: "packageName reserved", config: { specs: [A], packageName: "node_modules" }, error: { pointer: "/packageName", message: /reserves/ } },
  { name: "out empty", config: { specs: [A], out: "" }, error: { pointer: "/out" } },
  { name: "out a number", config: { specs: [A], out: 5 }, error: { pointer: "/out" } },
  { name: "strict a string", config: { specs: [A], strict: "yes" }, error: { pointer: "/strict", message: /true or false/ } },
  { name: "unsafePatterns unknown", config: { specs: [A], unsafePatterns: "ignore" }, error: { pointer: "/unsafePatterns", hint: /"refuse" \(the default\) or "annotate"/ } },
  { name: "$schema a number", config: { $schema: 7, specs: [A] }, error: { pointer: "/$schema" } },
  { name: "a comment a number", config: { "//": 7, specs: [A] }, error: { pointer: "/~1~1" } },
  { name: "a comment a list of numbers", config: { specs: [{ ...A, "//": [1] }] }, error: { pointer: "/specs/0/~1~1" } },
  { name: "one file twice", config: { specs: [A, B, { file: "./specs/../specs/a.json" }] }, error: { pointer: "/specs/2/file", message: /already \/specs\/0\/file/, hint: /Remove one/ }, beyondSchema: true },
  { name: "one name twice", config: { specs: [{ ...A, name: "zoom" }, { ...B, name: "zoom" }] }, error: { pointer: "/specs/1/name", message: /already \/specs\/0\/name/ }, beyondSchema: true },
  { name: "a spec file that does not exist", config: { specs: [A, { file: "specs/c.json" }] }, error: { pointer: "/specs/1/file", message: /does not exist/, hint: /resolved against the config's folder/ }, beyondSchema: true },
  { name: "a spec file that is a folder", config: { specs: [{ file: "specs" }] }, error: { pointer: "/specs/0/file", message: /is a folder/ }, beyondSchema: true },
];

describe("loadConfig and the config's JSON Schema", () => {
  it.each(rows)("$name", async ({ config, error, beyondSchema }) => {
    const { file } = project(JSON.stringify(config, null, 2));
    const diagnostics = await diagnosticsOf(file);
    const schemaValid = validate(config);
    expect(schemaValid, `the schema ${schemaValid ? "accepts" : "refuses"} it: ${ajv.errorsText(validate.errors)}`).toBe(error === undefined || beyondSchema === true);
    if (error === undefined) {
      expect(diagnostics).toEqual([]);
      return;
    }
    expect(diagnostics.map((d) => d.pointer)).toContain(error.pointer);
    const found = diagnostics.find((d) => d.pointer === error.pointer) as Diagnostic;
    expect(found).toMatchObject({ code: "invalid-config", file });
    expect(found.message).toMatch(error.message ?? /./);
    expect(found.hint ?? "").toMatch(error.hint ?? /./);
    // Every pointer resolves in the file, so each error has a line:column.
    expect(found.position).toBeDefined();
  });
});

describe("loadConfig", () => {
  it("resolves paths against the config's folder, not the working directory, and fills the defaults", async () => {
    const { dir, file } = project(JSON.stringify({ specs: [A, { file: "$DIR/specs/b.json", url: "https://example.com/b.json", name: "b" }] }));
    expect(await loadConfig(path.relative(process.cwd(), file))).toEqual({
      file,
      dir,
      specs: [
        { file: path.join(dir, "specs/a.json"), pointer: "/specs/0" },
        { file: path.join(dir, "specs/b.json"), url: "https://example.com/b.json", name: "b", pointer: "/specs/1" },
      ],
      out: path.join(dir, "generated"),
      strict: false,
      unsafePatterns: "refuse",
    });
  });

  it("reports every problem at once, each at its line:column", async () => {
    const { file } = project('{\n  "specs": [\n    { "file": "specs/a.json", "nmae": "a" }\n  ],\n  "strict": 1\n}\n');
    const diagnostics = await diagnosticsOf(file);
    expect(diagnostics.map((d) => [d.pointer, d.position])).toEqual([
      ["/specs/0/nmae", { line: 3, column: 31 }],
      ["/strict", { line: 5, column: 3 }],
    ]);
    expect(String(new CobrowseGenError(diagnostics))).toContain(`${file}:3:31`);
  });

  // Text that is not a config's JSON at all: ajv has nothing to say, the loader gives the position.
  it.each([
    ["a syntax error", '{\n  "specs": [\n    { "file": "specs/a.json" },\n  ]\n}\n', { line: 4, column: 3 }, /not valid JSON/, /JSON syntax/],
    ["a comment", '{\n  // the specs\n  "specs": [{ "file": "specs/a.json" }]\n}\n', { line: 2, column: 3 }, /not valid JSON/, /"\/\/" keys/],
    ["a key twice", '{\n  "specs": [{ "file": "specs/a.json" }],\n  "out": "a",\n  "out": "b"\n}\n', { line: 4, column: 3 }, /"out" is written twice/, /Keep one/],
    ["empty", "", { line: 1, column: 1 }, /not valid JSON/, /JSON syntax/],
  ])("%s: an invalid-config error at its line:column", async (_, text, position, message, hint) => {
    const { file } = project(text);
    const [diagnostic, ...rest] = await diagnosticsOf(file);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: "invalid-config", file, position });
    expect(diagnostic?.message).toMatch(message);
    expect(diagnostic?.hint).toMatch(hint);
  });

  it("reads a config that starts with a byte order mark", async () => {
    const { file } = project('\ufeff{ "specs": [{ "file": "specs/a.json" }] }');
    expect((await loadConfig(file)).specs).toHaveLength(1);
  });

  it("says so when the config file cannot be read", async () => {
    const missing = path.join(tempDir("cg-config-"), CONFIG_FILE_NAME);
    const [diagnostic] = await diagnosticsOf(missing);
    expect(diagnostic).toMatchObject({ code: "invalid-config", file: missing, message: expect.stringMatching(/ENOENT/) });
  });
});

describe("findConfig", () => {
  it("finds the config in the working directory only, never in a parent folder", async () => {
    const { dir, file } = project(JSON.stringify({ specs: [A] }));
    expect(await findConfig(dir)).toBe(file);
    expect(await findConfig(path.join(dir, "specs"))).toBeUndefined();
    expect(await findConfig(path.join(dir, "missing"))).toBeUndefined();
  });

  it("ignores a folder of the config's name", async () => {
    const dir = tempDir("cg-config-");
    mkdirSync(path.join(dir, CONFIG_FILE_NAME));
    expect(await findConfig(dir)).toBeUndefined();
  });
});

describe("the config's JSON Schema and example", () => {
  it("describes every property, for editors to show", () => {
    const undescribed: string[] = [];
    const walk = (schema: Record<string, unknown>, where: string) => {
      if (typeof schema.description !== "string") undescribed.push(where);
      for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) walk(property, `${where}/${key}`);
      if (typeof schema.items === "object" && schema.items !== null && "properties" in schema.items) walk(schema.items as Record<string, unknown>, `${where}/items`);
    };
    walk(SCHEMA, "");
    expect(undescribed).toEqual([]);
    expect(SCHEMA.$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it("ships with the generator", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("cobrowse-gen.config.schema.json");
  });

  it("the README's config example is valid to both (with its spec files in place)", async () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const examples = [...readme.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).filter((text) => text.includes("cobrowse-gen.config.schema.json"));
    expect(examples).toHaveLength(1);
    const value = JSON.parse(examples[0]!) as { specs: { file: string }[] };
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
    const dir = tempDir("cg-config-readme-");
    for (const spec of value.specs) {
      mkdirSync(path.dirname(path.join(dir, spec.file)), { recursive: true });
      writeFileSync(path.join(dir, spec.file), "{}");
    }
    writeFileSync(path.join(dir, CONFIG_FILE_NAME), examples[0]!);
    const config = await loadConfig(path.join(dir, CONFIG_FILE_NAME));
    expect(config.specs).toHaveLength(value.specs.length);
  });

  it("examples/cobrowse-gen.config.json is valid to both, and names this repository's spec", async () => {
    const example = path.join(ROOT, "examples", CONFIG_FILE_NAME);
    const value = JSON.parse(readFileSync(example, "utf8")) as { $schema: string };
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
    expect(value.$schema).toBe("./node_modules/cobrowse-gen/cobrowse-gen.config.schema.json");
    const config = await loadConfig(example);
    expect(config.specs.map((spec) => spec.file)).toEqual([path.join(ROOT, "specs/webhooks.json")]);
    expect(config.out).toBe(path.join(ROOT, "generated"));
  });
});
