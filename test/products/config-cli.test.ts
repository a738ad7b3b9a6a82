import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, readTree, removeTempDirs, runCliAsync, tempDir } from "../support/helpers.js";

/**
 * cobrowse-gen.config.json end to end, as a user runs it: generate, --check, diff and update of a package of two
 * specs, each refreshed from its url (a local HTTP server plays Zoom).
 */
const ALPHA = path.join(ROOT, "test/specs/products/alpha-chat.json");
const BETA = path.join(ROOT, "test/specs/products/beta-rooms.json");
type Spec = Record<string, any>;
const read = (file: string): Spec => JSON.parse(readFileSync(file, "utf8"));
const objectOf = (spec: Spec, event: string) => spec.webhooks[event].post.requestBody.content["application/json"].schema.properties.payload.properties.object;

/** Alpha adds an event (non-breaking); Beta adds a role (breaking for a receiver's exhaustive switch). */
const alphaNext = (() => {
  const spec = read(ALPHA);
  spec.webhooks["alpha.message_edited"] = JSON.parse(JSON.stringify(spec.webhooks["alpha.message_sent"]).replaceAll("message_sent", "message_edited"));
  return JSON.stringify(spec, null, 2) + "\n";
})();
const betaNext = (() => {
  const spec = read(BETA);
  objectOf(spec, "beta.room_joined").properties.participant.properties.role.enum.push("observer");
  objectOf(spec, "beta.room_left").properties.participant.properties.role.enum.push("observer");
  return JSON.stringify(spec, null, 2) + "\n";
})();

let server: http.Server;
let base = "";
let dir = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = req.url === "/alpha.json" ? alphaNext : req.url === "/beta.json" ? betaNext : undefined;
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = tempDir("cg-config-cli-");
  cpSync(ALPHA, path.join(dir, "specs/alpha.json"));
  cpSync(BETA, path.join(dir, "specs/beta.json"));
  writeFileSync(
    path.join(dir, "cobrowse-gen.config.json"),
    JSON.stringify(
      {
        $schema: "./node_modules/cobrowse-gen/cobrowse-gen.config.schema.json",
        specs: [
          { file: "specs/alpha.json", url: `${base}/alpha.json` },
          { file: "specs/beta.json", url: `${base}/beta.json`, name: "rooms" },
        ],
        out: "webhooks",
        packageName: "@acme/zoom-webhooks",
      },
      null,
      2,
    ),
  );
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  removeTempDirs();
});

const cli = (args: string[]) => runCliAsync(args, { cwd: dir });

describe("a config file of two specs", () => {
  it("generates the package the config describes when no spec is given, and --check then passes", async () => {
    const run = await cli(["--package-version", "1.0.0", "-q"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Wrote \d+ files to webhooks \(4 events from 2 specs, 0 warnings\)\.\n$/);
    expect(run.status).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(dir, "webhooks/package.json"), "utf8"));
    expect(pkg.name).toBe("@acme/zoom-webhooks");
    expect(Object.keys(pkg.exports)).toContain("./rooms");
    expect(Object.keys(pkg.exports)).toContain("./alpha-chat");
    const check = await cli(["--check", "-q"]);
    expect(check.stdout).toMatch(/^webhooks is up to date/);
    expect(check.status).toBe(0);
  });

  it("diff with no arguments compares each spec with its url, as one diff over the package (exit 1: breaking)", async () => {
    const before = readTree(path.join(dir, "webhooks"));
    const run = await cli(["diff"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("alpha.message_edited");
    expect(run.stdout).toContain('"observer"');
    expect(readTree(path.join(dir, "webhooks"))).toEqual(before);
    expect(readFileSync(path.join(dir, "specs/beta.json"), "utf8")).toBe(readFileSync(BETA, "utf8"));
  });

  it("update refreshes every spec from its url: one changelog entry, one version bump, both specs vendored byte for byte", async () => {
    const run = await cli(["update"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Updated: specs/alpha.json, specs/beta.json, webhooks");
    expect(run.stdout).toContain("package version 1.0.0 → 2.0.0");
    expect(readFileSync(path.join(dir, "specs/alpha.json"), "utf8")).toBe(alphaNext);
    expect(readFileSync(path.join(dir, "specs/beta.json"), "utf8")).toBe(betaNext);
    const changelog = readFileSync(path.join(dir, "webhooks/CHANGELOG.md"), "utf8");
    expect(changelog.match(/^## /gm)).toHaveLength(1);
    expect(changelog).toMatch(/^## 2\.0\.0 \(\d{4}-\d{2}-\d{2}\)$/m);
    expect(changelog).toContain("alpha.message_edited");
    expect(changelog).toContain("observer");
    expect(JSON.parse(readFileSync(path.join(dir, "webhooks/package.json"), "utf8")).version).toBe("2.0.0");
    expect((await cli(["--check", "-q"])).status).toBe(0);
  });

  it("update --spec refreshes one spec (from a given source), leaving the other as it is", async () => {
    const next = read(path.join(dir, "specs/alpha.json"));
    next.webhooks["alpha.message_pinned"] = JSON.parse(JSON.stringify(next.webhooks["alpha.message_sent"]).replaceAll("message_sent", "message_pinned"));
    const source = path.join(dir, "alpha-pinned.json");
    writeFileSync(source, JSON.stringify(next, null, 2));
    const betaBefore = readFileSync(path.join(dir, "specs/beta.json"), "utf8");
    const run = await cli(["update", source, "--spec", "specs/alpha.json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("package version 2.0.0 → 2.1.0");
    expect(readFileSync(path.join(dir, "specs/beta.json"), "utf8")).toBe(betaBefore);
    expect(read(path.join(dir, "specs/alpha.json")).webhooks["alpha.message_pinned"]).toBeDefined();
    const changelog = readFileSync(path.join(dir, "webhooks/CHANGELOG.md"), "utf8");
    expect([...changelog.matchAll(/^## (\S+)/gm)].map((m) => m[1])).toEqual(["2.1.0", "2.0.0"]);
    expect(existsSync(path.join(dir, "webhooks/fixtures/alpha.message_pinned/full.json"))).toBe(true);
  });

  it.each([
    [["update", "--spec", "specs/other.json"], /--spec specs\/other\.json is not one of the specs of cobrowse-gen\.config\.json/],
    [["update", "new.json"], /Which spec does new\.json replace\? cobrowse-gen\.config\.json has 2/],
  ])("refuses %j with exit 2 and writes nothing", async (args, message) => {
    const before = readTree(path.join(dir, "webhooks"));
    const run = await cli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(readTree(path.join(dir, "webhooks"))).toEqual(before);
  });

  it("a config with a mistake is exit 2 at its line and column, and the package is left as it was", async () => {
    const file = path.join(dir, "cobrowse-gen.config.json");
    const good = readFileSync(file, "utf8");
    const before = readTree(path.join(dir, "webhooks"));
    try {
      writeFileSync(file, good.replace('"out": "webhooks"', '"outDir": "webhooks"'));
      const run = await cli([]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/error: Unknown key "outDir" in the config\.\n  at .*cobrowse-gen\.config\.json:\d+:\d+\n  fix: Did you mean "out"\?/);
      expect(readTree(path.join(dir, "webhooks"))).toEqual(before);
    } finally {
      writeFileSync(file, good);
    }
  });
});
