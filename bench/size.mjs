// npm run bench:size: what the generated package adds to a user's bundle, import by import, side by side with what a
// user would pick instead for the same check. Each entry is bundled by esbuild as a browser or edge app would be
// (bundled, minified, ESM, platform neutral), then gzipped (node:zlib, level 9); sizes are bytes of that output.
// Prints the tables; `--write` records them in bench/RESULTS.md under their own section, keeping the rest.
//
// Ours: entries that import from the committed generated/ (package `cobrowse-sdk-webhooks`). Alternatives: ajv's
// standalone code compiled from the same normalized schemas (with ajv-formats' date-time, as bench/run.mjs sets it
// up), ajv compiling them at run time, zod v4 (bench/zod-schemas.mjs) and the hand-written guard (bench/hand-written.mjs).
// A package of several products: generated into a temporary folder by the CLI; one product's subpath vs. the root.
// Options: --no-combined (skip that row), --write.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import standaloneModule from "ajv/dist/standalone/index.js";
import { build, version as esbuildVersion } from "esbuild";
import { loadSpec, normalizeSpec, toJsonSchema } from "../dist/index.js";

const addFormats = addFormatsModule.default ?? addFormatsModule;
const standaloneCode = standaloneModule.default ?? standaloneModule;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const COMBINED = !process.argv.includes("--no-combined");

