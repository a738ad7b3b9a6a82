/**
 * A pattern that backtracks exponentially, end to end: the CLI refuses it (exit 2, pointer, hint) unless
 * `--unsafe-patterns annotate`, which generates guards that do not run it (nor does generation, on examples and
 * fixtures) and documents it as unchecked; a polynomial one is a warning and still checked.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CobrowseGenError, generate } from "../../src/index.js";
import { removeTempDirs, runCli as runCliUnbounded, tempDir } from "../support/helpers.js";

/** Every run is bounded: a pattern run on the attack string would otherwise hang it for hours. */
const runCli = (args: string[]) => runCliUnbounded(args, { timeoutMs: 60_000 });

afterAll(removeTempDirs);

const EVENT = "thing.happened";
const SCHEMA = "/webhooks/thing.happened/post/requestBody/content/application~1json/schema";
const ACCOUNT = `${SCHEMA}/properties/payload/properties/account_id`;
/** Thirty characters and one that fails: seconds for ^(a+)+$ in V8, and twice as long for each further "a". */
const ATTACK = "a".repeat(30) + "!";

function spec(accountId: Record<string, unknown>, payload: Record<string, unknown> = {}, example?: unknown): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Patterns", version: "1.0.0" },
    webhooks: {
      [EVENT]: {
        post: {
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["event", "payload"],
                  properties: {
                    event: { type: "string", enum: [EVENT] },
                    payload: { type: "object", required: ["account_id"], properties: { account_id: { type: "string", ...accountId } }, additionalProperties: false, ...payload },
                  },
                  additionalProperties: false,
                },
                ...(example !== undefined ? { example } : {}),
              },
            },
          },
          responses: { "200": { description: "OK" } },
        },
      },
    },
  };
}

