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
    description:
      model.products === undefined
        ? `Types, runtime guards and fixtures for the ${model.title} webhooks (Zoom).`
        : `Types, runtime guards and fixtures for the Zoom webhooks of ${model.products.map((p) => p.title).join(", ")}.`,
    type: "module",
    sideEffects: false,
    main: "./dist/index.js",
    types: "./dist/index.d.ts",
    exports: {
      ".": entry("index"),
      "./fixtures": entry("fixtures"),
      // One subpath per product of a package of several specs: its union, guards, receiver; and its fixtures.
      ...Object.fromEntries((model.products ?? []).flatMap((p) => [[`./${p.name}`, entry(`${p.name}/index`)], [`./${p.name}/fixtures`, entry(`${p.name}/fixtures`)]])),
      "./package.json": "./package.json",
      // JSON Schema files for other languages and validators: `<pkg>/schemas/<event>.json`, `<pkg>/schemas/index.json`.
      "./schemas/*": "./schemas/*",
    },
    // schemas/ and names.json too: the writer replaces only what is listed here, and names.json is part of the API.
    files: ["dist", "src", "fixtures", "schemas", "README.md", "EVENTS.md", "CHANGELOG.md", "names.json"],
  };
  return { path: "package.json", contents: printJson(pkg) };
}
