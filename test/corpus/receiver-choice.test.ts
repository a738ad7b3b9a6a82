import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage, generate, updateSpec } from "../../src/index.js";
import { CobrowseGenError } from "../../src/errors.js";
import { compilePackage } from "../support/compile.js";
import {
  importFrom,
  removeTempDirs,
  runCli,
  SPEC,
  tempDir,
} from "../support/helpers.js";
import { webhook, webhookSpec } from "../support/spec-builders.js";

afterAll(removeTempDirs);

/** A spec in Zoom's event shape, from another vendor's host. */
function vendorSpec(servers: unknown): string {
  const spec = {
    ...webhookSpec("Acme Billing", {
      "invoice.created": webhook("invoice.created", {
        properties: { id: { type: "string" } },
        required: ["id"],
      }),
      "invoice.paid": webhook("invoice.paid", {
        properties: { id: { type: "string" }, amount: { type: "integer" } },
        required: ["id", "amount"],
      }),
    }),
    ...(servers === undefined ? {} : { servers }),
  };
  const file = path.join(tempDir(), "acme.json");
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe("the receiver a package gets", () => {
  it.each<[string, unknown, string | undefined, string]>([
    ["Zoom's spec", undefined, undefined, "zoom"],
    [
      "a spec whose servers are a template",
      [{ url: "https://{your-endpoint-url}" }],
      undefined,
      "zoom",
    ],
    [
      "a spec whose servers are Zoom's",
      [{ url: "https://api.zoom.us/v2" }],
      undefined,
      "zoom",
    ],
    [
      "a spec whose servers are another vendor's",
      [{ url: "https://api.acme.test/hooks" }],
      undefined,
      "none",
    ],
    [
      "another vendor's spec, asked for Zoom's receiver",
      [{ url: "https://api.acme.test" }],
      "zoom",
      "zoom",
    ],
    [
      "another vendor's spec, asked for Standard Webhooks",
      [{ url: "https://api.acme.test" }],
      "standard",
      "standard",
    ],
    ["Zoom's shape, asked for none", undefined, "none", "none"],
  ])("%s", async (_name, servers, receiver, expected) => {
    const { model, warnings, files } = await buildPackage({
      spec: vendorSpec(servers),
      ...(receiver ? { receiver: receiver as never } : {}),
    });
    expect(model.receiver ?? "zoom").toBe(expected);
    expect(warnings.some((w) => w.code === "receiver")).toBe(
      expected === "none" && receiver === undefined,
    );
    const receiverTs = files.find(
      (f) => f.path === "src/receiver.ts",
    )!.contents;
    expect(receiverTs.includes("export function createWebhookRouter")).toBe(
      expected !== "zoom",
    );
    expect(receiverTs.includes("export function createWebhookHandler")).toBe(
      expected !== "none",
    );
    expect(receiverTs.includes("STANDARD_WEBHOOK_SCHEME")).toBe(
      expected === "standard",
    );
    const runtime = files
      .filter((f) => f.path.startsWith("src/runtime/"))
      .map((f) => f.path);
    expect(runtime.includes("src/runtime/create-router.ts")).toBe(
      expected !== "zoom",
    );
  });

  it("refuses an unknown receiver kind with exit 2, writing nothing", () => {
    const out = path.join(tempDir(), "out");
    const run = runCli([SPEC, "--receiver", "svix", "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /--receiver.*svix|svix.*invalid|Allowed choices/i,
    );
  });

  it("refuses an unknown receiver kind from the library with a typed error", async () => {
    await expect(
      buildPackage({ spec: SPEC, receiver: "svix" as never }),
    ).rejects.toThrow(CobrowseGenError);
  });

  it("generates a router package that type-checks and routes its own fixtures", async () => {
    const out = path.join(tempDir(), "pkg");
    await generate({
      spec: vendorSpec([{ url: "https://api.acme.test" }]),
      outDir: out,
    });
    const { sources, declarations } = compilePackage(out);
    expect(sources).toEqual([]);
    expect(declarations).toEqual([]);
    const { createWebhookRouter } = await importFrom<
      typeof import("../support/router-package.js")
    >(path.join(out, "dist/receiver.js"));
    const { fixtures, invalidFixtures } = await importFrom<{
      fixtures: Record<string, Record<string, unknown>>;
      invalidFixtures: Record<string, { value: unknown }[]>;
    }>(path.join(out, "dist/fixtures.js"));
    const seen: string[] = [];
    const router = createWebhookRouter({
      on: {
        "invoice.created": (e: { event: string }) => void seen.push(e.event),
        "invoice.paid": (e: { event: string }) => void seen.push(e.event),
      },
      onError: () => undefined,
    });
    for (const [name, set] of Object.entries(fixtures)) {
      for (const key of ["minimal", "full"]) {
        const outcome = await router.routeBody(JSON.stringify(set[key]));
        expect(outcome, `${name} ${key}`).toEqual({
          status: "handled",
          event: name,
        });
      }
    }
    expect(seen).toEqual([
      "invoice.created",
      "invoice.created",
      "invoice.paid",
      "invoice.paid",
    ]);
    for (const [name, cases] of Object.entries(invalidFixtures)) {
      for (const invalid of cases) {
        const outcome = await router.route(invalid.value);
        expect(["invalid", "unknown"], name).toContain(outcome.status);
      }
    }
  });
});

describe("the Standard Webhooks receiver (--receiver standard), over real HTTP", () => {
  const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  let url: string;
  let close: () => Promise<void>;
  const seen: unknown[] = [];
  const errors: string[] = [];

  let out: string;
  beforeAll(async () => {
    out = path.join(tempDir(), "pkg");
    await generate({
      spec: vendorSpec([{ url: "https://api.acme.test" }]),
      outDir: out,
      receiver: "standard",
    });
    expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
    const receiver = await importFrom<{
      createWebhookHandler(options: unknown): {
        node: (req: unknown, res: unknown) => void;
      };
    }>(path.join(out, "dist/receiver.js"));
    expect(() => receiver.createWebhookHandler({ secret: "" })).toThrow(
      /options.secret is an empty string: .*signing secret/,
    );
    expect(() =>
      receiver.createWebhookHandler({ secret: "whsec_not base64!" }),
    ).toThrow(/options.secret cannot be used/);
    const handler = receiver.createWebhookHandler({
      secret: [
        "whsec_" +
          Buffer.from("an old key that was rotated out").toString("base64"),
        SECRET,
      ],
      on: { "invoice.paid": (event: unknown) => void seen.push(event) },
      onError: (_error: unknown, context: { stage: string }) =>
        void errors.push(context.stage),
    });
    const server = http.createServer((req, res) => handler.node(req, res));
    await new Promise<void>((resolve) =>
      server.listen(0, "127.0.0.1", resolve),
    );
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close?.());

  const body = JSON.stringify({
    event: "invoice.paid",
    id: "inv_1",
    amount: 5,
  });
  const post = (headers: Record<string, string>, text = body) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: text,
    });

  it("accepts a delivery signed by the reference library, and routes it", async () => {
    seen.length = 0;
    const response = await post(signed(SECRET));
    expect(response.status).toBe(200);
    expect(seen).toEqual([JSON.parse(body)]);
  });

  it.each<[string, () => Record<string, string>, string?]>([
    ["no signature headers", () => ({})],
    [
      "Zoom's headers instead",
      () => ({
        "x-zm-signature": "v0=" + "0".repeat(64),
        "x-zm-request-timestamp": String(Math.floor(Date.now() / 1000)),
      }),
    ],
    [
      "a signature by another secret",
      () => signed("whsec_" + Buffer.from("someone else").toString("base64")),
    ],
    [
      "a replay from ten minutes ago",
      () => signed(SECRET, Math.floor(Date.now() / 1000) - 600),
    ],
    [
      "a tampered body",
      () => signed(SECRET),
      body.replace('"amount":5', '"amount":500'),
    ],
  ])("refuses %s with 401", async (_name, headers, text) => {
    seen.length = 0;
    const response = await post(headers(), text);
    expect(response.status).toBe(401);
    expect(seen).toEqual([]);
  });

  it("with a store, handles a redelivery (the same message signed again later) once", async () => {
    const receiver = await importFrom<{
      createWebhookHandler(options: unknown): {
        fetch(request: Request): Promise<Response>;
      };
      memoryStore(): unknown;
    }>(path.join(out, "dist/receiver.js"));
    const handled: unknown[] = [];
    const handler = receiver.createWebhookHandler({
      secret: SECRET,
      store: receiver.memoryStore(),
      on: { "invoice.paid": (event: unknown) => void handled.push(event) },
    });
    const deliver = (timestamp: number) =>
      handler.fetch(
        new Request("http://127.0.0.1/hooks", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...signed(SECRET, timestamp),
          },
          body,
        }),
      );
    const now = Math.floor(Date.now() / 1000);
    expect((await deliver(now - 60)).status).toBe(200);
    expect((await deliver(now)).status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it("does not answer Zoom's URL-validation handshake (no such thing in Standard Webhooks)", async () => {
    const handshake = JSON.stringify({
      event: "endpoint.url_validation",
      payload: { plainToken: "abc" },
    });
    const response = await post(
      signed(SECRET, undefined, handshake),
      handshake,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain("encryptedToken");
  });

  /** The three headers, signed by the reference library. */
  function signed(
    secret: string,
    timestamp = Math.floor(Date.now() / 1000),
    text = body,
  ): Record<string, string> {
    const signature = new Webhook(secret).sign(
      "msg_2",
      new Date(timestamp * 1000),
      text,
    );
    return {
      "webhook-id": "msg_2",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signature,
    };
  }
});

describe("update keeps the receiver it is given", () => {
  it.each<[string, "standard" | undefined, boolean]>([
    ["--receiver standard again", "standard", true],
    [
      "no --receiver (the default for another vendor's spec: the router alone)",
      undefined,
      false,
    ],
  ])("with %s", async (_name, receiver, standard) => {
    const dir = tempDir();
    const spec = path.join(dir, "acme.json");
    const source = vendorSpec([{ url: "https://api.acme.test" }]);
    writeFileSync(spec, readFileSync(source));
    const out = path.join(dir, "pkg");
    await generate({ spec, outDir: out, receiver: "standard" });
    const changed = JSON.parse(readFileSync(source, "utf8"));
    changed.info.version = "1.1.0";
    writeFileSync(source, JSON.stringify(changed));
    await updateSpec({
      source,
      spec,
      outDir: out,
      ...(receiver ? { receiver } : {}),
    });
    expect(
      readFileSync(path.join(out, "src/receiver.ts"), "utf8").includes(
        "STANDARD_WEBHOOK_SCHEME",
      ),
    ).toBe(standard);
  });
});
