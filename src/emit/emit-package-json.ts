import type { SpecModel } from "../model/model.js";
import { bannerLines } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { printJson } from "./write-code.js";

/** `package.json` of the generated package: ESM, types first in every export, no dependencies, no side effects. */
export function emitPackageJson(model: SpecModel): EmittedFile {
  const entry = (name: string) => ({ types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` });
  const subpaths: [string, string][] = [
    ["fixtures", "fixtures"],
    // One subpath per product of a package of several specs: its union, guards, receiver; and its fixtures.
    ...(model.products ?? []).flatMap((p): [string, string][] => [[p.name, `${p.name}/index`], [`${p.name}/fixtures`, `${p.name}/fixtures`]]),
  ];
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
      ...Object.fromEntries(subpaths.map(([subpath, file]) => [`./${subpath}`, entry(file)])),
      "./package.json": "./package.json",
      // JSON Schema files for other languages and validators: `<pkg>/schemas/<event>.json`, `<pkg>/schemas/index.json`.
      "./schemas/*": "./schemas/*",
    },
    // TypeScript's `moduleResolution: node10` (`node`, the default of `module: commonjs`) reads no exports: without
    // this it finds no types for the subpaths (`<pkg>/fixtures` would even name the fixtures/ folder of JSON files).
    typesVersions: { "*": Object.fromEntries(subpaths.map(([subpath, file]) => [subpath, [`./dist/${file}.d.ts`]])) },
    // schemas/ and names.json too: the writer replaces only what is listed here, and names.json is part of the API.
    files: ["dist", "src", "fixtures", "schemas", "README.md", "EVENTS.md", "CHANGELOG.md", "names.json"],
  };
  return { path: "package.json", contents: printJson(pkg) };
}
