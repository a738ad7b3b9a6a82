import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";

/** `src/index.ts`: the package entry. Fixtures stay behind their own subpath so the main entry stays small. */
export function emitIndex(model: SpecModel): EmittedFile {
  return {
    path: "src/index.ts",
    contents: [tsBanner(model), 'export * from "./types.js";', 'export * from "./guards.js";', 'export * from "./schemas.js";', 'export * from "./receiver.js";', ""].join("\n"),
  };
}
