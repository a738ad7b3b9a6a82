import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildPackage, emitSources, loadRuntime, loadSpec, normalizeSpec, synthesizeSpec } from "../src/index.js";
import { KITCHEN_SINK_SPEC, ROOT, SPEC } from "./support/helpers.js";
import { expectPrettierFixedPoints, parserOf } from "./support/fixed-point.js";

/** What the emitters return for a spec, before anything after them runs. */
async function emittedFor(spec: string) {
  const runtime = await loadRuntime();
  const { model } = normalizeSpec(await loadSpec(spec), { runtimeExports: runtime.exportNames });
  return emitSources(synthesizeSpec(model, spec), runtime);
}

/**
 * Prettier stays the formatter of record: every generated source file must be what prettier prints for it, though
 * generation runs no formatter over code (the emitters write it in final form through write-code.ts).
 */
describe.each([
  ["cobrowse", SPEC],
  ["kitchen-sink", KITCHEN_SINK_SPEC],
  ["vocabulary", path.join(ROOT, "test/specs/vocabulary.json")],
])("%s", (_, spec) => {
  it("every generated .ts, .md and .json file is a prettier fixed point", async () => {
    const { files } = await buildPackage({ spec });
    expect(await expectPrettierFixedPoints(files)).toBeGreaterThan(10);
  });

  it("the code and JSON files are written as emitted: nothing formats them", async () => {
    const { files } = await buildPackage({ spec });
    const built = new Map(files.map((f) => [f.path, f.contents]));
    const emitted = (await emittedFor(spec)).filter((f) => parserOf(f.path) !== undefined && !f.path.endsWith(".md"));
    expect(emitted.length).toBeGreaterThan(5);
    for (const file of emitted) expect(built.get(file.path), file.path).toBe(file.contents);
  });

  it("every generated source file has declarations TypeScript can emit file by file (isolatedDeclarations)", async () => {
    const sources = (await emittedFor(spec)).filter((f) => f.path.startsWith("src/") && f.path.endsWith(".ts"));
    for (const file of sources) {
      const { diagnostics } = ts.transpileDeclaration(file.contents, {
        fileName: file.path,
        reportDiagnostics: true,
        compilerOptions: { isolatedDeclarations: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext },
      });
      expect((diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), file.path).toEqual([]);
    }
  });
});
