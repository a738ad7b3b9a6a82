import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CobrowseGenError, buildPackage } from "../src/index.js";
import { ROOT, removeTempDirs, tempDir } from "./support/helpers.js";

/** Products of a package of several specs: their names, from titles or given, and what they may not be. */
const ALPHA = path.join(ROOT, "test/specs/products/alpha-chat.json");
const BETA = path.join(ROOT, "test/specs/products/beta-rooms.json");

afterAll(removeTempDirs);

describe("product names", () => {
  const twoSpecs = (title: string) => {
    const dir = tempDir("cg-products-names-");
    const renamed = path.join(dir, "renamed.json");
    const spec = JSON.parse(readFileSync(BETA, "utf8"));
    spec.info.title = title;
    writeFileSync(renamed, JSON.stringify(spec));
    return renamed;
  };

  it.each([
    ["Alpha Chat", "duplicate-product"],
    ["Runtime", "no error: runtime-events"],
  ])("a second spec titled %j: %s", async (title, outcome) => {
    const code = outcome.startsWith("no error") ? undefined : outcome;
    const renamed = twoSpecs(title);
    const run = buildPackage({ specs: [{ file: ALPHA }, { file: renamed }] });
    if (code === undefined) {
      // A title that would name one of the package's own folders gets a suffix.
      const { model } = await run;
      expect(model.products?.map((p) => p.name)).toEqual(["alpha-chat", "runtime-events"]);
    } else {
      await expect(run).rejects.toBeInstanceOf(CobrowseGenError);
      await expect(run).rejects.toMatchObject({ diagnostics: [{ code, file: ALPHA, pointer: "/info/title" }, { code, file: renamed }] });
    }
  });

  it.each([["Video_SDK"], ["fixtures"], ["1st"], [""]])("a given product name %j that is not a folder name is exit 2", async (name) => {
    await expect(buildPackage({ specs: [{ file: ALPHA }, { file: BETA, name }] })).rejects.toMatchObject({ diagnostics: [{ code: "invalid-product-name", file: BETA }] });
  });

  it("a given name replaces the title's", async () => {
    const { model } = await buildPackage({ specs: [{ file: ALPHA, name: "chat" }, { file: BETA }] });
    expect(model.products?.map((p) => [p.name, p.typePrefix])).toEqual([
      ["chat", "Chat"],
      ["beta-rooms", "BetaRooms"],
    ]);
    expect(model.namedTypes.map((t) => t.name)).toContain("ChatParticipant");
  });
});

describe("names kept when a product joins the package", () => {
  it("keeps a name the package already exports, and prefixes only the new product's shape (names.json)", async () => {
    const { generate } = await import("../src/index.js");
    const out = path.join(tempDir("cg-products-join-"), "pkg");
    const alone = await generate({ spec: ALPHA, outDir: out });
    expect(alone.model.namedTypes.map((t) => t.name)).toEqual(["Participant", "Host"]);
    // Without the recorded names both products' shapes would be prefixed: the name users import would change.
    const fresh = await buildPackage({ specs: [{ file: ALPHA }, { file: BETA }] });
    expect(fresh.model.namedTypes.map((t) => t.name).sort()).toEqual(["AlphaChatParticipant", "BetaRoomsParticipant", "Host"]);
    const joined = await generate({ specs: [{ file: ALPHA }, { file: BETA }], outDir: out });
    expect(joined.model.namedTypes.map((t) => [t.product, t.name])).toEqual([
      ["alpha-chat", "Participant"],
      ["alpha-chat", "Host"],
      ["beta-rooms", "BetaRoomsParticipant"],
    ]);
    const names = JSON.parse(readFileSync(path.join(out, "names.json"), "utf8"));
    expect(names.types.Participant).toMatchObject({ product: "alpha-chat" });
    expect(names.types.BetaRoomsParticipant).toMatchObject({ product: "beta-rooms" });
    // And again from the package's own names.json: nothing moves.
    const again = await generate({ specs: [{ file: ALPHA }, { file: BETA }], outDir: out, check: true });
    expect(again.drift).toEqual({ changed: [], added: [], removed: [] });
  });
});
