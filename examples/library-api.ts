import { generate, buildPackage } from "cobrowse-gen";

const result = await generate({ spec: "specs/webhooks.json", outDir: "generated", check: false, strict: false });
// result.files (path + contents), result.warnings (Diagnostic: code, message, file, pointer, hint), result.drift (check mode)

// Several specs, one package (result.model.products); loadConfig reads cobrowse-gen.config.json.
await generate({ specs: [{ file: "specs/cobrowse.json" }, { file: "specs/video-sdk.json", name: "video" }], outDir: "generated" });
