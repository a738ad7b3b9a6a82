/**
 * `npm run build`, second step: compiles src/runtime (with its own tsconfig: the generated package's options) into
 * dist/runtime, formatted as the generator formats the rest of a package, and writes dist/runtime.json, the manifest
 * the generator reads: every runtime module with its exported names (types included: a generated name must avoid
 * them all) and the hash of its source (a stale build is refused rather than copied).
 *
 * Done here, once, so that no generation has to compile or inspect the runtime.
 */
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { formatFile } from "../dist/emit/format-files.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CONFIG = path.join(ROOT, "src/runtime/tsconfig.json");
const OUT = path.join(ROOT, "dist/runtime");
const MANIFEST = path.join(ROOT, "dist/runtime.json");

const host = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => "\n",
};

function fail(diagnostics) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}

const parsed = ts.getParsedCommandLineOfConfigFile(CONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) });
if (parsed === undefined) process.exit(1);
if (parsed.errors.length > 0) fail(parsed.errors);

const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) fail(diagnostics);

const emitted = [];
const result = program.emit(undefined, (fileName, text) => emitted.push({ fileName, text }));
if (result.diagnostics.length > 0 || result.emitSkipped) fail(result.diagnostics);

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const { fileName, text } of emitted) {
  const relative = path.relative(OUT, fileName);
  if (relative.startsWith("..") || relative.includes(path.sep)) throw new Error(`unexpected output ${fileName}`);
  const { contents } = await formatFile({ path: relative, contents: text });
  writeFileSync(fileName, contents);
}

const checker = program.getTypeChecker();
const modules = program
  .getRootFileNames()
  .map((fileName) => {
    const source = program.getSourceFile(fileName);
    const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (source === undefined || symbol === undefined) throw new Error(`${fileName} is not a module`);
    return {
      name: path.basename(fileName, ".ts"),
      sha256: createHash("sha256").update(source.text).digest("hex"),
      exports: checker
        .getExportsOfModule(symbol)
        .map((s) => s.name)
        .sort(),
    };
  })
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
writeFileSync(MANIFEST, JSON.stringify({ modules }, null, 2) + "\n");
