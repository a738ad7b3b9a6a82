import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../src/index.js";
import { compile, STRICT } from "./support/compile.js";
import { removeTempDirs, ROOT, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

/**
 * The README's TypeScript snippets are these files, word for word: each compiles under a consumer's strictest
 * settings with only the globals its runtime has (npm run test:runtimes runs the receivers in their runtimes), and
 * the README has no other TypeScript snippet.
 */
const EXAMPLES: readonly {
  readonly file: string;
  readonly types: readonly string[];
}[] = [
  { file: "examples/receiver-node.ts", types: ["node"] },
  // Deno and Bun both provide node's `process` (typed as @types/node).
  { file: "examples/receiver-deno-bun.ts", types: ["node"] },
  // Workers: web globals only; `process` must not type-check here (it is undefined on older compatibility dates).
  { file: "examples/receiver-workers.ts", types: [] },
  { file: "examples/receiver-redis.ts", types: ["node"] },
  { file: "examples/handle-event.ts", types: [] },
  // The generator's own API, as a project that installed it imports it (its package name resolves to this checkout).
  { file: "examples/library-api.ts", types: ["node"] },
];

/** The bodies of the README's ```ts fences. */
function readmeSnippets(): string[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(
    (match) => match[1]!,
  );
}

/**
 * The README's example of another vendor imports the package of test/specs/other/standard-webhooks.json, generated
 * here as its section says (the root and examples tsconfigs leave it out: that package is not in node_modules).
 */
describe("examples/receiver-standard.ts", () => {
  it("compiles against the package the README's command generates", async () => {
    const out = path.join(tempDir(), "acme-billing");
    const { model } = await generate({
      spec: path.join(ROOT, "test/specs/other/standard-webhooks.json"),
      receiver: "standard",
      outDir: out,
    });
    expect(model.packageName).toBe("acme-billing-webhooks");
    const paths = {
      "acme-billing-webhooks": [path.join(out, "dist/index.d.ts")],
    };
    expect(
      compile([path.join(ROOT, "examples/receiver-standard.ts")], {
        ...STRICT,
        types: ["node"],
        paths,
      }),
    ).toEqual([]);
  });

  it("is a README snippet, word for word", () => {
    expect(readmeSnippets()).toContain(
      readFileSync(path.join(ROOT, "examples/receiver-standard.ts"), "utf8"),
    );
  });
});

describe.each(EXAMPLES)("$file", ({ file, types }) => {
  it("compiles under the strict consumer settings", () => {
    expect(
      compile([path.join(ROOT, file)], { ...STRICT, types: [...types] }),
    ).toEqual([]);
  });

  it("is a README snippet, word for word", () => {
    expect(readmeSnippets()).toContain(
      readFileSync(path.join(ROOT, file), "utf8"),
    );
  });
});

it("every TypeScript snippet of the README is one of these files", () => {
  const files = new Set(
    [...EXAMPLES.map(({ file }) => file), "examples/receiver-standard.ts"].map(
      (file) => readFileSync(path.join(ROOT, file), "utf8"),
    ),
  );
  expect(readmeSnippets().filter((snippet) => !files.has(snippet))).toEqual([]);
});

it("the Workers settings refuse process.env (the mistake the Workers snippet avoids)", () => {
  const errors = compile([path.join(ROOT, "examples/receiver-deno-bun.ts")], {
    ...STRICT,
    types: [],
  });
  expect(errors.join("\n")).toMatch(/Cannot find name 'process'/);
});
