import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook } from "../generated/dist/index.js";
import { build } from "../generated/dist/fixtures.js";
import { ROOT } from "./support/helpers.js";

/** The README's example receiver, run as a user would: compiled, started with a secret, sent real requests. */
describe("examples/receiver.ts", () => {
  const secret = "example-secret";
  let child: ReturnType<typeof spawn>;
  let url = "";
  let output = "";

  beforeAll(async () => {
    const compiled = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "examples/tsconfig.json"], { cwd: ROOT, encoding: "utf8" });
    expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
    child = spawn(process.execPath, ["examples/build/receiver.js"], { cwd: ROOT, env: { ...process.env, ZOOM_WEBHOOK_SECRET_TOKEN: secret, PORT: "0" } });
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the example did not start: ${output}`)), 10_000);
      const poll = setInterval(() => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) {
          url = match[1]!;
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 20);
    });
  });
  afterAll(() => {
    child?.kill("SIGTERM");
  });

  const post = (body: string, headers: Record<string, string>) => fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

  it("answers the URL-validation handshake and logs signed events", async () => {
    const handshake = JSON.stringify({ event: "endpoint.url_validation", payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" } });
    const response = await post(handshake, signWebhook({ body: handshake, secret }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { plainToken: string }).plainToken).toBe("qgg8vlvZRS6UYooatFL8Aw");
    const event = build("cobrowse.session_ended");
    const body = JSON.stringify(event);
    expect((await post(body, signWebhook({ body, secret }))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output).toContain(`session ${event.payload.object.session_id} ended at ${event.payload.object.end_time}`);
  });

  it("refuses unsigned requests", async () => {
    const body = JSON.stringify(build("cobrowse.session_started"));
    expect((await post(body, {})).status).toBe(401);
  });

  it("exits with a clear message when the secret is not set", () => {
    const run = spawnSync(process.execPath, ["examples/build/receiver.js"], { cwd: ROOT, env: { ...process.env, ZOOM_WEBHOOK_SECRET_TOKEN: "" }, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Set ZOOM_WEBHOOK_SECRET_TOKEN/);
  });
});
