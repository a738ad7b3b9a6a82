// npm run bench: the generated guards side by side with what a user would pick instead, in one process.
// Prints ops/s (median of rounds) and ratios; `--write` also records the table in bench/RESULTS.md.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import * as ours from "../generated/dist/index.js";
import { fixtures } from "../generated/dist/fixtures.js";
import { loadSpec, normalizeSpec, toJsonSchema } from "../dist/index.js";
import { isWebhookEventByHand } from "./hand-written.mjs";
import * as zodSchemas from "./zod-schemas.mjs";

const addFormats = addFormatsModule.default ?? addFormatsModule;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 60);

// --- inputs: the 4 spec examples, and one invalid payload per event --------------------------------------------
const valid = ours.webhookEventNames.map((name) => fixtures[name].example);
const validBodies = valid.map((v) => JSON.stringify(v));
const invalid = valid.map((v) => {
  const copy = JSON.parse(JSON.stringify(v));
  copy.event_ts = String(copy.event_ts); // wrong type
  copy.payload.object.session_id = 42; // wrong type, nested
  copy.payload.object.role_type = "admin"; // outside the enum
  copy.payload.object.zoom_added_this = true; // unknown property
  return copy;
});

// --- the alternatives ------------------------------------------------------------------------------------------
// ajv as a user sets it up today: compiled from the same (normalized) schemas, ajv-formats' default date-time check,
// one validator per event, dispatched on `event`.
const { model } = normalizeSpec(await loadSpec(fileURLToPath(new URL("../specs/webhooks.json", import.meta.url))));
const ajv = new Ajv({ strict: false });
addFormats(ajv);
const ajvByEvent = new Map(model.events.map((e) => [e.name, ajv.compile(toJsonSchema(e.body))]));
const ajvValidate = (v) => {
  const validate = typeof v === "object" && v !== null ? ajvByEvent.get(v.event) : undefined;
  return validate !== undefined && validate(v);
};
const ajvAll = new Ajv({ strict: false, allErrors: true });
addFormats(ajvAll);
const ajvAllByEvent = new Map(model.events.map((e) => [e.name, ajvAll.compile(toJsonSchema(e.body))]));
const ajvValidateAll = (v) => {
  const validate = ajvAllByEvent.get(v.event);
  return validate(v) ? null : validate.errors;
};

// Sanity: every candidate agrees on the inputs before anything is timed.
for (const v of valid) {
  const verdicts = [ours.isWebhookEvent(v), ours.validateWebhookEvent(v).ok, ajvValidate(v), zodSchemas.WebhookEvent.safeParse(v).success, isWebhookEventByHand(v)];
  if (verdicts.some((x) => x !== true)) throw new Error(`a candidate rejects a valid example: ${verdicts} ${v.event}`);
}
for (const v of invalid) {
  const verdicts = [ours.isWebhookEvent(v), ours.validateWebhookEvent(v).ok, ajvValidate(v), zodSchemas.WebhookEvent.safeParse(v).success, isWebhookEventByHand(v)];
  if (verdicts.some((x) => x !== false)) throw new Error(`a candidate accepts an invalid payload: ${verdicts}`);
}

const allow = { unknownProperties: "allow" };
let sink = 0;
const consume = (x) => {
  sink ^= x === false || x === undefined || x === null ? 1 : 2;
};
const cases = [
  // [group, name, inputs, fn]
  ["valid", "ours: isWebhookEvent", valid, (v) => consume(ours.isWebhookEvent(v))],
  ["valid", "ours: isWebhookEvent (allow)", valid, (v) => consume(ours.isWebhookEvent(v, allow))],
  ["valid", "ours: validateWebhookEvent", valid, (v) => consume(ours.validateWebhookEvent(v).ok)],
  ["valid", "ours: validateWebhookEvent (allow)", valid, (v) => consume(ours.validateWebhookEvent(v, allow).ok)],
  ["valid", "ajv + ajv-formats", valid, (v) => consume(ajvValidate(v))],
  ["valid", "zod v4 safeParse", valid, (v) => consume(zodSchemas.WebhookEvent.safeParse(v).success)],
  ["valid", "hand-written guard", valid, (v) => consume(isWebhookEventByHand(v))],
  ["body", "JSON.parse", validBodies, (b) => consume(JSON.parse(b))],
  ["body", "ours: parseWebhookEvent", validBodies, (b) => consume(ours.parseWebhookEvent(b).ok)],
  ["body", "JSON.parse + ajv", validBodies, (b) => consume(ajvValidate(JSON.parse(b)))],
  ["body", "JSON.parse + zod", validBodies, (b) => consume(zodSchemas.WebhookEvent.safeParse(JSON.parse(b)).success)],
  ["invalid", "ours: validateWebhookEvent (all issues)", invalid, (v) => consume(ours.validateWebhookEvent(v).ok)],
  ["invalid", "ours: isWebhookEvent", invalid, (v) => consume(ours.isWebhookEvent(v))],
  ["invalid", "ajv (first error)", invalid, (v) => consume(ajvValidate(v))],
  ["invalid", "ajv allErrors (all issues)", invalid, (v) => consume(ajvValidateAll(v))],
  ["invalid", "zod v4 safeParse (all issues)", invalid, (v) => consume(zodSchemas.WebhookEvent.safeParse(v).success)],
];

