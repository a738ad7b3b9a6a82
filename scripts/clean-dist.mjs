/**
 * `npm pack` / `npm publish`, before the build (prepack): empties dist/, so that a file a renamed or removed module
 * left there by an earlier build does not ship in the tarball.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

rmSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist"), { recursive: true, force: true });
