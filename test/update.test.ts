import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ROOT, SPEC, readTree, removeTempDirs, runCli, runCliAsync, tempDir } from "./support/helpers.js";

type Spec = Record<string, any>;
const realText = readFileSync(SPEC, "utf8");
const object = (spec: Spec, event: string) => spec.webhooks[event].post.requestBody.content["application/json"].schema.properties.payload.properties.object;

/** The new spec Zoom "publishes": a breaking change (a new enum value), byte-exact text with odd spacing. */
const breakingText = (() => {
  const spec = JSON.parse(realText);
  object(spec, "cobrowse.session_user_left").properties.leave_reason.enum.push("Removed by agent");
  return JSON.stringify(spec, null, 3) + "\n\n";
})();
const additiveText = (() => {
  const spec = JSON.parse(realText);
  spec.webhooks["cobrowse.session_paused"] = JSON.parse(JSON.stringify(spec.webhooks["cobrowse.session_started"]).replaceAll("session_started", "session_paused"));
  return JSON.stringify(spec, null, 2);
})();

/** The breaking change published as YAML (a spec download need not be JSON). */
const breakingYaml = stringify(JSON.parse(breakingText));

const bomBytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(realText)]);
/** The real spec with one byte that is not UTF-8 (a Latin-1 "é") inside a description. */
const badAt = realText.indexOf("Cobrowse");
const invalidBytes = Buffer.concat([Buffer.from(realText.slice(0, badAt)), Buffer.from([0xe9]), Buffer.from(realText.slice(badAt))]);
const badPosition = `${realText.slice(0, badAt).split("\n").length}:${badAt - realText.lastIndexOf("\n", badAt - 1)}`;

let server: http.Server;
let base = "";
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    switch (req.url) {
      case "/breaking.json":
        res.writeHead(200, { "content-type": "application/json" }).end(breakingText);
        return;
      case "/additive.json":
        res.writeHead(200, { "content-type": "application/json" }).end(additiveText);
        return;
      case "/html":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>Zoom API Hub</title>");
        return;
      case "/breaking.yaml":
        res.writeHead(200, { "content-type": "application/yaml" }).end(breakingYaml);
        return;
      case "/markup":
        res.writeHead(200, { "content-type": "application/octet-stream" }).end("\ufeff\n  <!doctype html><title>Sign in</title>");
        return;
      case "/truncated":
        res.writeHead(200, { "content-type": "application/json", "content-length": String(breakingText.length) });
        res.write(breakingText.slice(0, 200));
        setTimeout(() => res.destroy(), 50);
        return;
      case "/bom.json":
        res.writeHead(200, { "content-type": "application/json" }).end(bomBytes);
        return;
      case "/invalid-utf8.json":
        res.writeHead(200, { "content-type": "application/json" }).end(invalidBytes);
        return;
      case "/gzip": {
        const zipped = gzipSync(Buffer.from(additiveText));
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(zipped.length) }).end(zipped);
        return;
      }
      case "/slow":
        hanging.push(res);
        return;
      default:
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  removeTempDirs();
});

/** A project folder like a user's: the vendored spec and the committed generated/ package. */
function project(): { dir: string; spec: string; out: string } {
  const dir = tempDir("cg-update-");
  const spec = path.join(dir, "webhooks.json");
  writeFileSync(spec, realText);
  cpSync(path.join(ROOT, "generated"), path.join(dir, "generated"), { recursive: true });
  return { dir, spec, out: path.join(dir, "generated") };
}

const update = (p: ReturnType<typeof project>, source: string, ...flags: string[]) =>
  runCliAsync(["update", source, "--spec", p.spec, "--out", p.out, ...flags]);

