import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadSpecText } from "../src/load/load-spec.js";
import { checkValue } from "../src/model/check-value.js";
import { normalizeSpec } from "../src/normalize/normalize-spec.js";
import { samplePattern } from "../src/synthesize/sample-pattern.js";
import { synthesizeSpec } from "../src/synthesize/synthesize-fixtures.js";
import { webhook, webhookSpec } from "./support/spec-builders.js";

/** A spec whose one event's payload has a required `thing` of this schema (a name synthesis has no guess for). */
function specText(thing: unknown): string {
  const payload = { type: "object", required: ["thing"], properties: { thing } };
  return JSON.stringify(webhookSpec("Patterns", { "thing.happened": webhook("thing.happened", { properties: { payload }, required: ["payload"] }, { responses: true }) }));
}

const EMAIL = "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$";

/** The `type=email` pattern of the HTML standard. */
const HTML_EMAIL = "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

describe("generation of a spec whose pattern the old hand-written sampler could not read", () => {
  it.each([
    ["a typical email pattern", { type: "string", pattern: EMAIL }],
    ["the HTML standard's email pattern (a long class with ^ and {|} in it)", { type: "string", pattern: HTML_EMAIL }],
    ["alternation with anchors", { type: "string", pattern: "^(?:abc|de)$" }],
    ["alternatives each anchored", { type: "string", pattern: "^abc$|^de$" }],
    ["a negated class", { type: "string", pattern: "^[^@\\s]+$" }],
    ["a Unicode property class", { type: "string", pattern: "^\\p{Lu}\\p{Ll}+$" }],
  ])("%s: fixtures are made, and every one matches", async (_, thing) => {
    const { model } = normalizeSpec(await loadSpecText(specText(thing), "spec.json"));
    const spec = synthesizeSpec(model, "spec.json");
    const event = spec.events[0]!;
    const { minimal, full } = event.fixtures;
    for (const value of [minimal, full]) expect(checkValue(event.body, value)).toEqual([]);
    expect(new RegExp(thing.pattern, "u").test((full as { payload: { thing: string } }).payload.thing)).toBe(true);
  });
});

/** A seeded random source (mulberry32), as synthesis gives the sampler. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const matches = (pattern: string) => (sample: string) => new RegExp(pattern, "u").test(sample);

describe("samplePattern: a string that matches, or undefined", () => {
  it.each([
    "^[A-Z]{3}-\\d{4}$",
    "^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "^\\d{6,10}$",
    "^(am|pm)$",
    "^\\w+$",
    "abc",
    "^x?y*z+$",
    "^[+-]?\\d+(\\.\\d{1,2})?$",
    "^https://[a-z]+\\.zoom\\.us/j/\\d{9,11}$",
    EMAIL,
    HTML_EMAIL,
    "^(?:abc|de)$",
    "^abc$|^de$",
    "^[^@\\s]+@[^@\\s]+$",
    "^[\\u0020-\\u007E\\u00A0-\\u00FF]{8,64}$",
    "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[1-5][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$",
    "^\\p{Lu}\\p{Ll}+$",
    "^\\p{L}[\\p{L}\\p{N} ]*$",
    "^\\P{L}+$",
    "^\\p{Script=Greek}{3}$",
    "^[α-ω]+$",
    "^\\u{1F600}+$",
    "^😀{2}$",
    "^(?<word>[a-z]+)-\\k<word>$",
    "^(?=a)a+$",
    "(?<!x)y",
    "\\bword\\b",
    "^.{3}$",
  ])("%s", (pattern) => {
    for (const seed of [0, 1, 42, 0xffffffff]) {
      const sample = samplePattern(pattern, seeded(seed), matches(pattern));
      expect(sample, `seed ${seed}`).toBeDefined();
      expect(matches(pattern)(sample!), String(sample)).toBe(true);
    }
  });

  it.each([
    ["an astral range in a class (ret reads UTF-16 halves)", "^[😀-😂]$"],
    ["a string longer than the fixtures' limit", "^a{100000000}$"],
    ["no match at all", "^a\\bb$"],
  ])("gives up on %s", (_, pattern) => {
    expect(samplePattern(pattern, seeded(1), matches(pattern))).toBeUndefined();
  });

  it("stays within maxLength, and gives up when the pattern's shortest match is longer", () => {
    for (const seed of [0, 1, 2, 3]) expect(samplePattern("^[a-z]+$", seeded(seed), () => true, 2)!.length).toBeLessThanOrEqual(2);
    expect(samplePattern("^[a-z]{5,}$", seeded(1), () => true, 4)).toBeUndefined();
    expect(samplePattern("(?:(?:(?:[a-z]{1,1000}){1,1000}){1,1000})", seeded(1), () => true)!.length).toBeLessThanOrEqual(100_000);
  });

  it("reaches a minLength beside the pattern in a later attempt", () => {
    const sample = samplePattern("^[a-z]+$", seeded(7), (s) => s.length >= 40);
    expect(sample?.length).toBeGreaterThanOrEqual(40);
  });

  it("is deterministic: the same seed gives the same sample, in this process and in another with TZ and LANG changed", () => {
    const patterns = [EMAIL, HTML_EMAIL, "^\\p{L}[\\p{L}\\p{N} ]*$", "^[^@\\s]+$"];
    const here = patterns.map((p) => samplePattern(p, seeded(99), matches(p)));
    expect(patterns.map((p) => samplePattern(p, seeded(99), matches(p)))).toEqual(here);
    const script = `
      import { samplePattern } from "./dist/synthesize/sample-pattern.js";
      ${seeded.toString()}
      const patterns = ${JSON.stringify(patterns)};
      console.log(JSON.stringify(patterns.map((p) => samplePattern(p, seeded(99), (s) => new RegExp(p, "u").test(s)))));`;
    const there = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
      encoding: "utf8",
    });
    expect(JSON.parse(there)).toEqual(here);
  });
});
