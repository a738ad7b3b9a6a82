import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import { ROOT_LAYOUT, type ModuleLayout } from "./module-layout.js";
import type { EmittedFile } from "./emitted-file.js";
import { exportAll, printModuleFiles } from "./write-code.js";

/** `src/index.ts`: the package entry. Fixtures stay behind their own subpath so the main entry stays small. */
export function emitIndex(model: SpecModel, layout: ModuleLayout = ROOT_LAYOUT): EmittedFile[] {
  const statements = ["./types.js", "./guards.js", "./schemas.js", "./receiver.js"].map(exportAll);
  return printModuleFiles(`${layout.dir}index.ts`, statements, { banner: tsBanner(model) });
}
