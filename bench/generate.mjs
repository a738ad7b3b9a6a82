// npm run bench:generate: end-to-end generation time, ours vs. openapi-typescript, side by side in one run.
//
// Cold: both CLIs spawned as child processes, the way a user or CI runs them (process start, module loading, reading
// the spec and writing the output all count). Ours generates the whole package (types, guards, schemas, receiver,
// fixtures, compiled dist/); openapi-typescript generates one types file. Warm: both libraries called in this process
// after one warm-up run, nothing written (ours: buildPackage(); openapi-typescript: openapiTS() + astToString()).
// Prints medians and ratios; `--write` records the table in bench/RESULTS.md under its own section, keeping the rest.
//
// Options: --runs N (cold runs per spec and tool, default 5), --warm-runs N (default 3, 0 skips the warm columns),
// --all (every spec of the Zoom corpus next to the repository, not only Users), --combined-runs N (default 3, at most
// --runs; runs of the one-package-of-every-product row), --no-combined (skip that row), --baseline DIR (also time the CLI of
// another built checkout of cobrowse-gen, e.g. the commit before an optimization; --baseline-label TEXT names it),
// --write.
// A missed target is reported, never a failure: the script exits 0 whenever it could measure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CORPUS = path.resolve(ROOT, "../shared/specs/zoom");
const OURS_CLI = path.join(ROOT, "bin/cobrowse-gen.js");
const OT_CLI = path.join(ROOT, "node_modules/openapi-typescript/bin/cli.js");

/** Messages name files relative to the repository, not by this machine's paths. */
const relative = (text) => text.split(pathToFileURL(ROOT).href).join("").split(ROOT).join("");

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] !== undefined ? Number(process.argv[index + 1]) : fallback;
}
const RUNS = option("--runs", Number(process.env.BENCH_RUNS ?? 5));
const WARM_RUNS = option("--warm-runs", Number(process.env.BENCH_WARM_RUNS ?? 3));
const ALL = process.argv.includes("--all");
const BASELINE = process.argv.includes("--baseline") ? path.resolve(process.argv[process.argv.indexOf("--baseline") + 1]) : undefined;
const BASELINE_LABEL = process.argv.includes("--baseline-label") ? process.argv[process.argv.indexOf("--baseline-label") + 1] : "another checkout";

// --- the specs -------------------------------------------------------------------------------------------------
const specs = [{ name: "Cobrowse (specs/webhooks.json)", file: path.join(ROOT, "specs/webhooks.json") }];
if (existsSync(CORPUS)) {
  const names = ALL
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : ["users-webhooks.json"];
  for (const f of names) specs.push({ name: `Zoom ${f.replace(/\.json$/, "")}`, file: path.join(CORPUS, f) });
} else {
  console.error(`(no Zoom corpus at ${CORPUS}: Cobrowse only)`);
}
for (const spec of specs) {
  const doc = JSON.parse(readFileSync(spec.file, "utf8"));
  // Events: the `webhooks` map, or event names under `paths` in the docs-page form.
  const fromWebhooks = Object.keys(doc.webhooks ?? {}).length;
  const fromPaths = Object.keys(doc.paths ?? {}).filter((k) => !k.startsWith("/") && !k.startsWith("x-")).length;
  spec.events = fromWebhooks + fromPaths;
  spec.bytes = statSync(spec.file).size;
  spec.nodes = await schemaNodes(spec.file);
}

/** Schema nodes of every event body (what the emitters walk), counted on the normalized model; 0 if it fails. */
async function schemaNodes(file) {
  try {
    const { loadSpec, normalizeSpec } = await import("../dist/index.js");
    const { model } = normalizeSpec(await loadSpec(file));
    const count = (node) =>
      1 +
      (node.kind === "object" ? node.properties.reduce((n, p) => n + count(p.schema), 0) + (node.additionalSchema ? count(node.additionalSchema) : 0) : 0) +
      (node.kind === "array" ? count(node.items) + (node.prefixItems ?? []).reduce((n, p) => n + count(p), 0) : 0) +
      (node.kind === "union" ? node.variants.reduce((n, v) => n + count(v), 0) : 0);
    return model.events.reduce((n, event) => n + count(event.body), 0);
  } catch {
    return 0;
  }
}

