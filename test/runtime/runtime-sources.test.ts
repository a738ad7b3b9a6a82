import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatFile } from "../../src/emit/format-files.js";
import { loadRuntime, readRuntime, runtimeModules, SCHEME_MODULES } from "../../src/load/load-runtime.js";
import { ROOT, removeTempDirs, tempDir } from "../support/helpers.js";

const DIR = path.join(ROOT, "src/runtime");
const sources = readdirSync(DIR)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => [file, readFileSync(path.join(DIR, file), "utf8")] as const);

afterAll(removeTempDirs);

describe("src/runtime: what every generated package carries", () => {
  it.each(sources)("%s is formatted as the generator formats the files around it", async (file, text) => {
    const { contents } = await formatFile({ path: `src/runtime/${file}`, contents: text });
    expect(text === contents, `${file}: run npx prettier --print-width 120 --write src/runtime/${file}`).toBe(true);
  });

  it.each(sources)("%s imports only its siblings and reaches Node.js only through an optional global", (file, text) => {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    const specifiers = [...code.matchAll(/\b(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);
    for (const specifier of specifiers) expect(specifier, file).toMatch(/^\.\/[a-z0-9-]+\.js$/);
    expect(code, file).not.toMatch(/\brequire\(|\bBuffer\.|\b__dirname\b|\bprocess\./);
  });

  it("is what the build copied (dist/runtime.json lists every module, with its exports)", async () => {
    const runtime = await loadRuntime();
    expect(runtimeModules(runtime, "standard").map((m) => `${m.name}.ts`)).toEqual(sources.map(([file]) => file).sort());
    expect(runtime.exportNames).toContain("makeIssue");
    expect(runtime.exportNames).toContain("ValidationIssue");
    expect(runtime.modules.find((m) => m.name === "create-standard-schema")?.exports).toEqual(["StandardSchemaV1", "createStandardSchema"]);
  });
});

describe("the schemes' modules", async () => {
  const runtime = await loadRuntime();
  const schemed = [...new Set(Object.values(SCHEME_MODULES).flat() as string[])];

  it("are not among every package's modules (Zoom's packages stay as they were), but their names are reserved", () => {
    expect(schemed.length).toBeGreaterThan(0);
    for (const name of schemed) expect(runtime.modules.map((m) => m.name)).not.toContain(name);
    expect(runtime.schemeModules.standard.map((m) => m.name)).toEqual(["create-router", "encode-base64", "verify-standard-webhook"]);
    expect(runtime.schemeModules.none.map((m) => m.name)).toEqual(["create-router"]);
    expect(runtime.exportNames).toContain("verifyStandardWebhook");
    expect(runtime.exportNames).toContain("encodeBase64");
  });

  it("are added in file-name order, for their scheme only", () => {
    expect(runtimeModules(runtime)).toEqual(runtime.modules);
    const standard = runtimeModules(runtime, "standard").map((m) => m.name);
    expect(standard).toEqual([...runtime.modules.map((m) => m.name), ...SCHEME_MODULES.standard].sort());
    const none = runtimeModules(runtime, "none").map((m) => m.name);
    expect(none).toEqual([...runtime.modules.map((m) => m.name), "create-router"].sort());
  });

  it("no name is exported by two modules (a package re-exports them all)", () => {
    const seen = new Map<string, string>();
    for (const module of runtimeModules(runtime, "standard")) {
      for (const name of module.exports) {
        expect(seen.get(name), `${name} in ${module.name}`).toBeUndefined();
        seen.set(name, module.name);
      }
    }
  });

  it.each(Object.entries(SCHEME_MODULES))("%s: its modules import only every package's modules or each other", (scheme, names) => {
    const allowed = new Set([...runtime.modules.map((m) => m.name), ...names]);
    for (const name of names) {
      const source = runtime.schemeModules[scheme as keyof typeof SCHEME_MODULES].find((m) => m.name === name)?.source;
      expect(source, name).toBeDefined();
      for (const [, imported] of (source ?? "").matchAll(/from "\.\/([a-z0-9-]+)\.js"/g)) expect(allowed, `${name} imports ${imported}`).toContain(imported);
    }
  });

  it("and no module every package carries imports a scheme's", () => {
    for (const module of runtime.modules) {
      for (const [, imported] of module.source.matchAll(/from "\.\/([a-z0-9-]+)\.js"/g)) expect(schemed, `${module.name} imports ${imported}`).not.toContain(imported);
    }
  });
});

describe("readRuntime refuses a build that does not match the sources", () => {
  function copyOfPackage(): string {
    const root = tempDir("cg-runtime-");
    cpSync(path.join(ROOT, "src/runtime"), path.join(root, "src/runtime"), { recursive: true });
    cpSync(path.join(ROOT, "dist/runtime"), path.join(root, "dist/runtime"), { recursive: true });
    cpSync(path.join(ROOT, "dist/runtime.json"), path.join(root, "dist/runtime.json"));
    return root;
  }

  it("reads an intact copy", async () => {
    const runtime = await readRuntime(copyOfPackage());
    expect(runtimeModules(runtime, "standard").length).toBe(sources.length);
  });

  it.each<[string, (root: string) => void, RegExp]>([
    ["no build", (root) => writeFileSync(path.join(root, "dist/runtime.json"), "not json"), /not built \(run `npm run build`\)/],
    ["a source edited since", (root) => writeFileSync(path.join(root, "src/runtime/make-issue.ts"), "export {};\n"), /src\/runtime\/make-issue\.ts changed since the build/],
    ["a module added since", (root) => writeFileSync(path.join(root, "src/runtime/new-module.ts"), "export {};\n"), /built from other files/],
  ])("%s", async (_, change, message) => {
    const root = copyOfPackage();
    change(root);
    await expect(readRuntime(root)).rejects.toThrow(message);
  });
});
