import type { RuntimeModule } from "../load/load-runtime.js";
import { receiverOf, type ReceiverKind, type SpecModel } from "../model/model.js";
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

/**
 * The runtime modules that only some receivers use, by module name. Every other module goes into every package; a
 * Zoom package carries none of these, so its runtime is what it was before the other receivers existed.
 */
const RECEIVER_MODULES: Readonly<Record<string, readonly ReceiverKind[]>> = {
  "create-router": ["standard", "none"],
  "verify-standard-webhook": ["standard"],
  "encode-base64": ["standard"],
};

/** The runtime modules a package with this model's receiver carries, in the runtime's order. */
export function runtimeModulesFor<T extends { readonly name: string }>(model: Pick<SpecModel, "receiver">, modules: readonly T[]): T[] {
  const receiver = receiverOf(model);
  return modules.filter((module) => RECEIVER_MODULES[module.name]?.includes(receiver) ?? true);
}