const scratch = mkdtempSync(path.join(os.tmpdir(), "cg-bench-size-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

/** One entry's bundle: bytes minified, and minified + gzip -9. `resolveDir` is where its imports resolve from. */
async function measure(contents, resolveDir = ROOT) {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js", sourcefile: "entry.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    // ajv and its dependencies are CommonJS packages with only `main` (neutral resolves no main field by default).
    mainFields: ["module", "main"],
    nodePaths: [path.join(ROOT, "node_modules")],
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, code };
}

// --- the alternatives' sources -----------------------------------------------------------------------------------
const { model } = normalizeSpec(await loadSpec(path.join(ROOT, "specs/webhooks.json")));
const schemas = Object.fromEntries(model.events.map((e) => [e.name, toJsonSchema(e.body)]));

/** ajv standalone: one validator per event, exported by index, dispatched on `event` as in bench/run.mjs. */
function writeStandalone(file, allErrors) {
  const ajv = new Ajv({ strict: false, allErrors, code: { source: true, esm: true } });
  addFormats(ajv);
  const names = {};
  model.events.forEach((e, i) => {
    ajv.addSchema(schemas[e.name], e.name);
    names[`v${i}`] = e.name;
  });
  writeFileSync(file, standaloneCode(ajv, names));
  const byEvent = model.events.map((e, i) => `${JSON.stringify(e.name)}: v.v${i}`).join(", ");
  return `import * as v from ${JSON.stringify(file)};
const byEvent = { ${byEvent} };
export const check = (value) => {
  const validate = typeof value === "object" && value !== null && Object.hasOwn(byEvent, value.event) ? byEvent[value.event] : undefined;
  return validate !== undefined && validate(value);
};`;
}
const schemasFile = path.join(scratch, "schemas.json");
writeFileSync(schemasFile, JSON.stringify(schemas));

// Every entry that checks exports `check(value)`: true for a valid event (the sanity check below runs each bundle).
const ENTRIES = {
  isWebhookEvent: `export { isWebhookEvent as check } from "cobrowse-sdk-webhooks";`,
  validateWebhookEvent: `import { validateWebhookEvent } from "cobrowse-sdk-webhooks"; export const check = (v) => validateWebhookEvent(v).ok;`,
  createWebhookHandler: `export { createWebhookHandler } from "cobrowse-sdk-webhooks";`,
  fixtures: `export { fixtures } from "cobrowse-sdk-webhooks/fixtures";`,
  invalidFixtures: `export { invalidFixtures } from "cobrowse-sdk-webhooks/fixtures";`,
  "whole package": `export * from "cobrowse-sdk-webhooks"; export * from "cobrowse-sdk-webhooks/fixtures";`,
};
const ALTERNATIVES = [
  // [our entry it stands beside, name, entry source]
  ["isWebhookEvent", "ajv standalone code (+ ajv-formats date-time)", writeStandalone(path.join(scratch, "ajv-first.mjs"), false)],
  [
    "isWebhookEvent",
    "ajv compiling the schemas at run time (+ ajv-formats)",
    `import { Ajv } from "ajv"; import addFormats from "ajv-formats"; import schemas from ${JSON.stringify(schemasFile)};
const ajv = new Ajv({ strict: false }); addFormats(ajv);
const byEvent = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, ajv.compile(schema)]));
export const check = (value) => byEvent[value?.event]?.(value) === true;`,
  ],
  ["isWebhookEvent", "zod v4 (discriminated union, safeParse)", `import { WebhookEvent } from ${JSON.stringify(path.join(ROOT, "bench/zod-schemas.mjs"))}; export const check = (v) => WebhookEvent.safeParse(v).success;`],
  ["isWebhookEvent", "hand-written guard (bench/hand-written.mjs)", `export { isWebhookEventByHand as check } from ${JSON.stringify(path.join(ROOT, "bench/hand-written.mjs"))};`],
  ["validateWebhookEvent", "ajv standalone code, allErrors (+ ajv-formats date-time)", writeStandalone(path.join(scratch, "ajv-all.mjs"), true)],
  ["validateWebhookEvent", "zod v4 (safeParse, all issues)", `import { WebhookEvent } from ${JSON.stringify(path.join(ROOT, "bench/zod-schemas.mjs"))}; export const check = (v) => WebhookEvent.safeParse(v).error?.issues === undefined;`],
];

const ours = {};
for (const [name, contents] of Object.entries(ENTRIES)) ours[name] = await measure(contents);
const alternatives = [];
for (const [beside, name, contents] of ALTERNATIVES) alternatives.push({ beside, name, ...(await measure(contents)) });

// Sanity: every bundle that checks accepts the 4 spec examples and rejects a broken copy of each, as bench/run.mjs
// requires of the same candidates, so that no size is of a bundle that lost its checks.
const { fixtures } = await import("cobrowse-sdk-webhooks/fixtures");
const examples = Object.values(fixtures).map((f) => f.example);
const broken = examples.map((v) => ({ ...v, payload: { ...v.payload, object: { ...v.payload.object, session_id: 42 } } }));
for (const [name, m] of [...Object.entries(ours), ...alternatives.map((a) => [a.name, a])]) {
  const file = path.join(scratch, `bundle-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, m.code);
  const { check } = await import(pathToFileURL(file).href);
  if (check === undefined) continue;
  if (!examples.every((v) => check(v) === true) || !broken.every((v) => check(v) === false)) throw new Error(`the ${name} bundle does not check as the others do`);
}

// --- a package of several products: one product's subpath vs. the root ------------------------------------------
let combined;
if (COMBINED) {
  const dir = path.join(scratch, "combined");
  const out = path.join(dir, "node_modules", "zoom-webhooks");
  mkdirSync(path.dirname(out), { recursive: true });
  const specs = ["test/specs/products/alpha-chat.json", "test/specs/products/beta-rooms.json", "specs/webhooks.json"];
  const run = spawnSync(process.execPath, [path.join(ROOT, "bin/cobrowse-gen.js"), ...specs, "--out", out, "--quiet"], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) {
    console.error(`(the package of several products failed to generate: ${(run.stderr || run.stdout).trim().split("\n")[0]})`);
  } else {
    const pkg = JSON.parse(readFileSync(path.join(out, "package.json"), "utf8"));
    const product = Object.keys(pkg.exports).find((k) => k.startsWith("./cobrowse"));
    const entries = {
      [`isWebhookEvent from "zoom-webhooks${product.slice(1)}"`]: `export { isWebhookEvent } from "zoom-webhooks${product.slice(1)}";`,
      [`isWebhookEvent from "zoom-webhooks" (every product)`]: `export { isWebhookEvent } from "zoom-webhooks";`,
      [`fixtures from "zoom-webhooks${product.slice(1)}/fixtures"`]: `export { fixtures } from "zoom-webhooks${product.slice(1)}/fixtures";`,
      [`fixtures from "zoom-webhooks/fixtures" (every product)`]: `export { fixtures } from "zoom-webhooks/fixtures";`,
    };
    combined = [];
    for (const [name, contents] of Object.entries(entries)) combined.push({ name, ...(await measure(contents, dir)) });
  }
}

// --- the tables ---------------------------------------------------------------------------------------------------
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const cell = (m) => `${m.min} B (${kb(m.min)}) | ${m.gzip} B (${kb(m.gzip)})`;
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;
const version = (name) => JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
const lines = [
  `esbuild ${esbuildVersion} (bundle, minify, ESM, platform neutral), then gzip -9 (node:zlib); Node ${process.version}; ajv ${version("ajv")}, ajv-formats ${version("ajv-formats")}, zod ${version("zod")}.`,
  "",
  "| import (from `cobrowse-sdk-webhooks`) | min | min+gzip |",
  "| --- | --- | --- |",
  ...Object.entries(ours).map(([name, m]) => `| ${name === "whole package" ? "everything (both entry points)" : `\`${name}\`${name.endsWith("ixtures") ? " (`/fixtures`)" : ""}`} | ${cell(m)} |`),
  "",
  "| the same check with | min | min+gzip | vs. ours, min | vs. ours, min+gzip |",
  "| --- | --- | --- | --- | --- |",
  ...alternatives.map((a) => `| ${a.name} (beside \`${a.beside}\`) | ${cell(a)} | ${ratio(a.min, ours[a.beside].min)} | ${ratio(a.gzip, ours[a.beside].gzip)} |`),
  "",
  "`vs. ours`: the alternative's size over that of our import beside it (above 1×: ours is smaller). The alternatives check what ours checks (types, required, enums, RFC 3339 date-time, closed objects) for the 4 Cobrowse events; the hand-written guard only answers yes or no, like `isWebhookEvent`.",
];
if (combined !== undefined) {
  lines.push(
    "",
    "A package of several products (`test/specs/products/alpha-chat.json`, `beta-rooms.json` and `specs/webhooks.json`, generated by the CLI into a temporary folder): one product's subpath vs. the root.",
    "",
    "| import (from `zoom-webhooks`) | min | min+gzip |",
    "| --- | --- | --- |",
    ...combined.map((c) => `| ${c.name.replace(/"([^"]+)"/, "`$1`")} | ${cell(c)} |`),
  );
}
const table = lines.join("\n");
console.log(table);

if (process.argv.includes("--write")) {
  // Only the measured block of this section is replaced; everything else in RESULTS.md (and any analysis written
  // below the block) is kept. A missing section is appended.
  const file = new URL("./RESULTS.md", import.meta.url);
  const START = "<!-- bench:size: measured, replaced by `npm run bench:size -- --write` -->";
  const END = "<!-- /bench:size -->";
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const block = `${START}\n${table}\n${END}`;
  const updated =
    existing.includes(START) && existing.includes(END)
      ? existing.slice(0, existing.indexOf(START)) + block + existing.slice(existing.indexOf(END) + END.length)
      : `${existing.replace(/\n*$/, "\n")}\n## Bundle size (\`npm run bench:size\`)\n\n${block}\n`;
  writeFileSync(file, updated);
  console.log(`\nwrote ${fileURLToPath(file)}`);
}