function batch(fn, inputs, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(inputs[i % inputs.length]);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Calibrate each case to ~BATCH_MS per batch, warming it up at the same time.
const keyOf = (group, name) => `${group}: ${name}`;
const iterations = new Map();
for (const [group, name, inputs, fn] of cases) {
  let n = 1000;
  for (;;) {
    const seconds = batch(fn, inputs, n);
    if (seconds * 1000 >= BATCH_MS / 2) {
      iterations.set(keyOf(group, name), Math.max(1000, Math.round((n * BATCH_MS) / 1000 / seconds)));
      break;
    }
    n *= 2;
  }
}
const samples = new Map(cases.map(([group, name]) => [keyOf(group, name), []]));
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order each round so no case always runs right after the same neighbour.
  for (let k = 0; k < cases.length; k++) {
    const [group, name, inputs, fn] = cases[(k + round) % cases.length];
    const n = iterations.get(keyOf(group, name));
    samples.get(keyOf(group, name)).push(n / batch(fn, inputs, n));
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const opsPerSecond = new Map([...samples].map(([key, xs]) => [key, median(xs)]));

// Approximate bytes allocated per call: heap growth over a short loop that stays below a scavenge, minus the same
// loop around a function that allocates nothing. Median of several tries.
function heapGrowth(fn, inputs, n) {
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) fn(inputs[i % inputs.length]);
  return process.memoryUsage().heapUsed - before;
}
function bytesPerCall(fn, inputs) {
  if (typeof globalThis.gc !== "function") return undefined;
  const n = 4000;
  const tries = [];
  for (let t = 0; t < 7; t++) tries.push((heapGrowth(fn, inputs, n) - heapGrowth((v) => consume(v), inputs, n)) / n);
  return Math.max(0, Math.round(median(tries)));
}
const allocations = new Map(cases.filter(([group]) => group === "valid").map(([group, name, inputs, fn]) => [keyOf(group, name), bytesPerCall(fn, inputs)]));

// --- report ----------------------------------------------------------------------------------------------------
const ops = (key) => opsPerSecond.get(key);
const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`);
const ratio = (a, b) => ops(a) / ops(b);
const REFERENCE = { valid: "valid: ours: isWebhookEvent", body: "body: JSON.parse", invalid: "invalid: ours: validateWebhookEvent (all issues)" };
const rows = cases.map(([group, name]) => {
  const key = keyOf(group, name);
  const bytes = allocations.get(key);
  return `| ${group} | ${name} | ${fmt(ops(key))} | ${(ops(key) / ops(REFERENCE[group])).toFixed(2)}× | ${bytes === undefined ? "" : `~${bytes}`} |`;
});
const targets = [
  ["isWebhookEvent ≥ 5× ajv with formats", ratio("valid: ours: isWebhookEvent", "valid: ajv + ajv-formats"), 5],
  ["validateWebhookEvent ≥ 3× ajv with formats", ratio("valid: ours: validateWebhookEvent", "valid: ajv + ajv-formats"), 3],
  ["isWebhookEvent ≥ 10× zod", ratio("valid: ours: isWebhookEvent", "valid: zod v4 safeParse"), 10],
  ["validateWebhookEvent ≥ 10× zod", ratio("valid: ours: validateWebhookEvent", "valid: zod v4 safeParse"), 10],
  ["isWebhookEvent ≥ 0.8× hand-written (same own-property and prototype safety)", ratio("valid: ours: isWebhookEvent", "valid: hand-written guard"), 0.8],
  ["parseWebhookEvent ≤ 1.25× the cost of JSON.parse", ops("body: JSON.parse") / ops("body: ours: parseWebhookEvent"), 1.25, "max"],
  ["failure path ≥ 5× zod's failure path", ratio("invalid: ours: validateWebhookEvent (all issues)", "invalid: zod v4 safeParse (all issues)"), 5],
  ["failure path ≥ 1.5× ajv allErrors (all issues)", ratio("invalid: ours: validateWebhookEvent (all issues)", "invalid: ajv allErrors (all issues)"), 1.5],
];
const targetRows = targets.map(([what, value, goal, kind]) => {
  const met = kind === "max" ? value <= goal : value >= goal;
  return `| ${what} | ${value.toFixed(2)}× | ${met ? "met" : "**missed**"} |`;
});
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const table = [
  `Node ${process.version} on ${os.platform()} ${os.arch()}, ${cpu} (${os.cpus().length} cores); median of ${ROUNDS} rounds of ~${BATCH_MS} ms; inputs: the 4 spec examples (valid, body) and one invalid payload per event (4 issues each).`,
  "",
  "| group | candidate | ops/s | vs. reference | bytes/call |",
  "| --- | --- | --- | --- | --- |",
  ...rows,
  "",
  "References: `valid` vs. our `isWebhookEvent`; `body` vs. `JSON.parse` alone; `invalid` vs. our `validateWebhookEvent`.",
  "`bytes/call` is approximate heap growth per call (needs `--expose-gc`), for the valid path.",
  "",
  "| target | measured | status |",
  "| --- | --- | --- |",
  ...targetRows,
].join("\n");
console.log(table);
if (sink === 42) console.log("(sink)");

if (process.argv.includes("--write")) {
  // The analysis below the marker is written by people and kept; only the measured part is replaced.
  const file = new URL("./RESULTS.md", import.meta.url);
  const MARKER = "<!-- analysis: kept by --write -->";
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const analysis = existing.includes(MARKER) ? existing.slice(existing.indexOf(MARKER)) : `${MARKER}\n`;
  writeFileSync(file, `# Benchmark results\n\nRecorded by \`npm run bench -- --write\`. Numbers vary by machine; the ratios are what matter.\n\n${table}\n\n${analysis}`);
  console.log(`\nwrote ${fileURLToPath(file)}`);
}
