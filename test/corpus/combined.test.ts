import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CobrowseGenError, generate } from "../../src/index.js";
import type { SpecModel } from "../../src/model/model.js";
import { compilePackage } from "../support/compile.js";
import { SPEC, importFrom, readTree, removeTempDirs, tempDir } from "../support/helpers.js";
import { checkJsonSchemas } from "../support/json-schemas.js";
import { compileOracle } from "../support/oracle.js";
import { ZOOM_CORPUS, ZOOM_CORPUS_PRESENT } from "../support/zoom-corpus.js";

/**
 * Cobrowse and every product of the Zoom corpus in one package (slow: `npm run test:corpus`). The corpus has 12 files
 * but 10 products: Accounts and Tasks come in both of Zoom's forms (webhooks.json and the docs page), which define
 * the same events, so one package takes one form of each (the webhooks.json one), and both forms together are refused.
 */
const CORPUS = ZOOM_CORPUS;
const FILES = ZOOM_CORPUS_PRESENT ? readdirSync(CORPUS).filter((f) => f.endsWith(".json")).sort() : [];
const PRODUCT_FILES = FILES.filter((f) => f.endsWith("-webhooks.json"));

type Api = Record<string, any>;
let out: string;
let model: SpecModel;
let api: Api;
let fixtures: Api;

afterAll(removeTempDirs);

describe.skipIf(!ZOOM_CORPUS_PRESENT)("Cobrowse and the Zoom corpus in one package", () => {
  beforeAll(async () => {
    out = path.join(tempDir("cg-combined-"), "zoom-webhooks");
    ({ model } = await generate({ specs: [{ file: SPEC }, ...PRODUCT_FILES.map((f) => ({ file: path.join(CORPUS, f) }))], outDir: out }));
    [api, fixtures] = await Promise.all([importFrom<Api>(path.join(out, "dist/index.js")), importFrom<Api>(path.join(out, "dist/fixtures.js"))]);
  });

  it("has every event of the 11 products, each product once", () => {
    expect(PRODUCT_FILES).toHaveLength(10);
    expect(model.products?.map((p) => p.name)).toEqual([
      "cobrowse-sdk",
      "accounts",
      "calendar",
      "chatbot",
      "mail",
      "rooms",
      "scheduler",
      "tasks",
      "team-chat",
      "users",
      "video-sdk",
    ]);
    expect(model.events.length).toBe(186);
    expect(new Set(model.events.map((e) => e.typeName)).size).toBe(186);
    const names = [...model.events.map((e) => e.typeName), ...model.namedTypes.map((t) => t.name)];
    expect(new Set(names).size).toBe(names.length);
    // Collisions between products are resolved by the product's name, never by a number.
    expect(model.namedTypes.filter((t) => /\d$/.test(t.name)).map((t) => t.name)).toEqual([]);
  });

  it("compiles under --strict --exactOptionalPropertyTypes --noUncheckedIndexedAccess", () => {
    expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
  });

  it("passes every valid fixture and refuses every invalid one, in its guards and in ajv", () => {
    const oracle = compileOracle(model);
    for (const event of model.events) {
      const set = fixtures.fixtures[event.name];
      for (const value of [...set.examples, set.minimal, set.full, ...set.variants]) {
        expect(api.validateWebhookEvent(value).ok, event.name).toBe(true);
        expect(oracle.get(event.name)!(value), `ajv: ${event.name}`).toBe(true);
      }
      for (const fixture of fixtures.invalidFixtures[event.name]) {
        const result = api.validateWebhookEvent(fixture.value);
        expect(result.ok, `${event.name} ${fixture.name}`).toBe(false);
        expect(result.issues.map((i: { pointer: string; code: string }) => ({ pointer: i.pointer, code: i.code }))).toEqual(fixture.expected);
      }
    }
  });

  it("writes a JSON Schema per event that ajv 2020 compiles, accepting every valid fixture and refusing every invalid one", () => {
    const files = [...readTree(out)].filter(([file]) => file.startsWith("schemas/") || file.startsWith("fixtures/")).map(([file, contents]) => ({ path: file, contents }));
    const check = checkJsonSchemas(files);
    expect(check.disagreements).toEqual([]);
    expect(check.compiled).toBe(187);
    expect(check.valid).toBeGreaterThanOrEqual(186);
  });

  it("routes one event of every product through one receiver over real HTTP", async () => {
    const secret = "combined-secret";
    const seen: string[] = [];
    const on = Object.fromEntries(model.events.map((e) => [e.name, (event: { event: string }) => void seen.push(event.event)]));
    const server: Server = createServer(api.createWebhookHandler({ secret, on }).node);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const sent: string[] = [];
    try {
      const { port } = server.address() as AddressInfo;
      for (const product of model.products ?? []) {
        const event = model.events.find((e) => e.product === product.name)!;
        const body = JSON.stringify(fixtures.fixtures[event.name].full);
        const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: { "content-type": "application/json", ...api.signWebhook({ body, secret }) }, body });
        expect(response.status, event.name).toBe(200);
        sent.push(event.name);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(sent);
    expect(sent).toHaveLength(11);
  });

  it("tree-shakes per product: one product's guards bundle none of the other products' events", async () => {
    const dir = tempDir("cg-combined-bundle-");
    cpSync(out, path.join(dir, "node_modules/zoom-webhooks"), { recursive: true });
    for (const product of model.products ?? []) {
      const app = path.join(dir, `${product.name}.js`);
      writeFileSync(app, `import { validateWebhookEvent } from "zoom-webhooks/${product.name}";\nconsole.log(validateWebhookEvent);\n`);
      const bundled = (await build({ entryPoints: [app], bundle: true, write: false, format: "esm", platform: "neutral", absWorkingDir: dir, logLevel: "silent" })).outputFiles[0]!.text;
      for (const event of model.events) {
        expect(bundled.includes(JSON.stringify(event.name)), `${product.name} bundle and ${event.name}`).toBe(event.product === product.name);
      }
    }
  });

  it("refuses both forms of one product in one package (exit 2 naming both files)", async () => {
    const accounts = FILES.filter((f) => f.startsWith("accounts-"));
    expect(accounts).toHaveLength(2);
    const run = generate({ specs: accounts.map((f) => ({ file: path.join(CORPUS, f) })), outDir: path.join(tempDir(), "never") });
    await expect(run).rejects.toBeInstanceOf(CobrowseGenError);
    const error = (await run.catch((e: CobrowseGenError) => e)) as CobrowseGenError;
    expect(error.diagnostics[0]).toMatchObject({ code: "duplicate-event", file: path.join(CORPUS, accounts[0]!) });
    expect(error.diagnostics[1]).toMatchObject({ code: "duplicate-event", file: path.join(CORPUS, accounts[1]!) });
    expect(error.diagnostics.at(-1)!.message).toMatch(/^\.\.\. and 7 more event names defined by two specs\.$/);
  });
});
