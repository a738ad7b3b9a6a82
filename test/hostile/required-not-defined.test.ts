import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { compile, compilePackage } from "../support/compile.js";
import { importFrom, removeTempDirs, tempDir } from "../support/helpers.js";

/**
 * `required` naming a property `properties` does not define: in an open object JSON Schema asks for the property with
 * any value additionalProperties (or a matching patternProperties) allows; in a closed one nothing can satisfy it, and
 * rule required-not-defined drops the name. Generation exited 2 on the open case.
 */
// The patterns and additionalProperties schemas sit on objects of one value type: TypeScript checks declared
// properties against an index signature beside them.
const payload = {
  type: "object",
  required: ["id", "ghost", "open", "typed", "pat"],
  properties: {
    id: { type: "string" },
    open: { type: "object", required: ["anything"] },
    typed: { type: "object", required: ["typed_ghost"], additionalProperties: { type: "string" } },
    pat: { type: "object", required: ["x-ghost"], patternProperties: { "^x-": { type: "integer" } }, additionalProperties: false },
    closed: { type: "object", required: ["nobody"], properties: { a: { type: "string" } }, additionalProperties: false },
  },
};

const spec = {
  openapi: "3.1.0",
  info: { title: "Ghosts", version: "1.0.0" },
  webhooks: {
    "ghost.appeared": {
      post: {
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["event", "payload"],
                properties: { event: { type: "string", enum: ["ghost.appeared"] }, payload },
              },
            },
          },
        },
        responses: { "200": { description: "OK" } },
      },
    },
  },
};

let dir: string;
let out: string;
let result: Awaited<ReturnType<typeof generate>>;
beforeAll(async () => {
  dir = tempDir();
  const file = path.join(dir, "spec.json");
  writeFileSync(file, JSON.stringify(spec));
  out = path.join(dir, "out");
  result = await generate({ spec: file, outDir: out });
});
afterAll(removeTempDirs);

const AT = "/webhooks/ghost.appeared/post/requestBody/content/application~1json/schema/properties/payload";

describe("a required name properties does not define", () => {
  it("warns once per name, at its place in `required`: open objects type it, closed ones drop it (exit 2 before)", () => {
    expect(result.warnings.map((w) => `${w.code} ${w.pointer}`).sort()).toEqual(
      [
        `required-not-defined ${AT}/required/1`,
        `required-not-defined ${AT}/properties/pat/required/0`,
        `required-not-defined ${AT}/properties/open/required/0`,
        `required-not-defined ${AT}/properties/typed/required/0`,
        `rule:required-not-defined ${AT}/properties/closed/required/0`,
      ].sort(),
    );
    for (const warning of result.warnings) expect(warning.hint).toBeTruthy();
  });

  it("valid fixtures carry the property, minimal included; the catalogue has it missing", async () => {
    const api = await importFrom<any>(path.join(out, "dist/index.js"));
    const { fixtures, invalidFixtures } = await importFrom<any>(path.join(out, "dist/fixtures.js"));
    const set = fixtures["ghost.appeared"];
    for (const value of [set.minimal, set.full, ...set.variants]) {
      expect(api.validateWebhookEvent(value)).toMatchObject({ ok: true });
      expect(value.payload).toHaveProperty("ghost");
      expect(typeof value.payload.pat["x-ghost"]).toBe("number");
      expect(typeof value.payload.typed.typed_ghost).toBe("string");
      expect(value.payload.open).toHaveProperty("anything");
    }
    const names = invalidFixtures["ghost.appeared"].map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(["missing-payload-ghost", "missing-payload-pat-x_ghost", "missing-payload-open-anything"]));
    const { ghost: _, ...without } = set.minimal.payload;
    expect(api.validateWebhookEvent({ ...set.minimal, payload: without })).toMatchObject({ ok: false, issues: [{ code: "missing_property", pointer: "/payload/ghost" }] });
  });

  it("the types require it, as unknown or as additionalProperties / patternProperties type it", () => {
    expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
    const consumer = path.join(out, "consumer.ts");
    writeFileSync(
      consumer,
      [
        `import type { GhostAppearedEvent } from "./src/index.js";`,
        `type P = GhostAppearedEvent["payload"];`,
        `const ghost: unknown = null as unknown as P["ghost"];`,
        `const x: number = null as unknown as P["pat"]["x-ghost"];`,
        `const typed: string = null as unknown as P["typed"]["typed_ghost"];`,
        `// @ts-expect-error the property is required`,
        `const missing: P = { id: "a", open: { anything: 1 }, typed: { typed_ghost: "t" }, pat: { "x-ghost": 1 } };`,
        `export { ghost, x, typed, missing };`,
      ].join("\n"),
    );
    expect(compile([consumer])).toEqual([]);
  });

  it("EVENTS.md lists it as a required field", () => {
    const events = readFileSync(path.join(out, "EVENTS.md"), "utf8");
    expect(events).toMatch(/`\/payload\/ghost`\s*\|[^|]*\|\s*yes/);
    expect(events).toMatch(/`\/payload\/pat\/x-ghost`\s*\|\s*integer\s*\|\s*yes/);
  });
});
