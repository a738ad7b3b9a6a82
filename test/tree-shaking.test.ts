// A user who imports only the guards must not ship the fixtures (tens of kB of sample events) nor the receiver (HMAC,
// body reading, delivery): the package says `sideEffects: false` and keeps them in modules of their own. Each bundle
// is what esbuild makes of one import, as `npm run bench:size` measures it; each detector is a string the module it
// stands for must carry into any bundle that imports it, which the first test checks, so that the others can fail.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtures, invalidFixtures } from "cobrowse-sdk-webhooks/fixtures";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const ENTRIES = {
  isWebhookEvent: `export { isWebhookEvent } from "cobrowse-sdk-webhooks";`,
  createWebhookHandler: `export { createWebhookHandler } from "cobrowse-sdk-webhooks";`,
  fixtures: `export { fixtures } from "cobrowse-sdk-webhooks/fixtures";`,
  invalidFixtures: `export { invalidFixtures } from "cobrowse-sdk-webhooks/fixtures";`,
  build: `export { build } from "cobrowse-sdk-webhooks/fixtures";`,
} as const;
type Entry = keyof typeof ENTRIES;

async function bundle(entry: Entry): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRIES[entry], resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

const first = Object.keys(fixtures)[0] as keyof typeof fixtures;
/** Strings that only the code (or data) each group stands for puts into a bundle: runtime messages and fixture data. */
const DETECTORS = {
  // The synthesized account id of the first event, in the fixtures' data (the guards only check that it is a string).
  "fixture data": [fixtures[first].minimal.payload.account_id],
  // The labelled catalogue of invalid events (its descriptions), and buildFixture's error (runtime/build-fixture.ts).
  "invalid fixtures": [invalidFixtures[first][0]!.description],
  "fixture builder": ["FixtureBuildError"],
  // createHandler's log prefix (runtime/create-handler.ts), node:crypto's HMAC and Web Crypto's (runtime/compute-hmac.ts),
  // and the signature check's error (runtime/verify-signature.ts).
  receiver: ["[zoom webhook]", "createHmac", '"HMAC"', "WebhookVerificationError"],
} as const;
type Group = keyof typeof DETECTORS;

const bundles = new Map<Entry, string>();
beforeAll(async () => {
  for (const entry of Object.keys(ENTRIES) as Entry[]) bundles.set(entry, await bundle(entry));
}, 60_000);

describe("tree-shaking of the generated package (esbuild, minified)", () => {
  it.each<[Group, Entry]>([
    ["fixture data", "fixtures"],
    ["invalid fixtures", "invalidFixtures"],
    ["fixture builder", "build"],
    ["receiver", "createWebhookHandler"],
  ])("the detectors of %s are in the bundle that imports it (%s)", (group, entry) => {
    // Not toContain on the bundle: a failure would print all of it.
    for (const detector of DETECTORS[group]) expect(bundles.get(entry)!.includes(detector), detector).toBe(true);
  });

  it.each<[Entry, Group]>([
    ["isWebhookEvent", "fixture data"],
    ["isWebhookEvent", "invalid fixtures"],
    ["isWebhookEvent", "fixture builder"],
    ["isWebhookEvent", "receiver"],
    ["fixtures", "receiver"],
    ["fixtures", "fixture builder"],
    ["createWebhookHandler", "fixture data"],
    ["createWebhookHandler", "fixture builder"],
  ])("the %s bundle has no %s", (entry, group) => {
    for (const detector of DETECTORS[group]) expect(bundles.get(entry)!.includes(detector), detector).toBe(false);
  });
});
