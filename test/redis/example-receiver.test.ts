import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook } from "../../generated/dist/index.js";
import { build } from "../../generated/dist/fixtures.js";
import { ROOT } from "../support/helpers.js";
import { startRedisServer, type RedisServer } from "../support/redis-server.js";

/** The README's two instances against one Redis: examples/receiver.ts with REDIS_URL, started twice. */
describe("examples/receiver.ts with REDIS_URL", () => {
  const secret = "example-secret";
  let redis: RedisServer;
  const children: ChildProcess[] = [];
  const outputs: string[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
    const compiled = spawnSync(process.execPath, [tsc, "-p", "examples/tsconfig.json"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ["examples/build/receiver.js"], {
        cwd: ROOT,
        env: { ...process.env, ZOOM_WEBHOOK_SECRET_TOKEN: secret, PORT: "0", REDIS_URL: redis.url },
      });
      children.push(child);
      outputs.push("");
      child.stdout!.on("data", (chunk) => (outputs[i] += chunk));
      child.stderr!.on("data", (chunk) => (outputs[i] += chunk));
    }
    await Promise.all(
      children.map(
        (child, i) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`instance ${i} did not start: ${outputs[i]}`)), 10_000);
            child.once("exit", () => reject(new Error(`instance ${i} exited: ${outputs[i]}`)));
            const poll = setInterval(() => {
              const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/) \(delivery state in Redis\)/.exec(outputs[i]!);
              if (match) {
                urls[i] = match[1]!;
                clearInterval(poll);
                clearTimeout(timer);
                resolve();
              }
            }, 20);
          }),
      ),
    );
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await redis?.close();
  });

  it("an event delivered to both instances is handled once between them", async () => {
    const event = build("cobrowse.session_ended");
    const body = JSON.stringify(event);
    const send = (url: string) =>
      fetch(url, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", ...signWebhook({ body, secret }) },
      });
    const first = await send(urls[0]!);
    expect(first.status).toBe(200);
    expect((await send(urls[1]!)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const line = `session ${event.payload.object.session_id} ended at ${event.payload.object.end_time}`;
    expect(outputs.join("").split(line).length - 1).toBe(1);
  });
});