// --- cold: spawn each CLI --------------------------------------------------------------------------------------
const scratch = mkdtempSync(path.join(os.tmpdir(), "cg-bench-generate-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

const RSS_PRELOAD = path.join(ROOT, "bench/report-rss.cjs");

function timeCli(args) {
  const out = mkdtempSync(path.join(scratch, "run-"));
  const rssFile = path.join(out, "rss");
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["--require", RSS_PRELOAD, ...args(out)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CG_BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) / 1024 : undefined;
  rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) return { error: relative((run.stderr || run.stdout || `exit ${run.status}`).trim().split("\n")[0]) };
  return { seconds, rssMb };
}
const tools = {
  ours: (spec) => (out) => [OURS_CLI, spec.file, "--out", path.join(out, "pkg"), "--quiet"],
  oursTypeCheck: (spec) => (out) => [OURS_CLI, spec.file, "--out", path.join(out, "pkg"), "--quiet", "--type-check"],
  openapiTs: (spec) => (out) => [OT_CLI, spec.file, "-o", path.join(out, "types.ts")],
  ...(BASELINE ? { baseline: (spec) => (out) => [path.join(BASELINE, "bin/cobrowse-gen.js"), spec.file, "--out", path.join(out, "pkg"), "--quiet"] } : {}),
};
const TOOLS = Object.keys(tools);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

for (const spec of specs) {
  spec.cold = Object.fromEntries(TOOLS.map((tool) => [tool, []]));
  spec.rss = Object.fromEntries(TOOLS.map((tool) => [tool, []]));
  spec.errors = {};
  for (let run = 0; run < RUNS; run++) {
    // Rotate which tool goes first, so none always runs on a machine another just warmed (page cache, CPU).
    const order = TOOLS.map((_, i) => TOOLS[(i + run) % TOOLS.length]);
    for (const tool of order) {
      if (spec.errors[tool] !== undefined) continue;
      const result = timeCli(tools[tool](spec));
      if (result.error !== undefined) spec.errors[tool] = result.error;
      else {
        spec.cold[tool].push(result.seconds);
        if (result.rssMb !== undefined) spec.rss[tool].push(result.rssMb);
      }
    }
  }
  process.stderr.write(`cold: ${spec.name} done\n`);
}

// --- combined: every product in one package, against one package per spec -------------------------------------
// Cobrowse and the corpus's products (one form each: the docs-page copies of Accounts and Tasks define the same
// events, which one package refuses) in one run, against the sum of the separate runs of the same specs.
const COMBINED_RUNS = Math.min(RUNS, option("--combined-runs", 3));
const combined = existsSync(CORPUS) && !process.argv.includes("--no-combined") && COMBINED_RUNS > 0
  ? { files: [path.join(ROOT, "specs/webhooks.json"), ...readdirSync(CORPUS).filter((f) => f.endsWith("-webhooks.json")).sort().map((f) => path.join(CORPUS, f))], together: [], separate: [], rss: [] }
  : undefined;
if (combined !== undefined) {
  for (let run = 0; run < COMBINED_RUNS; run++) {
    const together = timeCli((out) => [OURS_CLI, ...combined.files, "--out", path.join(out, "pkg"), "--quiet"]);
    if (together.error !== undefined) {
      combined.error = together.error;
      break;
    }
    combined.together.push(together.seconds);
    if (together.rssMb !== undefined) combined.rss.push(together.rssMb);
    let sum = 0;
    for (const file of combined.files) {
      const alone = timeCli((out) => [OURS_CLI, file, "--out", path.join(out, "pkg"), "--quiet"]);
      if (alone.error !== undefined) combined.error = alone.error;
      sum += alone.seconds ?? 0;
    }
    combined.separate.push(sum);
  }
  process.stderr.write("combined: done\n");
}

// --- warm: both libraries in this process ----------------------------------------------------------------------
if (WARM_RUNS > 0) {
  const { buildPackage } = await import("../dist/index.js");
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const warmTools = {
    ours: (spec) => buildPackage({ spec: spec.file }),
    openapiTs: async (spec) => astToString(await openapiTS(new URL(`file://${spec.file}`))),
  };
  for (const spec of specs) {
    spec.warm = { ours: [], openapiTs: [] };
    for (const tool of ["ours", "openapiTs"]) {
      if (spec.errors[tool] !== undefined) continue;
      try {
        await warmTools[tool](spec); // warm-up, not counted
        for (let run = 0; run < WARM_RUNS; run++) {
          const start = process.hrtime.bigint();
          await warmTools[tool](spec);
          spec.warm[tool].push(Number(process.hrtime.bigint() - start) / 1e9);
        }
      } catch (error) {
        spec.errors[tool] = relative(String(error?.message ?? error).split("\n")[0]);
        spec.warm[tool] = [];
      }
    }
    globalThis.gc?.();
    process.stderr.write(`warm: ${spec.name} done\n`);
  }
}

// --- report ----------------------------------------------------------------------------------------------------
const TARGET_RATIO = 1.5;
const WARM_TARGET_RATIO = 1;
const mb = (x) => (x === undefined ? "—" : `${Math.round(x)} MB`);
const s = (x) => (x === undefined ? "—" : `${x.toFixed(2)} s`);
const perHundred = (x) => (x === undefined ? "—" : x >= 10 ? `${x.toFixed(1)} s` : `${x.toFixed(2)} s`);
const med = (xs) => (xs !== undefined && xs.length > 0 ? median(xs) : undefined);
const rows = [];
const targetRows = [];
for (const spec of specs) {
  const ours = med(spec.cold.ours);
  const ot = med(spec.cold.openapiTs);
  const warmOurs = med(spec.warm?.ours);
  const warmOt = med(spec.warm?.openapiTs);
  const ratio = ours !== undefined && ot !== undefined ? ours / ot : undefined;
  const noCheck = med(spec.cold.oursTypeCheck);
  const baseline = med(spec.cold.baseline);
  const per100 = (x) => (x === undefined ? undefined : (x * 100) / spec.events);
  const rssOurs = med(spec.rss.ours);
  const rssOt = med(spec.rss.openapiTs);
  rows.push(
    `| ${spec.name} | ${spec.events} | ${(spec.bytes / 1e6).toFixed(2)} MB, ${spec.nodes} nodes | ${spec.errors.ours ? "fails" : s(ours)} | ${spec.errors.oursTypeCheck ? "fails" : s(noCheck)} |${BASELINE ? ` ${spec.errors.baseline ? "fails" : s(baseline)} |` : ""} ${spec.errors.openapiTs ? "fails" : s(ot)} | ${ratio === undefined ? "—" : `${ratio.toFixed(2)}×`} | ${perHundred(per100(ours))} | ${perHundred(per100(ot))} | ${mb(rssOurs)} | ${mb(rssOt)} |` +
      (WARM_RUNS > 0 ? ` ${spec.errors.ours ? "fails" : s(warmOurs)} | ${spec.errors.openapiTs ? "fails" : s(warmOt)} | ${warmOurs !== undefined && warmOt !== undefined ? `${(warmOurs / warmOt).toFixed(2)}×` : "—"} |` : ""),
  );
  if (ratio !== undefined) {
    targetRows.push(`| ${spec.name}: ours ≤ ${TARGET_RATIO}× openapi-typescript (cold CLI) | ${ratio.toFixed(2)}× | ${ratio <= TARGET_RATIO ? "met" : "**missed**"} |`);
  }
  if (warmOurs !== undefined && warmOt !== undefined) {
    const warmRatio = warmOurs / warmOt;
    targetRows.push(`| ${spec.name}: ours ≤ ${WARM_TARGET_RATIO}× openapi-typescript (warm, in-process) | ${warmRatio.toFixed(2)}× | ${warmRatio <= WARM_TARGET_RATIO ? "met" : "**missed**"} |`);
  }
}
// Linear growth: a least-squares line through (spec size, median time) of every spec ours generates. Its intercept is
// the fixed cost (process start, loading the tools); its slope the cost per MB of spec. Growth is linear when the line
// explains the times (R² close to 1); it takes at least three specs (--all) to tell.
const measured = specs.filter((spec) => spec.cold.ours.length > 0);
/** Least-squares line through (x, median cold time): intercept (fixed cost), slope, and R². */
function fit(xs, ys) {
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const slope = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  const intercept = my - slope * mx;
  const residual = ys.reduce((sum, y, i) => sum + (y - (intercept + slope * xs[i])) ** 2, 0);
  const total = ys.reduce((sum, y) => sum + (y - my) ** 2, 0);
  return { intercept, slope, r2: total === 0 ? 1 : 1 - residual / total };
}
if (measured.length >= 2) {
  const ys = measured.map((spec) => median(spec.cold.ours));
  const status = (r2) => (measured.length < 3 ? "— (run with --all)" : r2 >= 0.95 ? "met" : "**missed**");
  const bytes = fit(measured.map((spec) => spec.bytes / 1e6), ys);
  targetRows.push(
    `| linear growth with spec size: t ≈ ${bytes.intercept.toFixed(2)} s + ${bytes.slope.toFixed(2)} s/MB over ${measured.length} specs | R² = ${bytes.r2.toFixed(3)} | ${status(bytes.r2)} |`,
  );
  // Bytes include descriptions and examples the emitters barely touch; schema nodes are what they walk.
  const nodes = fit(measured.map((spec) => spec.nodes / 1000), ys);
  targetRows.push(
    `| linear growth with schema size: t ≈ ${nodes.intercept.toFixed(2)} s + ${nodes.slope.toFixed(2)} s per 1000 schema nodes over ${measured.length} specs | R² = ${nodes.r2.toFixed(3)} | ${status(nodes.r2)} |`,
  );
}
const COMBINED_TARGET_RATIO = 0.6;
let combinedTable = [];
if (combined !== undefined && combined.error === undefined && combined.together.length > 0) {
  const together = median(combined.together);
  const separate = median(combined.separate);
  const ratio = together / separate;
  combinedTable = [
    "",
    `One package of every product against one package per spec (median of ${combined.together.length} runs each; the separate runs are one CLI run per spec, summed):`,
    "",
    "| package | specs | together (cold) | separate runs, summed (cold) | together / separate | peak RSS together |",
    "| --- | --- | --- | --- | --- | --- |",
    `| Cobrowse + the Zoom corpus's products | ${combined.files.length} | ${s(together)} | ${s(separate)} | ${ratio.toFixed(2)}× | ${mb(med(combined.rss))} |`,
  ];
  targetRows.push(`| one package of ${combined.files.length} specs ≤ ${COMBINED_TARGET_RATIO}× the separate runs' sum (cold) | ${ratio.toFixed(2)}× | ${ratio <= COMBINED_TARGET_RATIO ? "met" : "**missed**"} |`);
} else if (combined?.error !== undefined) {
  combinedTable = ["", `(combined package: ${combined.error})`];
}
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const table = [
  `Node ${process.version} on ${os.platform()} ${os.arch()}, ${cpu} (${os.cpus().length} cores); cold: median of ${RUNS} spawned CLI runs per spec and tool` +
    (WARM_RUNS > 0 ? `; warm: median of ${WARM_RUNS} in-process runs after one warm-up, nothing written.` : "."),
  "",
  `| spec | events | size | ours (cold) | ours, --type-check (cold) |${BASELINE ? " baseline (cold) |" : ""} openapi-typescript (cold) | ours / openapi-ts | ours per 100 events | openapi-ts per 100 events | ours peak RSS | openapi-ts peak RSS |${WARM_RUNS > 0 ? " ours (warm) | openapi-ts (warm) | warm ratio |" : ""}`,
  `| --- | --- | --- | --- | --- |${BASELINE ? " --- |" : ""} --- | --- | --- | --- | --- | --- |${WARM_RUNS > 0 ? " --- | --- | --- |" : ""}`,
  ...rows,
  "",
  "Ours writes the whole package (types, guards, schemas, receiver, fixtures, dist/ compiled file by file); openapi-typescript writes one file of types. `--type-check` adds a strict TypeScript check of the package (same output)." +
    (BASELINE ? ` \`baseline\`: the CLI of ${BASELINE_LABEL}.` : "") +
    " Ratios, per-100-events figures and peak RSS (median over the cold runs, the process's own maximum resident set) are for `ours` (default, unchecked). `fails`: the tool rejects the spec.",
  ...combinedTable,
  "",
  "| target | measured | status |",
  "| --- | --- | --- |",
  ...targetRows,
].join("\n");
console.log(table);
for (const spec of specs) {
  for (const [tool, error] of Object.entries(spec.errors)) console.log(`(${spec.name}, ${tool === "openapiTs" ? "openapi-typescript" : tool}: ${error})`);
}

if (process.argv.includes("--write")) {
  // Only the measured block of this section is replaced; everything else in RESULTS.md (and any analysis written
  // below the block) is kept. A missing section is appended.
  const file = new URL("./RESULTS.md", import.meta.url);
  const START = "<!-- bench:generate: measured, replaced by `npm run bench:generate -- --write` -->";
  const END = "<!-- /bench:generate -->";
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const block = `${START}\n${table}\n${END}`;
  const updated =
    existing.includes(START) && existing.includes(END)
      ? existing.slice(0, existing.indexOf(START)) + block + existing.slice(existing.indexOf(END) + END.length)
      : `${existing.replace(/\n*$/, "\n")}\n## Generation time (\`npm run bench:generate\`)\n\n${block}\n`;
  writeFileSync(file, updated);
  console.log(`\nwrote ${fileURLToPath(file)}`);
}
