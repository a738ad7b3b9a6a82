// npm run bench:receiver: 20 000 signed webhook requests from 50 concurrent keep-alive connections over loopback,
// against a bare node:http server that answers 200 without verifying, and the generated handler without a store, with
// memoryStore and with redisStore (a redis-server started here on 127.0.0.1, a random port and a temporary folder).
import { fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { signWebhook } from "../generated/dist/index.js";
import { build } from "../generated/dist/fixtures.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECRET = "bench-secret-token";

// Realistic bodies, each a distinct delivery (a store would answer a repeated body as a duplicate without running the
// handlers), signed once with the current time (well inside the 300 s tolerance).
let sent = 0;
function bodiesFor(count) {
  return Array.from({ length: count }, () => {
    const n = sent++;
    const name = n % 2 === 0 ? "cobrowse.session_started" : "cobrowse.session_ended";
    const body = JSON.stringify(build(name, { payload: { object: { session_id: `bench-${n}` } } }));
    return { body, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...signWebhook({ body, secret: SECRET }) } };
  });
}

function startServer(mode, env = {}) {
  // BENCH_PROFILE=<dir>: each server writes a CPU profile there.
  const execArgv = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = fork(fileURLToPath(new URL("./receiver-server.mjs", import.meta.url)), [mode], { execArgv, env: { ...process.env, ...env, BENCH_SECRET: SECRET } });
  return new Promise((resolve) => child.once("message", ({ port }) => resolve({ child, port })));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server: loopback only, no persistence, its folder removed when stopped. */
async function startRedis() {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-bench-redis-"));
  const port = await freePort();
  const child = spawn(process.env.REDIS_SERVER ?? "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    let out = "";
    child.once("error", (error) => reject(new Error(`cannot start redis-server (${error.message}): install it (Debian: apt-get install redis-server)`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("Ready to accept connections")) resolve();
    });
  });
  const stop = () => {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `redis://127.0.0.1:${port}`, stop };
}

async function load(port, bodies) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = new Float64Array(REQUESTS);
  let next = 0;
  let errors = 0;
  const one = (index) =>
    new Promise((resolve) => {
      const { body, headers } = bodies[index % bodies.length];
      const started = process.hrtime.bigint();
      const req = http.request({ host: "127.0.0.1", port, path: "/zoom", method: "POST", headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode !== 200) errors++;
          latencies[index] = Number(process.hrtime.bigint() - started) / 1e6;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (next < REQUESTS) await one(next++);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: sorted[Math.floor(REQUESTS * 0.5)], p99: sorted[Math.floor(REQUESTS * 0.99)], errors };
}

async function measure(mode, env) {
  const { child, port } = await startServer(mode, env);
  await load(port, bodiesFor(REQUESTS)); // warm-up pass, not reported
  const result = await load(port, bodiesFor(REQUESTS));
  child.send("stop");
  await new Promise((resolve) => child.once("exit", resolve));
  return result;
}

const redis = await startRedis();
let bare, ours, memory, redisStore;
try {
  bare = await measure("bare");
  ours = await measure("handler");
  memory = await measure("memory");
  redisStore = await measure("redis", { REDIS_URL: redis.url });
} finally {
  redis.stop();
}
const row = (name, r) => `| ${name} | ${Math.round(r.rps)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} | ${(r.rps / bare.rps).toFixed(2)}× |`;
console.log(`${REQUESTS} requests (each a distinct delivery), ${CONNECTIONS} concurrent keep-alive connections, loopback, Node ${process.version}\n`);
console.log("| server | requests/s | p50 ms | p99 ms | errors | vs bare |\n| --- | --- | --- | --- | --- | --- |");
console.log(row("bare node:http (answers 200, no checks)", bare));
console.log(row("createWebhookHandler: verify + validate + route", ours));
console.log(row("… with memoryStore (claim, finish)", memory));
console.log(row("… with redisStore (node-redis, one connection)", redisStore));
const targets = [
  ["store-less", ours, 0.8],
  ["memoryStore", memory, 0.8],
  ["redisStore", redisStore, 0.5],
];
console.log("");
for (const [name, r, target] of targets) {
  const ratio = r.rps / bare.rps;
  console.log(`${name}: throughput ratio ${ratio.toFixed(2)}× (target ≥ ${target}×: ${ratio >= target ? "met" : "missed"})`);
}
const errors = [bare, ours, memory, redisStore].reduce((sum, r) => sum + r.errors, 0);
console.log(`errors must be 0: ${errors === 0 ? "ok" : "FAILED"}`);
if (errors > 0) process.exitCode = 1;
