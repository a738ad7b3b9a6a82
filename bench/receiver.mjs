// npm run bench:receiver: 20 000 signed webhook requests from 50 concurrent keep-alive connections over loopback,
// against the generated handler and against a bare node:http server that answers 200 without verifying.
import { fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { signWebhook } from "../generated/dist/index.js";
import { build } from "../generated/dist/fixtures.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECRET = "bench-secret-token";

// Realistic bodies, signed once with the current time (well inside the 300 s tolerance).
const bodies = ["cobrowse.session_started", "cobrowse.session_ended"].map((name) => {
  const body = JSON.stringify(build(name));
  return { body, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...signWebhook({ body, secret: SECRET }) } };
});

function startServer(mode) {
  const child = fork(fileURLToPath(new URL("./receiver-server.mjs", import.meta.url)), [mode], { env: { ...process.env, BENCH_SECRET: SECRET } });
  return new Promise((resolve) => child.once("message", ({ port }) => resolve({ child, port })));
}

async function load(port) {
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

async function measure(mode) {
  const { child, port } = await startServer(mode);
  await load(port); // warm-up pass, not reported
  const result = await load(port);
  child.send("stop");
  await new Promise((resolve) => child.once("exit", resolve));
  return result;
}

const bare = await measure("bare");
const ours = await measure("handler");
const row = (name, r) => `| ${name} | ${Math.round(r.rps)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} |`;
console.log(`${REQUESTS} requests, ${CONNECTIONS} concurrent keep-alive connections, loopback, Node ${process.version}\n`);
console.log("| server | requests/s | p50 ms | p99 ms | errors |\n| --- | --- | --- | --- | --- |");
console.log(row("bare node:http (answers 200, no checks)", bare));
console.log(row("createWebhookHandler: verify + validate + route", ours));
const ratio = ours.rps / bare.rps;
console.log(`\nthroughput ratio ${ratio.toFixed(2)}× (target ≥ 0.8×: ${ratio >= 0.8 ? "met" : "missed"}); errors must be 0: ${ours.errors + bare.errors === 0 ? "ok" : "FAILED"}`);
if (ours.errors + bare.errors > 0) process.exitCode = 1;