function write(value: unknown): string {
  const file = path.join(tempDir("cg-patterns-"), "spec.json");
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** What the generated validateWebhookEvent says of each value, in a child process that is killed after 20 s. */
function validate(out: string, values: unknown[]): boolean[] {
  const script = `const { validateWebhookEvent } = await import(${JSON.stringify(path.join(out, "dist/index.js"))});
    const values = JSON.parse(process.argv[1]);
    process.stdout.write(JSON.stringify(values.map((v) => validateWebhookEvent(v).ok)));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(values)], { encoding: "utf8", timeout: 20_000 });
  expect(run.signal, "the guard did not answer within 20 s").toBeNull();
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as boolean[];
}

const event = (accountId: string) => ({ event: EVENT, payload: { account_id: accountId } });

describe("a pattern that backtracks exponentially", () => {
  const unsafe = { pattern: "^(a+)+$", example: ATTACK };

  it("stops generation with exit 2, the pattern's pointer and both ways out; nothing is written", () => {
    const out = path.join(tempDir(), "out");
    const run = runCli([write(spec(unsafe)), "--out", out]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('error: The pattern "^(a+)+$" backtracks exponentially');
    expect(run.stderr).toContain(`spec.json#${ACCOUNT}/pattern`);
    expect(run.stderr).toMatch(/fix: Rewrite the pattern .*--unsafe-patterns annotate/);
    expect(existsSync(out)).toBe(false);
  });

  it("--unsafe-patterns annotate: exit 0, a warning; the guard does not run it, generation neither (examples, fixtures), the docs say so", () => {
    const out = path.join(tempDir(), "out");
    // The spec's own example carries the attack string: checking it against the pattern would hang generation.
    const run = runCli([write(spec(unsafe, {}, event(ATTACK))), "--out", out, "--unsafe-patterns", "annotate"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: The pattern "^(a+)+$" backtracks exponentially');
    expect(run.stderr).toContain(`spec.json#${ACCOUNT}/pattern`);
    expect(run.stderr).toContain("--unsafe-patterns annotate: the guards do not check it");
    expect(validate(out, [event(ATTACK), event("a".repeat(100_000) + "!"), event("aaa")])).toEqual([true, true, true]);
    expect(readFileSync(path.join(out, "src/guards.ts"), "utf8")).not.toContain("(a+)+");
    expect(readFileSync(path.join(out, "EVENTS.md"), "utf8")).toContain("pattern `^(a+)+$`, not checked by the guards, since it can backtrack exponentially");
    expect(readFileSync(path.join(out, "src/types.ts"), "utf8")).toContain("Pattern `^(a+)+$` is not checked by the guards, since it can backtrack exponentially");
    const fixtures = readFileSync(path.join(out, "src/fixtures.ts"), "utf8");
    expect(fixtures).not.toContain("bad-pattern");
  });

  it("a patternProperties key: refused, or annotated, which opens its object (never stricter than the spec)", () => {
    const schema = spec({}, { patternProperties: { "^(a+)+$": { type: "integer" } } });
    const refused = runCli([write(schema), "--out", path.join(tempDir(), "out")]);
    expect(refused.status, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`spec.json#${SCHEMA}/properties/payload/patternProperties/^(a+)+$`);
    const out = path.join(tempDir(), "out");
    const run = runCli([write(schema), "--out", out, "--unsafe-patterns", "annotate"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("the guards cannot tell which properties it names");
    const named = { event: EVENT, payload: { account_id: "x", [ATTACK]: "not an integer" } };
    expect(validate(out, [named])).toEqual([true]);
    expect(readFileSync(path.join(out, "EVENTS.md"), "utf8")).toContain("patternProperties `^(a+)+$` not checked by the guards");
  });

  it("the library takes unsafePatterns, and refuses a value it does not know (exit 2 in the CLI)", async () => {
    const file = write(spec(unsafe));
    await expect(generate({ spec: file, outDir: path.join(tempDir(), "out"), unsafePatterns: "annotate" })).resolves.toMatchObject({ warnings: [expect.objectContaining({ code: "unsafe-pattern" })] });
    const bad = generate({ spec: file, outDir: path.join(tempDir(), "out"), unsafePatterns: "ignore" as never });
    await expect(bad).rejects.toBeInstanceOf(CobrowseGenError);
    await expect(bad).rejects.toThrow(/unsafePatterns must be "refuse" or "annotate", not "ignore"/);
    const run = runCli([file, "--out", path.join(tempDir(), "out"), "--unsafe-patterns", "ignore"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--unsafe-patterns.*Allowed choices are refuse, annotate/);
  });

  it("update takes --unsafe-patterns too: refused by default with nothing written, annotated on request", () => {
    const dir = tempDir("cg-patterns-update-");
    const vendored = path.join(dir, "webhooks.json");
    const out = path.join(dir, "generated");
    writeFileSync(vendored, JSON.stringify(spec({})));
    expect(runCli([vendored, "--out", out, "-q"]).status).toBe(0);
    const next = write(spec(unsafe));
    const before = readFileSync(vendored, "utf8");
    const refused = runCli(["update", next, "--spec", vendored, "--out", out]);
    expect(refused.status, refused.stderr).toBe(2);
    expect(refused.stderr).toContain("backtracks exponentially");
    expect(readFileSync(vendored, "utf8")).toBe(before);
    const annotated = runCli(["update", next, "--spec", vendored, "--out", out, "--unsafe-patterns", "annotate"]);
    expect(annotated.status, annotated.stderr).toBe(0);
    expect(annotated.stderr).toContain('warning: The pattern "^(a+)+$" backtracks exponentially');
    expect(annotated.stdout).toMatch(/pattern of .*account_id changed from none to \^\(a\+\)\+\$/);
    expect(validate(out, [event(ATTACK)])).toEqual([true]);
  });
});

describe("a pattern that backtracks polynomially", () => {
  it("is a warning with its pointer and a hint, and the guard still checks it", () => {
    const out = path.join(tempDir(), "out");
    const run = runCli([write(spec({ pattern: "^\\d+\\d+$" })), "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: The pattern "^\\\\d+\\\\d+$" backtracks polynomially');
    expect(run.stderr).toContain(`spec.json#${ACCOUNT}/pattern`);
    expect(run.stderr).toMatch(/fix: Rewrite the pattern/);
    expect(validate(out, [event("12"), event("x1")])).toEqual([true, false]);
  });
});
