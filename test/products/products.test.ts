import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage, generate } from "../../src/index.js";
import { relocate, productLayout } from "../../src/emit/module-layout.js";
import { compilePackage } from "../support/compile.js";
import { ROOT, SPEC, importFrom, readTree, removeTempDirs, runCli, tempDir } from "../support/helpers.js";

/**
 * Several specs, one package: small specs written for this test (test/specs/products/) and the vendored Cobrowse
 * spec, end to end (slow: `npm run test:products`, also run by .ci/run). The real corpus in one package is
 * test/corpus/combined.test.ts.
 */
const ALPHA = path.join(ROOT, "test/specs/products/alpha-chat.json");
const BETA = path.join(ROOT, "test/specs/products/beta-rooms.json");
const SPECS = [ALPHA, BETA, SPEC];

type Api = Record<string, any>;
let out: string;
let files: Map<string, string>;
let root: Api;
let alpha: Api;
let rootFixtures: Api;

beforeAll(async () => {
  out = path.join(tempDir("cg-products-"), "zoom-webhooks");
  await generate({ specs: SPECS.map((file) => ({ file })), outDir: out, packageVersion: "1.0.0" });
  files = readTree(out);
  [root, alpha, rootFixtures] = await Promise.all([
    importFrom<Api>(path.join(out, "dist/index.js")),
    importFrom<Api>(path.join(out, "dist/alpha-chat/index.js")),
    importFrom<Api>(path.join(out, "dist/fixtures.js")),
  ]);
}, 120_000);
afterAll(removeTempDirs);

