import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ValidateFunction } from "ajv";
import { generate } from "../src/index.js";
import type { EventModel, SchemaNode } from "../src/model/model.js";
import { KITCHEN_SINK_SPEC, SPEC, importFrom, readTree, removeTempDirs, tempDir } from "./support/helpers.js";
import { compileOracle } from "./support/oracle.js";

interface Subject {
  dir: string;
  events: readonly EventModel[];
  api: Record<string, any>;
  fx: Record<string, any>;
  oracle: Map<string, ValidateFunction>;
}
const subjects = new Map<string, Subject>();

beforeAll(async () => {
  for (const [name, spec] of [["cobrowse", SPEC], ["kitchen-sink", KITCHEN_SINK_SPEC]] as const) {
    const dir = path.join(tempDir(), name);
    const { model } = await generate({ spec, outDir: dir });
    subjects.set(name, {
      dir,
      events: model.events,
      api: await importFrom(path.join(dir, "dist/index.js")),
      fx: await importFrom(path.join(dir, "dist/fixtures.js")),
      oracle: compileOracle(model),
    });
  }
});
afterAll(removeTempDirs);

describe.each(["cobrowse", "kitchen-sink"])("fixtures (%s)", (name) => {
  it("every valid fixture passes the generated guard and ajv", () => {
    const { events, api, fx, oracle } = subjects.get(name)!;
    let count = 0;
    for (const event of events) {
      const set = fx.fixtures[event.name];
      const all = [...set.examples, set.minimal, set.full, ...set.variants];
      expect(set.example).toEqual(set.examples[0]);
      for (const value of all) {
        expect(api.validateWebhookEvent(value), event.name).toMatchObject({ ok: true, warnings: [] });
        expect(oracle.get(event.name)!(value), event.name).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(events.length * 3);
  });

  it("every invalid fixture fails with exactly the issues it is labelled with", () => {
    const { events, api, fx, oracle } = subjects.get(name)!;
    for (const event of events) {
      const invalid = fx.invalidFixtures[event.name] as { name: string; expected: { pointer: string; code: string }[]; value: unknown }[];
      expect(invalid.length).toBeGreaterThan(2);
      expect(new Set(invalid.map((f) => f.name)).size).toBe(invalid.length);
      for (const fixture of invalid) {
        const result = api.validateWebhookEvent(fixture.value);
        expect(result.ok, fixture.name).toBe(false);
        expect(result.issues.map((i: { pointer: string; code: string }) => ({ pointer: i.pointer, code: i.code })), `${event.name} ${fixture.name}`).toEqual(fixture.expected);
        // ajv skips schema properties named __proto__ (see the differential test), so it cannot judge those cases.
        if (!fixture.name.includes("__proto__")) expect(oracle.get(event.name)!(fixture.value), `ajv on ${fixture.name}`).toBe(false);
      }
    }
  });

  it("the catalogue covers each kind of fault the issue lists", () => {
    const { events, fx } = subjects.get(name)!;
    for (const event of events) {
      const codes = new Set((fx.invalidFixtures[event.name] as { expected: { code: string }[] }[]).flatMap((f) => f.expected.map((e) => e.code)));
      expect([...codes].sort(), event.name).toEqual(expect.arrayContaining(["missing_property", "invalid_type", "unknown_event"]));
      const walk = (node: SchemaNode): { enums: boolean; formats: boolean; closed: boolean } => {
        const here = { enums: "enum" in node && !!node.enum && node.pointer.endsWith("/event") === false, formats: "format" in node && ["date-time", "date", "int32"].includes(String(node.format)), closed: node.kind === "object" && !node.additionalProperties };
        const children = node.kind === "object" ? node.properties.map((p) => walk(p.schema)) : node.kind === "array" ? [walk(node.items)] : [];
        return children.reduce((a, b) => ({ enums: a.enums || b.enums, formats: a.formats || b.formats, closed: a.closed || b.closed }), here);
      };
      const has = walk(event.body);
      if (has.enums) expect(codes.has("invalid_enum"), event.name).toBe(true);
      if (has.formats) expect(codes.has("invalid_format"), event.name).toBe(true);
      if (has.closed) expect(codes.has("unknown_property"), event.name).toBe(true);
    }
  });

  it("full and its variants show every enum value at least once", () => {
    const { events, fx } = subjects.get(name)!;
    for (const event of events) {
      const set = fx.fixtures[event.name];
      const seen = new Map<string, Set<unknown>>();
      const collect = (node: SchemaNode, value: unknown, at: string) => {
        if ("enum" in node && node.enum) seen.set(at, new Set([...(seen.get(at) ?? []), value]));
        if (node.kind === "object" && value && typeof value === "object") {
          for (const p of node.properties) if (Object.prototype.hasOwnProperty.call(value, p.name)) collect(p.schema, (value as any)[p.name], `${at}/${p.name}`);
        }
        if (node.kind === "array" && Array.isArray(value)) value.forEach((item) => collect(node.items, item, `${at}/*`));
      };
      for (const value of [set.full, ...set.variants]) collect(event.body, value, "");
      const expectEnums = (node: SchemaNode, at: string) => {
        if ("enum" in node && node.enum) expect([...(seen.get(at) ?? [])].filter((v) => v !== null).sort(), `${event.name} ${at}`).toEqual([...node.enum].sort());
        if (node.kind === "object") for (const p of node.properties) expectEnums(p.schema, `${at}/${p.name}`);
        if (node.kind === "array") expectEnums(node.items, `${at}/*`);
      };
      expectEnums(event.body, "");
      // minimal has exactly the required properties, full has all of them.
      for (const p of event.body.properties) {
        expect(Object.prototype.hasOwnProperty.call(set.minimal, p.name), `${event.name} minimal ${p.name}`).toBe(p.required);
        expect(Object.prototype.hasOwnProperty.call(set.full, p.name), `${event.name} full ${p.name}`).toBe(true);
      }
    }
  });

  it("the JSON files hold the same fixtures as the module", () => {
    const { dir, events, fx } = subjects.get(name)!;
    const files = readTree(path.join(dir, "fixtures"));
    for (const event of events) {
      const json = (file: string) => JSON.parse(files.get(`${event.fileName}/${file}`)!);
      const set = fx.fixtures[event.name];
      expect(json("minimal.json")).toEqual(set.minimal);
      expect(json("full.json")).toEqual(set.full);
      set.variants.forEach((variant: unknown, i: number) => expect(json(`full-${i + 2}.json`)).toEqual(variant));
      for (const invalid of fx.invalidFixtures[event.name]) {
        expect(json(`invalid/${invalid.name}.json`)).toEqual({ description: invalid.description, expected: invalid.expected, value: invalid.value });
      }
    }
  });
});

describe("realistic Cobrowse fixtures", () => {
  const all = () => {
    const { events, fx } = subjects.get("cobrowse")!;
    return events.flatMap((e) => [fx.fixtures[e.name].minimal, fx.fixtures[e.name].full, ...fx.fixtures[e.name].variants]);
  };

  it("event_ts is the instant of the event's own time field, and a session ends after it starts", () => {
    for (const value of all()) {
      const object = value.payload.object;
      const own = object.join_time ?? object.leave_time ?? object.end_time ?? object.start_time;
      expect(Date.parse(own)).toBe(value.event_ts);
      if (object.start_time && object.end_time) expect(Date.parse(object.end_time)).toBeGreaterThan(Date.parse(object.start_time));
    }
  });

  it("ids look like the spec's ids, names like names, URLs like URLs, and no placeholder values", () => {
    const strings: string[] = [];
    const visit = (v: unknown): void => {
      if (typeof v === "string") strings.push(v);
      else if (v && typeof v === "object") Object.values(v).forEach(visit);
    };
    all().forEach(visit);
    expect(strings).not.toContain("string");
    expect(strings.filter((s) => s.trim() === "")).toEqual([]);
    for (const value of all()) {
      expect(value.payload.account_id).toMatch(/^[A-Za-z0-9]{22}$/);
      expect(value.payload.object.session_id).toMatch(/^\d{4}[A-Za-z]{18}==$/);
      if (value.payload.object.start_url) expect(() => new URL(value.payload.object.start_url)).not.toThrow();
      if (value.payload.object.user_name) expect(value.payload.object.user_name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(value.event_ts).toBeGreaterThan(1_700_000_000_000);
    }
    // One session: every event shares the session and account ids.
    expect(new Set(all().map((v) => v.payload.object.session_id)).size).toBe(1);
  });

  it("are the same bytes in every generation (seeded, no clock, no locale)", async () => {
    const again = path.join(tempDir(), "again");
    await generate({ spec: SPEC, outDir: again });
    expect(readTree(path.join(again, "fixtures"))).toEqual(readTree(path.join(subjects.get("cobrowse")!.dir, "fixtures")));
  });
});

describe("the builder", () => {
  it("returns a deep-merged copy of full, validated", () => {
    const { fx } = subjects.get("cobrowse")!;
    const full = fx.fixtures["cobrowse.session_user_left"].full;
    const built = fx.build("cobrowse.session_user_left", { payload: { object: { leave_reason: "Network connection error", user_name: undefined } } });
    expect(built.payload.object.leave_reason).toBe("Network connection error");
    expect("user_name" in built.payload.object).toBe(false);
    expect(built.payload.object.session_id).toBe(full.payload.object.session_id);
    expect(built.payload.account_id).toBe(full.payload.account_id);
    built.payload.object.session_id = "changed";
    expect(fx.fixtures["cobrowse.session_user_left"].full.payload.object.session_id).not.toBe("changed");
    expect(fx.buildCobrowseSessionStartedEvent()).toEqual(fx.fixtures["cobrowse.session_started"].full);
    expect(fx.buildCobrowseSessionStartedEvent({ event_ts: 1 }).event_ts).toBe(1);
  });

  it("throws a readable error listing the issues, unless { validate: false }", () => {
    const { fx } = subjects.get("cobrowse")!;
    const bad = { payload: { object: { role_type: "admin", start_time: "later" } } };
    expect(() => fx.build("cobrowse.session_started", bad)).toThrow(/build\("cobrowse.session_started"\): the result is not a valid event:\n {2}- Expected "customer" \| "agent", received "admin" at \/payload\/object\/role_type\n {2}- .*start_time[\s\S]*validate: false/);
    try {
      fx.build("cobrowse.session_started", bad);
    } catch (error) {
      expect(error).toBeInstanceOf(fx.FixtureBuildError);
      expect((error as { issues: unknown[] }).issues).toHaveLength(2);
    }
    expect(fx.build("cobrowse.session_started", bad, { validate: false }).payload.object.role_type).toBe("admin");
    expect(() => fx.build("cobrowse.session_paused", {})).toThrow(/unknown event "cobrowse.session_paused"/);
  });

  it("keeps a __proto__ override as data", () => {
    const { fx } = subjects.get("cobrowse")!;
    const built = fx.build("cobrowse.session_started", JSON.parse('{"__proto__": {"polluted": true}}'), { validate: false });
    expect(Object.prototype.hasOwnProperty.call(built, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("EVENTS.md", () => {
  it("has a summary row and a section with every field for each event, and is linked from README.md", () => {
    const { dir, events } = subjects.get("cobrowse")!;
    const md = readFileSync(path.join(dir, "EVENTS.md"), "utf8");
    for (const event of events) {
      expect(md).toContain(`[\`${event.name}\`](#`);
      expect(md).toContain(`## \`${event.name}\``);
    }
    for (const pointer of ["/payload/object/leave_reason", "/payload/object/end_time", "/event_ts"]) expect(md).toContain(`\`${pointer}\``);
    expect(md).toContain('`"Left the session"`, `"Got disconnected from the session"`');
    expect(md).not.toMatch(/^## Prerequisites/m);
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toContain("[EVENTS.md](EVENTS.md)");
  });
});

describe("synthesis never fails on a schema the guards accept values of", () => {
  const spec = (payload: Record<string, unknown>) => ({
    openapi: "3.1.0",
    info: { title: "Edge", version: "1.0.0" },
    webhooks: {
      "edge.event": {
        post: {
          requestBody: {
            content: {
              "application/json": {
                schema: { type: "object", required: ["event", "payload"], properties: { event: { type: "string" }, payload: { type: "object", properties: payload } } },
              },
            },
          },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  });

  it.each([
    ["a number with format uint64 (whole numbers only)", { n: { type: "number", format: "uint64" } }],
    ["an enum with a value a bound beside it rules out", { level: { type: "integer", enum: [1, 2, 3], maximum: 2 } }],
    ["a string enum with a value longer than maxLength", { code: { type: "string", enum: ["ab", "abcdef"], maxLength: 3 } }],
  ])("%s: every fixture is valid (it exited 3 before)", async (_, payload) => {
    const dir = tempDir();
    const file = path.join(dir, "spec.json");
    writeFileSync(file, JSON.stringify(spec(payload)));
    await generate({ spec: file, outDir: path.join(dir, "out") });
    const api = await importFrom<any>(path.join(dir, "out/dist/index.js"));
    const { fixtures } = await importFrom<any>(path.join(dir, "out/dist/fixtures.js"));
    const set = fixtures["edge.event"];
    for (const value of [set.minimal, set.full, ...set.variants]) expect(api.validateWebhookEvent(value).ok).toBe(true);
  });

  it("an enum none of whose values its other constraints allow is the spec's error: exit 2 with the pointer", async () => {
    const dir = tempDir();
    const file = path.join(dir, "spec.json");
    writeFileSync(file, JSON.stringify(spec({ level: { type: "integer", enum: [3, 4], maximum: 2 } })));
    await expect(generate({ spec: file, outDir: path.join(dir, "out") })).rejects.toMatchObject({
      name: "CobrowseGenError",
      diagnostics: [{ code: "unsatisfiable-enum", pointer: "/webhooks/edge.event/post/requestBody/content/application~1json/schema/properties/payload/properties/level" }],
    });
  });
});
