import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { compileDist } from "../src/emit/compile-dist.js";
import type { Compiler } from "../src/emit/compiler.js";
import { CobrowseGenError } from "../src/errors.js";

/**
 * The compile worker runs from dist/ (npm test builds it first): the CLI and the library use it; the other tests run
 * the sources, which compile in-process. Both must give the same files and the same errors.
 */
const { startCompiler } = (await import(pathToFileURL(path.resolve("dist/emit/compiler.js")).href)) as typeof import("../src/emit/compiler.js");
const { CobrowseGenError: DistCobrowseGenError } = (await import(pathToFileURL(path.resolve("dist/errors.js")).href)) as typeof import("../src/errors.js");

const sources = [
  { path: "src/names.ts", contents: 'export const names = ["a", "b"] as const;\nexport type Name = (typeof names)[number];\n' },
  { path: "src/index.ts", contents: 'import { names, type Name } from "./names.js";\nexport const first: Name = names[0];\nexport * from "./names.js";\n' },
];

describe("the compile worker", () => {
  let compiler: Compiler | undefined;
  afterAll(() => compiler?.close(true));

  it("emits what the in-process compiler emits", async () => {
    compiler = startCompiler();
    await compiler.check(sources, []);
    const emitted = (await compiler.emit(sources)).sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(emitted).toEqual(compileDist(sources));
    expect(emitted.map((f) => f.path)).toEqual(["dist/index.d.ts", "dist/index.js", "dist/names.d.ts", "dist/names.js"]);
  });

  it("reports code that does not type-check as a cobrowse-gen bug, and a syntax error when emitting", async () => {
    compiler ??= startCompiler();
    const bad = [{ path: "src/index.ts", contents: "export const x: number = 'no';\n" }];
    await expect(compiler.check(bad, [])).rejects.toThrow(/does not compile \(a cobrowse-gen bug.*\n.*TS2322/);
    await expect(compiler.emit([{ path: "src/index.ts", contents: "export const x = ;\n" }])).rejects.toThrow(/TS1109/);
    expect(() => compileDist(bad)).toThrow(/TS2322/);
  });

  it("sends a CobrowseGenError back with its diagnostics", async () => {
    // An event too large for TypeScript's control-flow analysis (TS2563) is a CobrowseGenError thrown in the worker:
    // the main thread must get its diagnostics back, to report it as a user error, not a crash.
    const { serializeError } = (await import(pathToFileURL(path.resolve("dist/emit/compiler.js")).href)) as typeof import("../src/emit/compiler.js");
    const error = new DistCobrowseGenError({ code: "event-too-large", message: "m", file: "f.json", pointer: "/webhooks/x" });
    expect(serializeError(error)).toEqual({ kind: "cobrowse-gen", diagnostics: error.diagnostics });
    expect(new CobrowseGenError(error.diagnostics).message).toBe(error.message);
  });
});
