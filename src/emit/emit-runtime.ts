import { runtimeModules, type Runtime, type RuntimeModule } from "../load/load-runtime.js";
import { receiverOf, type SpecModel } from "../model/model.js";
import { bannerLines } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { commentText } from "./write-code.js";

/** The do-not-edit notice of a runtime copy: the package's banner, saying where the file really comes from. */
function runtimeBanner(model: SpecModel): string {
  const lines = [
    bannerLines(model)[0] as string,
    "Do not edit: cobrowse-gen's runtime, copied unchanged into every package it generates.",
  ];
  return ["/**", ...lines.map((line) => ` * ${commentText(line)}`), " */", "", ""].join("\n");
}

/**
 * `src/runtime/*.ts` and `dist/runtime/*.js` + `*.d.ts`: the generic runtime the generated files import, copied as
 * cobrowse-gen's own build made it (the sources for readers, the build for the package's users).
 */
export function emitRuntime(model: SpecModel, modules: readonly RuntimeModule[]): EmittedFile[] {
  const banner = runtimeBanner(model);
  return modules.flatMap((module) => [
    { path: `src/runtime/${module.name}.ts`, contents: banner + module.source },
    { path: `dist/runtime/${module.name}.js`, contents: banner + module.js },
    { path: `dist/runtime/${module.name}.d.ts`, contents: banner + module.declaration },
  ]);
}

/** The runtime modules a package with this model's receiver carries, in file-name order. */
export function runtimeModulesFor(model: Pick<SpecModel, "receiver">, runtime: Runtime): RuntimeModule[] {
  const receiver = receiverOf(model);
  return runtimeModules(runtime, receiver === "zoom" ? undefined : receiver);
}
