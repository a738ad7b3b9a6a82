import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { DOCS_PAGE_SPEC, ROOT, SPEC, readTree, removeTempDirs, runCli, tempDir } from "./support/helpers.js";

const GENERATED = path.join(ROOT, "generated");

const realSpec = () => JSON.parse(readFileSync(SPEC, "utf8")) as Record<string, any>;
const STARTED = "/webhooks/cobrowse.session_started/post/requestBody/content/application~1json/schema";
const STACK_FRAME = /^ {4}at .+:\d+:\d+\)?$/m;

let work: string;
let good: string;

beforeAll(() => {
  work = tempDir("cg-cli-");
  good = path.join(work, "good");
  const run = runCli([SPEC, "--out", good, "--quiet"]);
  expect(run.status, run.stderr).toBe(0);
});
afterAll(removeTempDirs);

describe("generating", () => {
  it("writes the package and reports every vendor defect once, with its pointer", () => {
    const out = path.join(work, "fresh");
    const run = runCli(["specs/webhooks.json", "--out", out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Wrote \d+ files to .*fresh \(4 events, 4 warnings\)/);
    for (const event of ["cobrowse.session_started", "cobrowse.session_user_left", "cobrowse.session_user_joined", "cobrowse.session_ended"]) {
      const at = `specs/webhooks.json#/webhooks/${event}/post/responses/200`;
      expect(run.stderr.split(at).length - 1, at).toBe(1);
    }
    expect(run.stderr).toContain('missing required property "description"');
    expect(readTree(out)).toEqual(readTree(good));
  });

  it("gives byte-identical output for the docs-page form of the spec", () => {
    const out = path.join(work, "docs-page");
    const run = runCli([DOCS_PAGE_SPEC, "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("#/paths/cobrowse.session_started/post/responses/200");
    expect(readTree(out)).toEqual(readTree(good));
  });

  it("gives byte-identical output in another time zone and locale, and when run twice", () => {
    const out = path.join(work, "tz");
    const env = { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" };
    expect(runCli([SPEC, "--out", out, "-q"], { env }).status).toBe(0);
    expect(readTree(out)).toEqual(readTree(good));
    expect(runCli([SPEC, "--out", out, "-q"], { env }).status).toBe(0);
    expect(readTree(out)).toEqual(readTree(good));
  });

  it("--strict turns vendor defects into errors and writes nothing", () => {
    const out = path.join(work, "strict");
    const run = runCli([SPEC, "--out", out, "--strict"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--strict: 4 vendor defect/);
    expect(run.stderr).toMatch(/^error: .*"description"/m);
    expect(run.stderr).toContain(`#/webhooks/cobrowse.session_ended/post/responses/200`);
    expect(existsSync(out)).toBe(false);
  });

  it("--package-name and --package-version set the generated package.json", () => {
    const out = path.join(work, "named");
    expect(runCli([SPEC, "--out", out, "-q", "--package-name", "@acme/zoom-cobrowse", "--package-version", "3.1.4"]).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, "package.json"), "utf8"))).toMatchObject({ name: "@acme/zoom-cobrowse", version: "3.1.4" });
  });

  it("refuses to replace a folder it did not write", () => {
    const out = path.join(work, "precious");
    writeFileSync(path.join(work, "placeholder"), "");
    cpSync(path.join(work, "placeholder"), path.join(out, "notes.txt"), { recursive: true });
    const run = runCli([SPEC, "--out", out, "-q"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Refusing to replace/);
    expect(readdirSync(out)).toEqual(["notes.txt"]);
  });

  it("prints help and version with exit 0, and rejects unknown flags with exit 2", () => {
    expect(runCli(["--help"]).status).toBe(0);
    expect(runCli(["--help"]).stdout).toMatch(/--check/);
    expect(runCli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const unknown = runCli([SPEC, "--frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option/);
    expect(runCli([]).status).toBe(2);
  });
});

describe("--check", () => {
  const copy = (name: string) => {
    const dir = path.join(work, name);
    cpSync(good, dir, { recursive: true });
    return dir;
  };

  it("exits 0 when the folder is up to date", () => {
    const run = runCli([SPEC, "--out", good, "--check", "-q"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/up to date/);
  });

  it.each([
    ["a changed file", (dir: string) => writeFileSync(path.join(dir, "src/types.ts"), "// edited\n"), "changed: src/types.ts"],
    ["a missing file", (dir: string) => rmSync(path.join(dir, "dist/guards.js")), "missing: dist/guards.js"],
    ["an extra file", (dir: string) => writeFileSync(path.join(dir, "src/extra.ts"), ""), "extra:   src/extra.ts (would be deleted)"],
    // Every file is missing: the first 20 are listed, then how many more (not every file of the package).
    ["a missing folder", (dir: string) => rmSync(dir, { recursive: true }), "  missing: EVENTS.md\n  missing: README.md\n"],
    ["a missing folder (the count of the rest)", (dir: string) => rmSync(dir, { recursive: true }), `\n  ... and ${readTree(GENERATED).size - 20} more\nRegenerate with`],
  ])("exits 1 on %s, lists it, and changes nothing", (_, mutate, listed) => {
    const dir = copy(`stale-${listed.replace(/\W+/g, "-")}`);
    mutate(dir);
    const before = existsSync(dir) ? readTree(dir) : undefined;
    const run = runCli([SPEC, "--out", dir, "--check", "-q"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(listed);
    expect(run.stderr).toMatch(/Regenerate with: npx cobrowse-gen/);
    expect(existsSync(dir) ? readTree(dir) : undefined).toEqual(before);
  });

  it("exits 2 on bad input", () => {
    expect(runCli([path.join(work, "missing.json"), "--out", good, "--check"]).status).toBe(2);
  });
});

describe("--prettier", () => {
  it("formats every file with the prettier config for the output folder, and --check compares with the same", () => {
    const project = path.join(work, "styled");
    mkdirSync(project);
    writeFileSync(path.join(project, ".prettierrc"), JSON.stringify({ singleQuote: true, semi: false, printWidth: 80 }));
    const out = path.join(project, "pkg");
    const run = runCli([SPEC, "--out", out, "--prettier", "-q"]);
    expect(run.status, run.stderr).toBe(0);
    const guards = readFileSync(path.join(out, "src/guards.ts"), "utf8");
    expect(guards).toContain("} from './types.js'\n");
    expect(readFileSync(path.join(out, "dist/guards.js"), "utf8")).toContain("!== 'cobrowse.session_ended'");
    expect(runCli([SPEC, "--out", out, "--check", "--prettier", "-q"]).status).toBe(0);
    // The default output is the fixed formatting: the folder formatted the user's way is stale for it.
    expect(runCli([SPEC, "--out", out, "--check", "-q"]).status).toBe(1);
  });
});

describe("bad input: one clear error with file and pointer, exit 2, no stack trace, output untouched", () => {
  const cases: { title: string; content: string | null; where: RegExp; message: RegExp }[] = [
    { title: "a missing file", content: null, where: /at .*spec\.json$/m, message: /Cannot read the spec file \(no such file\)/ },
    { title: "invalid JSON", content: '{\n  "openapi": "3.1.0",\n  "info": }\n', where: /at .*spec\.json:3:11$/m, message: /not valid JSON/ },
    {
      title: "an OpenAPI 3.0 document",
      content: JSON.stringify({ ...realSpec(), openapi: "3.0.3" }),
      where: /spec\.json#\/openapi$/m,
      message: /not an OpenAPI 3\.1 document \(OpenAPI 3\.0\.3\)/,
    },
    { title: "a Swagger 2.0 document", content: JSON.stringify({ swagger: "2.0", info: {}, paths: {} }), where: /spec\.json#\(root\)$/m, message: /Swagger 2\.0/ },
    { title: "JSON that is not an object", content: "[1, 2]", where: /spec\.json#\(root\)$/m, message: /must be a JSON object/ },
    {
      title: "a spec with no webhooks",
      content: JSON.stringify({ ...realSpec(), webhooks: {} }),
      where: /spec\.json#\/webhooks$/m,
      message: /defines no webhooks/,
    },
    {
      title: "a broken $ref",
      content: (() => {
        const spec = realSpec();
        spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].schema.properties.payload = {
          $ref: "#/components/schemas/Payload",
        };
        return JSON.stringify(spec);
      })(),
      where: new RegExp(`spec\\.json#${STARTED}/properties/payload/\\$ref$`, "m"),
      message: /\$ref "#\/components\/schemas\/Payload" does not resolve/,
    },
    {
      title: "a body that is not application/json",
      content: (() => {
        const spec = realSpec();
        const content = spec.webhooks["cobrowse.session_started"].post.requestBody.content;
        content["application/xml"] = content["application/json"];
        delete content["application/json"];
        return JSON.stringify(spec);
      })(),
      where: /spec\.json#\/webhooks\/cobrowse\.session_started\/post\/requestBody\/content$/m,
      message: /no application\/json body \(found "application\/xml"\)/,
    },
    {
      title: "an unsupported schema construct",
      content: (() => {
        const spec = realSpec();
        spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].schema.properties.payload.properties.account_id = {
          type: "object",
          enum: [{ a: 1 }],
        };
        return JSON.stringify(spec);
      })(),
      where: new RegExp(`spec\\.json#${STARTED}/properties/payload/properties/account_id/enum$`, "m"),
      message: /`enum`\/`const` on objects or arrays is not supported/,
    },
  ];

  it.each(cases)("$title", ({ content, where, message }) => {
    const dir = tempDir("cg-bad-");
    const spec = path.join(dir, "spec.json");
    if (content !== null) writeFileSync(spec, content);
    const out = path.join(dir, "generated");
    cpSync(good, out, { recursive: true });
    const before = readTree(out);

    const run = runCli([spec, "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: /m);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(where);
    expect(run.stderr).toMatch(/^ {2}fix: /m);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(readTree(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(content === null ? ["generated"] : ["generated", "spec.json"]);
  });

  it("--debug adds the stack trace", () => {
    const run = runCli([path.join(work, "nope.json"), "--debug"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(STACK_FRAME);
  });
});

// Two real CLI runs racing on one folder: test/hostile/concurrent-runs.test.ts (too slow for here on two cores).
describe("the lock beside the output folder", () => {
  const lockOf = (out: string) => path.join(path.dirname(out), `.${path.basename(out)}.cobrowse-gen-lock`);
  const previous = (name: string) => {
    const out = path.join(tempDir("cg-race-"), name);
    cpSync(good, out, { recursive: true });
    writeFileSync(path.join(out, "src/types.ts"), "// an older version\n");
    return out;
  };

  it("a lock of a dead run is taken over with a note, its half-swapped folder restored first; --check does so too", () => {
    const parent = tempDir("cg-race-");
    const out = path.join(parent, "out");
    const pid = spawnSync(process.execPath, ["-e", ""]).pid as number;
    const killedMidSwap = () => {
      // What a run killed between its two renames leaves: no folder, the previous one aside, the new one beside it.
      cpSync(good, path.join(parent, ".out.cobrowse-gen-old"), { recursive: true });
      cpSync(good, path.join(parent, ".out.cobrowse-gen-new"), { recursive: true });
      writeFileSync(lockOf(out), JSON.stringify({ pid, host: hostname(), token: "dead", started: "2026-01-01T00:00:00.000Z" }) + "\n");
    };
    killedMidSwap();
    const check = runCli([SPEC, "--out", out, "--check", "-q"]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stderr).toContain(`pid ${pid}`);
    expect(readdirSync(parent)).toEqual(["out"]);
    rmSync(out, { recursive: true });
    killedMidSwap();
    const run = runCli([SPEC, "--out", out, "-q"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`note: .*pid ${pid}.*no longer running`));
    expect(readTree(out)).toEqual(readTree(good));
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  it("a lock held by a live process: exit 2 with its pid and the way out, folder untouched", () => {
    const out = previous("out");
    const before = readTree(out);
    writeFileSync(lockOf(out), JSON.stringify({ pid: process.pid, host: hostname(), token: "live", started: "2026-01-01T00:00:00.000Z" }) + "\n");
    const run = runCli([SPEC, "--out", out, "-q"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`pid ${process.pid}`);
    expect(run.stderr).toMatch(/delete .*cobrowse-gen-lock and run again/);
    expect(run.stderr).not.toMatch(/Nothing was written.*\n[\s\S]*Nothing was written/);
    expect(readTree(out)).toEqual(before);
    expect(readdirSync(path.dirname(out)).sort()).toEqual([".out.cobrowse-gen-lock", "out"]);
  });
});
