import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, SPEC, readTree, removeTempDirs, tempDir } from "../support/helpers.js";

const GENERATED = path.join(ROOT, "generated");
const GENERATED_NAME = (JSON.parse(readFileSync(path.join(GENERATED, "package.json"), "utf8")) as { name: string }).name;
const OWN = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund"];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * What `npm run test:pack` passes down that would tie a child npm to this checkout (its package, its folder as the
 * project, the running script): a project elsewhere must see none of it. npm's own settings (cache, registry) stay.
 */
function isolatedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_command$|INIT_CWD$)/i.test(name)),
  );
}

function run(command: string, args: readonly string[], cwd: string): Run {
  const child = spawnSync(command, args, { cwd, env: isolatedEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

function ok(command: string, args: readonly string[], cwd: string): Run {
  const result = run(command, args, cwd);
  expect(result.status, `${command} ${args.join(" ")} in ${cwd}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

/** `npm pack` of the package at `dir` into `into`: the tarball's path and the files npm put in it. */
function pack(dir: string, into: string): { tarball: string; files: string[] } {
  const [report] = JSON.parse(ok("npm", ["pack", "--json", "--pack-destination", into], dir).stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: path.join(into, report!.filename), files: report!.files.map((file) => file.path).sort() };
}

/** An empty npm project in the OS temp folder: nothing above it to resolve packages from this checkout. */
function emptyProject(name: string): string {
  const dir = tempDir(`cg-pack-${name}-`);
  expect(path.relative(ROOT, dir).startsWith(".."), dir).toBe(true);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", private: true, type: "module" }, null, 2) + "\n");
  return dir;
}

/** Validates one good and one invalid fixture of the first event through the package's root guards. */
const CONSUMER = (pkg: string) => `import { validateWebhookEvent, webhookEventNames } from ${JSON.stringify(pkg)};
import { fixtures, invalidFixtures } from ${JSON.stringify(`${pkg}/fixtures`)};
const name = webhookEventNames[0];
const good = validateWebhookEvent(fixtures[name].full);
const bad = validateWebhookEvent(invalidFixtures[name][0].value);
process.stdout.write(JSON.stringify({ name, good: good.ok, bad: bad.ok }));
`;

let work: string;
let generator: { tarball: string; files: string[] };
let generated: { tarball: string; files: string[] };

beforeAll(() => {
  work = tempDir("cg-pack-tarballs-");
  // prepack builds dist/ from scratch: the tarball is what `npm publish` would upload.
  generator = pack(ROOT, work);
  generated = pack(GENERATED, work);
});
afterAll(removeTempDirs);

describe("the generator's tarball", () => {
  it("holds what the generator reads at run time, and nothing else of the repository", () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "dist/runtime.json"), "utf8")) as { modules: { name: string }[] };
    const runtime = manifest.modules.flatMap(({ name }) => [`src/runtime/${name}.ts`, `dist/runtime/${name}.js`, `dist/runtime/${name}.d.ts`]);
    const needed = ["package.json", "README.md", "LICENSE", "cobrowse-gen.config.schema.json", "bin/cobrowse-gen.js", "dist/cli/run-cli.js", "dist/index.js", "dist/index.d.ts", "dist/runtime.json", ...runtime];
    expect(needed.filter((file) => !generator.files.includes(file))).toEqual([]);
    const outside = generator.files.filter((file) => !needed.includes(file) && !/^dist\/(?!runtime\/)[^]+\.(js|d\.ts|js\.map)$/.test(file));
    expect(outside).toEqual([]);
  });

  it("installs into an empty project, and generates, checks and diffs there; the package it wrote imports and validates", () => {
    const project = emptyProject("generator-consumer");
    ok("npm", [...INSTALL, generator.tarball], project);
    mkdirSync(path.join(project, "specs"));
    copyFileSync(SPEC, path.join(project, "specs/webhooks.json"));
    // --no: a missing bin must fail here, never fetch a package of that name from the registry.
    const npx = (...args: string[]) => ok("npx", ["--no", "--", "cobrowse-gen", ...args], project);

    expect(npx("--version").stdout.trim()).toBe(OWN.version);
    expect(npx("specs/webhooks.json").stdout).toMatch(/^Wrote \d+ files to generated /m);
    expect(npx("specs/webhooks.json", "--check").stdout).toMatch(/is up to date/);
    expect(npx("diff", "specs/webhooks.json", "specs/webhooks.json").stdout).toMatch(/No changes/);
    // The installed generator, runtime copies and all, writes what this checkout's does (CI keeps generated/ fresh).
    expect(readTree(path.join(project, "generated"))).toEqual(readTree(GENERATED));

    ok("npm", [...INSTALL, "./generated"], project);
    writeFileSync(path.join(project, "consume.js"), CONSUMER(GENERATED_NAME));
    expect(JSON.parse(ok("node", ["consume.js"], project).stdout)).toMatchObject({ good: true, bad: false });
  });
});

describe("the generated package's tarball", () => {
  it("installs into an empty project and imports by name: the root, ./fixtures and ./schemas/*", () => {
    const project = emptyProject("generated-consumer");
    ok("npm", [...INSTALL, generated.tarball], project);
    writeFileSync(path.join(project, "consume.js"), CONSUMER(GENERATED_NAME));
    const result = JSON.parse(ok("node", ["consume.js"], project).stdout) as { name: string };
    expect(result).toMatchObject({ good: true, bad: false });

    writeFileSync(
      path.join(project, "schemas.js"),
      `import index from ${JSON.stringify(`${GENERATED_NAME}/schemas/index.json`)} with { type: "json" };
import event from ${JSON.stringify(`${GENERATED_NAME}/schemas/${result.name}.json`)} with { type: "json" };
process.stdout.write(JSON.stringify({ index: index.$id, event: event.$id }));
`,
    );
    const ids = JSON.parse(ok("node", ["schemas.js"], project).stdout) as { index: string; event: string };
    expect(ids.index).toMatch(/schemas\/index\.json$/);
    expect(ids.event).toMatch(new RegExp(`schemas/${result.name.replace(/\./g, "\\.")}\\.json$`));
  });
});

describe("publint and arethetypeswrong", () => {
  const tarballs = [
    { name: "the generator", tarball: () => generator.tarball },
    { name: "the generated package", tarball: () => generated.tarball },
  ];

  it.each(tarballs)("publint reports nothing for $name", async ({ tarball }) => {
    const buffer = readFileSync(tarball());
    const { messages, pkg } = await publint({ pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) }, level: "suggestion" });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`)).toEqual([]);
  });

  // Both packages are ESM only, on purpose: the one rule left out is that require() of them gets ES modules (which
  // Node.js >= 20.19 / 22.12 loads, and older ones refuse). Every resolution, node10 included, must still find types.
  it.each(tarballs)("arethetypeswrong reports nothing for $name but that it is ESM", ({ tarball }) => {
    ok(path.join(ROOT, "node_modules/.bin/attw"), [tarball(), "--ignore-rules", "cjs-resolves-to-esm", "--format", "ascii", "--no-color"], work);
  });
});
