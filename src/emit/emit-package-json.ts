import type { SpecModel } from "../model/model.js";
import { bannerLines } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { printJson } from "./write-code.js";

/** `package.json` of the generated package: ESM, types first in every export, no dependencies, no side effects. */
export function emitPackageJson(model: SpecModel): EmittedFile {
  const entry = (name: string) => ({ types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` });
  const pkg = {
    // JSON has no comments; npm ignores "//" keys, so the do-not-edit notice goes here.
    "//": bannerLines(model).join(" "),
    name: model.packageName,
    version: model.packageVersion,
    description: `Types, runtime guards and fixtures for the ${model.title} webhooks (Zoom).`,
    type: "module",
    sideEffects: false,
    main: "./dist/index.js",
    types: "./dist/index.d.ts",
    exports: {
      ".": entry("index"),
      "./fixtures": entry("fixtures"),
      "./package.json": "./package.json",
    },
    // names.json too: the writer replaces only what is listed here, and the names are part of the package's API.
    files: ["dist", "src", "fixtures", "README.md", "EVENTS.md", "CHANGELOG.md", "names.json"],
  };
  return { path: "package.json", contents: printJson(pkg) };
}