describe("a package of several specs", () => {
  it("has one subpath per product, named from its spec's title, besides the root entry", () => {
    const pkg = JSON.parse(files.get("package.json")!);
    expect(Object.keys(pkg.exports)).toEqual([
      ".",
      "./fixtures",
      "./alpha-chat",
      "./alpha-chat/fixtures",
      "./beta-rooms",
      "./beta-rooms/fixtures",
      "./cobrowse-sdk",
      "./cobrowse-sdk/fixtures",
      "./package.json",
      "./schemas/*",
    ]);
    for (const entry of Object.values(pkg.exports) as ({ types: string; default: string } | string)[]) {
      for (const target of typeof entry === "string" ? [entry] : [entry.types, entry.default]) {
        expect(existsSync(path.join(out, target.replace("*", "beta.room_left.json"))), target).toBe(true);
      }
    }
  });

  it("gives moduleResolution node10 (typesVersions) the same types as exports for every subpath with types", () => {
    const pkg = JSON.parse(files.get("package.json")!);
    const typed = Object.entries(pkg.exports as Record<string, { types: string } | string>).flatMap(([subpath, entry]) =>
      typeof entry === "string" || subpath === "." ? [] : [[subpath.slice("./".length), [entry.types]]],
    );
    expect(typed.length).toBe(7);
    expect(pkg.typesVersions).toEqual({ "*": Object.fromEntries(typed) });
  });

  it("names a shape two products would both name by each product's name, and keeps a name only one product wants", () => {
    const alphaTypes = files.get("src/alpha-chat/types.ts")!;
    const betaTypes = files.get("src/beta-rooms/types.ts")!;
    expect(alphaTypes).toContain("export interface AlphaChatParticipant {");
    expect(betaTypes).toContain("export interface BetaRoomsParticipant {");
    expect(alphaTypes).toContain("export interface Host {");
    expect(`${alphaTypes}\n${betaTypes}`).not.toMatch(/interface Participant\d* \{/);
    // No numbered names anywhere: collisions are resolved by product.
    for (const [file, text] of files) if (file.endsWith("types.ts")) expect(text, file).not.toMatch(/export interface [A-Za-z]+[0-9]+ \{/);
  });

  it("exports one union, map and name list over every product's events from the root, and each product's own from its subpath", () => {
    expect([...root.webhookEventNames]).toEqual([
      "alpha.message_deleted",
      "alpha.message_sent",
      "beta.room_joined",
      "beta.room_left",
      "cobrowse.session_ended",
      "cobrowse.session_started",
      "cobrowse.session_user_joined",
      "cobrowse.session_user_left",
    ]);
    expect([...alpha.webhookEventNames]).toEqual(["alpha.message_deleted", "alpha.message_sent"]);
    expect(files.get("src/types.ts")).toMatch(/export type WebhookEvent =\n  \| AlphaMessageDeletedEvent\n  \| AlphaMessageSentEvent\n  \| BetaRoomJoinedEvent/);
  });

  it("validates every product's fixtures through the root guards, and a product's subpath refuses another product's events", () => {
    let checked = 0;
    for (const [name, set] of Object.entries(rootFixtures.fixtures as Record<string, { minimal: unknown; full: unknown; variants: unknown[] }>)) {
      for (const value of [set.minimal, set.full, ...set.variants]) {
        expect(root.validateWebhookEvent(value).ok, name).toBe(true);
        expect(root.isWebhookEvent(value), name).toBe(true);
        checked++;
      }
      for (const fixture of rootFixtures.invalidFixtures[name]) {
        const result = root.validateWebhookEvent(fixture.value);
        expect(result.ok, `${name} ${fixture.name}`).toBe(false);
        expect(result.issues.map((i: { pointer: string; code: string }) => ({ pointer: i.pointer, code: i.code }))).toEqual(fixture.expected);
      }
    }
    expect(checked).toBeGreaterThan(16);
    const beta = rootFixtures.fixtures["beta.room_joined"].full;
    expect(alpha.validateWebhookEvent(beta)).toMatchObject({ ok: false, issues: [{ pointer: "/event", code: "unknown_event" }] });
    expect(alpha.isWebhookEvent(beta)).toBe(false);
    expect(root.validateBetaRoomJoinedEvent(beta).ok).toBe(true);
    expect(rootFixtures.build("beta.room_left", { payload: { object: { reason: "kicked" } } }).payload.object.reason).toBe("kicked");
  });

  it("compiles strictly (--strict --exactOptionalPropertyTypes --noUncheckedIndexedAccess, isolatedDeclarations), sources and declarations", () => {
    expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
  }, 120_000);

  it("writes each product's modules as a package of its spec alone would have them, but for the runtime's folder", async () => {
    // Alpha and Beta share a name (Participant), so their modules differ from their own packages; Cobrowse shares none.
    const alone = await buildPackage({ spec: SPEC });
    const own = new Map(alone.files.map((f) => [f.path, f.contents]));
    for (const module of ["types", "guards", "schemas", "receiver", "fixtures"]) {
      expect(files.get(`src/cobrowse-sdk/${module}.ts`), module).toBe(relocate(own.get(`src/${module}.ts`)!, productLayout("cobrowse-sdk")));
      expect(files.get(`dist/cobrowse-sdk/${module}.js`), module).toBe(relocate(own.get(`dist/${module}.js`)!, productLayout("cobrowse-sdk")));
    }
    // The fixture files are the product's own too, in the one flat fixtures/ folder (event names never repeat).
    for (const [file, contents] of own) if (file.startsWith("fixtures/")) expect(files.get(file), file).toBe(contents);
  });

  it("groups EVENTS.md by product with a table of contents, and lists the products and subpaths in the README", () => {
    const events = files.get("EVENTS.md")!;
    expect(events).toContain("## Contents\n\n- [Alpha Chat](#alpha-chat): 2 events, `zoom-webhooks/alpha-chat`\n");
    const headings = [...events.matchAll(/^(##+) (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`).filter((h) => /^###? /.test(h));
    expect(headings.slice(0, 8)).toEqual([
      "## Contents",
      "## Alpha Chat",
      "### `alpha.message_deleted`",
      "### `alpha.message_sent`",
      "## Beta Rooms",
      "### `beta.room_joined`",
      "### `beta.room_left`",
      "## Cobrowse SDK",
    ]);
    const readme = files.get("README.md")!;
    expect(readme).toContain("## Products");
    expect(readme).toMatch(/\| Beta Rooms +\| 2\.1\.0 +\| 2 +\| `zoom-webhooks\/beta-rooms` +\| `zoom-webhooks\/beta-rooms\/fixtures` +\|/);
  });

  it("routes one event of every product through the root receiver, over real HTTP", async () => {
    const seen: string[] = [];
    const secret = "products-secret";
    const on = Object.fromEntries((root.webhookEventNames as string[]).map((name) => [name, async (event: { event: string }) => void seen.push(event.event)]));
    const handler = root.createWebhookHandler({ secret, on });
    const server: Server = createServer(handler.node);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const name of ["alpha.message_sent", "beta.room_left", "cobrowse.session_started"]) {
        const body = JSON.stringify(rootFixtures.fixtures[name].full);
        const response = await fetch(`http://127.0.0.1:${port}/`, {
          method: "POST",
          headers: { "content-type": "application/json", ...root.signWebhook({ body, secret }) },
          body,
        });
        expect(response.status, name).toBe(200);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["alpha.message_sent", "beta.room_left", "cobrowse.session_started"]);
    // A product's own receiver knows only its events: a handler for another product's is refused at creation.
    expect(() => alpha.createWebhookHandler({ secret, on: { "beta.room_left": () => {} } })).toThrow(TypeError);
  });

  it("tree-shakes: a bundle of one product's guards leaves the other products' code out", async () => {
    const bundle = async (specifier: string, names: string) => {
      const dir = tempDir("cg-bundle-");
      const app = path.join(dir, "node_modules/zoom-webhooks");
      mkdirSync(path.dirname(app), { recursive: true });
      cpSync(out, app, { recursive: true });
      writeFileSync(path.join(dir, "app.js"), `import { ${names} } from ${JSON.stringify(specifier)};\nconsole.log(${names.split(",")[0]});\n`);
      const result = await build({ entryPoints: [path.join(dir, "app.js")], bundle: true, write: false, format: "esm", platform: "neutral", absWorkingDir: dir, logLevel: "silent" });
      return result.outputFiles[0]!.text;
    };
    const one = await bundle("zoom-webhooks/alpha-chat", "validateWebhookEvent");
    expect(one).toContain('"alpha.message_sent"');
    expect(one).not.toContain("beta.room_joined");
    expect(one).not.toContain("cobrowse.session");
    const all = await bundle("zoom-webhooks", "validateWebhookEvent");
    for (const name of ["alpha.message_sent", "beta.room_joined", "cobrowse.session_started"]) expect(all).toContain(`"${name}"`);
    expect(one.length).toBeLessThan(all.length / 2);
  }, 60_000);
});

describe("several specs from the command line", () => {
  it("generates, then --check passes, and a changed spec makes --check fail (exit 1)", () => {
    const dir = tempDir("cg-products-cli-");
    const alphaCopy = path.join(dir, "alpha.json");
    cpSync(ALPHA, alphaCopy);
    const target = path.join(dir, "out");
    const generated = runCli([alphaCopy, BETA, "--out", target, "--package-version", "1.0.0", "-q"]);
    expect(generated.stderr).toBe("");
    expect(generated.stdout).toMatch(/^Wrote \d+ files to .* \(4 events from 2 specs, 0 warnings\)\.\n$/);
    expect(generated.status).toBe(0);
    const check = runCli([alphaCopy, BETA, "--out", target, "--check", "-q"]);
    expect(check.stdout).toContain("is up to date");
    expect(check.status).toBe(0);
    const spec = JSON.parse(readFileSync(alphaCopy, "utf8"));
    spec.info.version = "1.1.0";
    writeFileSync(alphaCopy, JSON.stringify(spec));
    const stale = runCli([alphaCopy, BETA, "--out", target, "--check", "-q"]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain(`differs from what ${alphaCopy}, ${BETA} generate`);
  });

  it("refuses an event defined by two specs with exit 2, naming both files and pointers, and writes nothing", () => {
    const dir = tempDir("cg-products-dup-");
    const twin = path.join(dir, "twin.json");
    const spec = JSON.parse(readFileSync(BETA, "utf8"));
    spec.info.title = "Gamma";
    spec.webhooks = { "alpha.message_sent": JSON.parse(readFileSync(ALPHA, "utf8")).webhooks["alpha.message_sent"] };
    writeFileSync(twin, JSON.stringify(spec, null, 2));
    const target = path.join(dir, "out");
    mkdirSync(target);
    writeFileSync(path.join(target, "keep.txt"), "previous output");
    const run = runCli([ALPHA, twin, "--out", target]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`error: The event "alpha.message_sent" is defined by two specs: ${ALPHA} and ${twin}.`);
    expect(run.stderr).toContain(`at ${ALPHA}#/webhooks/alpha.message_sent\n`);
    expect(run.stderr).toContain(`at ${twin}#/webhooks/alpha.message_sent\n`);
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect([...readTree(target).keys()]).toEqual(["keep.txt"]);
  });
});
