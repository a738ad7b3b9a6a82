import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatFile } from "../../src/emit/format-files.js";
import { loadRuntime, readRuntime } from "../../src/load/load-runtime.js";
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
    expect(runtime.modules.map((m) => `${m.name}.ts`)).toEqual(sources.map(([file]) => file).sort());
    expect(runtime.exportNames).toContain("makeIssue");
    expect(runtime.exportNames).toContain("ValidationIssue");
    expect(runtime.modules.find((m) => m.name === "create-standard-schema")?.exports).toEqual(["StandardSchemaV1", "createStandardSchema"]);
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
    expect(runtime.modules.length).toBe(sources.length);
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