describe("cobrowse-gen update", () => {
  it("downloads, diffs, vendors byte for byte, regenerates, bumps major for a breaking change, and writes the changelog", async () => {
    const p = project();
    const report = path.join(p.dir, "report.md");
    const reportJson = path.join(p.dir, "report.json");
    const run = await update(p, `${base}/breaking.json`, "--report", report, "--report-json", reportJson);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 breaking, 0 non-breaking \(semver: major\)/);
    expect(run.stdout).toMatch(/package version 1\.0\.0 → 2\.0\.0/);
    expect(readFileSync(p.spec, "utf8")).toBe(breakingText);
    const pkg = JSON.parse(readFileSync(path.join(p.out, "package.json"), "utf8"));
    expect(pkg.version).toBe("2.0.0");
    const changelog = readFileSync(path.join(p.out, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/^# Changelog\n[\s\S]*## 2\.0\.0 \(\d{4}-\d{2}-\d{2}\)\n\n#### Zoom webhook spec[\s\S]*Removed by agent/);
    expect(readFileSync(path.join(p.out, "src/types.ts"), "utf8")).toContain('"Removed by agent"');
    expect(readFileSync(report, "utf8")).toMatch(/^### Zoom webhook spec/);
    expect(JSON.parse(readFileSync(reportJson, "utf8")).summary).toEqual({ breaking: 1, nonBreaking: 0, bump: "major" });
    // The result is fresh, and a plain regeneration keeps the version and the changelog.
    const check = runCli([p.spec, "--out", p.out, "--check", "-q"]);
    expect(check.status, check.stderr).toBe(0);

    // A second, additive update on top: minor bump, newest entry first.
    writeFileSync(path.join(p.dir, "additive.json"), additiveText);
    const again = await update(p, path.join(p.dir, "additive.json"));
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(p.out, "package.json"), "utf8")).version).toBe("2.1.0");
    const both = readFileSync(path.join(p.out, "CHANGELOG.md"), "utf8");
    expect(both.indexOf("## 2.1.0")).toBeLessThan(both.indexOf("## 2.0.0"));
    expect(both.match(/^# Changelog/gm)).toHaveLength(1);
  });

  it("--dry-run shows the diff, the version and the files, and writes nothing", async () => {
    const p = project();
    const before = readTree(p.dir);
    const run = await update(p, `${base}/additive.json`, "--dry-run");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/semver: minor/);
    expect(run.stdout).toMatch(/Would update: .* package version 1\.0\.0 → 1\.1\.0/);
    expect(run.stdout).toMatch(/fixtures\/cobrowse\.session_paused\/full\.json/);
    expect(readTree(p.dir)).toEqual(before);
  });

  it.each([
    ["a server that times out", "/slow", ["--timeout", "300"], /no answer within 300 ms/],
    ["a 404", "/missing.json", [], /HTTP 404/],
    ["an HTML page", "/html", [], /HTML page/],
    ["markup served as something else", "/markup", [], /The response is markup \(HTML or XML\), not a JSON or YAML spec/],
    ["a truncated body", "/truncated", [], /truncated|connection broke|not valid JSON/],
  ] as const)("refuses %s with exit 2 and writes nothing", async (_, route, flags, message) => {
    const p = project();
    const before = readTree(p.dir);
    const run = await update(p, `${base}${route}`, ...flags);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Nothing was written/);
    expect(readTree(p.dir)).toEqual(before);
  });

  it("takes a YAML download: vendored byte for byte, and the regenerated package is what the JSON form gives", async () => {
    const p = project();
    const run = await update(p, `${base}/breaking.yaml`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 breaking, 0 non-breaking \(semver: major\)/);
    expect(readFileSync(p.spec, "utf8")).toBe(breakingYaml);
    expect(readFileSync(path.join(p.out, "src/types.ts"), "utf8")).toContain('"Removed by agent"');
    // The vendored YAML keeps its .json name: the next run reads it by its content.
    const check = runCli([p.spec, "--out", p.out, "--check", "-q"]);
    expect(check.status, check.stderr).toBe(0);
    const asJson = path.join(p.dir, "as-json.json");
    writeFileSync(asJson, breakingText);
    const same = runCli([asJson, "--out", p.out, "--check", "-q"]);
    expect(same.status, same.stderr).toBe(0);
  });

  it("refuses a nonsense --timeout with exit 2", async () => {
    const p = project();
    const run = await update(p, `${base}/breaking.json`, "--timeout", "soon");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--timeout.*positive whole number/);
  });

  it("takes a gzip-compressed download", async () => {
    const p = project();
    const run = await update(p, `${base}/gzip`);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(p.spec, "utf8")).toBe(additiveText);
  });

  it("gives a spec whose text changed without any event change a patch release", async () => {
    const p = project();
    const reformatted = path.join(p.dir, "reformatted.json");
    writeFileSync(reformatted, JSON.stringify(JSON.parse(realText)));
    const run = await update(p, reformatted);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/package version 1\.0\.0 → 1\.0\.1/);
    expect(readFileSync(path.join(p.out, "CHANGELOG.md"), "utf8")).toMatch(/## 1\.0\.1/);
    const same = await update(p, reformatted);
    expect(same.stdout).toMatch(/package version 1\.0\.1 → 1\.0\.1/);
    expect(readFileSync(path.join(p.out, "CHANGELOG.md"), "utf8").match(/^## /gm)).toHaveLength(1);
  });

  it("vendors a spec with a BOM byte for byte: the BOM is kept, the spec is called changed (a patch release)", async () => {
    const p = project();
    const run = await update(p, `${base}/bom.json`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/\(unchanged\)/);
    expect(run.stdout).toMatch(/package version 1\.0\.0 → 1\.0\.1/);
    expect(readFileSync(p.spec).equals(bomBytes)).toBe(true);
    // The vendored spec with its BOM generates the same package.
    const check = runCli([p.spec, "--out", p.out, "--check", "-q"]);
    expect(check.status, check.stderr).toBe(0);
    // Same bytes again: unchanged, no second release.
    const same = await update(p, `${base}/bom.json`);
    expect(same.stdout).toMatch(/\(unchanged\), .* package version 1\.0\.1 → 1\.0\.1/);
  });

  it.each([
    ["a download", true],
    ["a file", false],
  ])("refuses %s that is not valid UTF-8 with exit 2 at line:column and byte offset, writing nothing", async (_, download) => {
    const p = project();
    const file = path.join(p.dir, "latin1.json");
    if (!download) writeFileSync(file, invalidBytes);
    const before = readTree(p.dir);
    const source = download ? `${base}/invalid-utf8.json` : file;
    const run = await update(p, source);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain("not valid UTF-8");
    expect(run.stderr).toContain(`offset ${badAt} (e9`);
    expect(run.stderr).toContain(`${source}:${badPosition}`);
    expect(run.stderr).toMatch(/fix: Save the file as UTF-8/);
    expect(run.stderr).toMatch(/Nothing was written/);
    expect(readTree(p.dir)).toEqual(before);
  });

  it("says clearly when a report cannot be written, before writing anything else", async () => {
    const p = project();
    const before = readTree(p.dir);
    const run = await update(p, `${base}/breaking.json`, "--report", path.join(p.dir, "missing-folder", "report.md"));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Cannot write the report/);
    expect(readTree(p.dir)).toEqual(before);
  });

  it("refuses a spec over --max-bytes, and an invalid new spec, writing nothing", async () => {
    const p = project();
    const before = readTree(p.dir);
    expect((await update(p, `${base}/breaking.json`, "--max-bytes", "1000")).stderr).toMatch(/limit/);
    writeFileSync(path.join(p.dir, "bad.json"), '{"openapi": "3.0.0"}');
    const before2 = readTree(p.dir);
    const bad = await update(p, path.join(p.dir, "bad.json"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not an OpenAPI 3\.1 document/);
    expect(readTree(p.dir)).toEqual(before2);
    expect(before.size).toBe(before2.size - 1);
  });
});

describe("the CI recipe", () => {
  it("ships a workflow that runs update with Zoom's URL as an overridable input, the tests, and opens a pull request", () => {
    const file = path.join(ROOT, ".github/workflows/zoom-spec-update.yml");
    expect(existsSync(file)).toBe(true);
    const workflow = readFileSync(file, "utf8");
    expect(workflow).toMatch(/schedule:/);
    expect(workflow).toMatch(/workflow_dispatch:/);
    expect(workflow).toContain("https://developers.zoom.us/api-hub/cobrowse-sdk/events/webhooks.json");
    expect(workflow).toMatch(/npx cobrowse-gen update .* --report .* --report-json/);
    expect(workflow).toMatch(/npm test/);
    expect(workflow).toMatch(/breaking/);
  });
});
