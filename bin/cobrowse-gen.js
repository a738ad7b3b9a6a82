#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built from src/ by `npm ci`/`npm install` through the prepare script).
let cli;
try {
  cli = await import("../dist/cli/run-cli.js");
} catch (error) {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli/run-cli.js")) {
    process.stderr.write("cobrowse-gen is not built: run `npm ci` (or `npm run build`) in its folder first.\n");
    process.exit(3);
  }
  throw error;
}
// A closed pipe (`cobrowse-gen ... | head`) is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error && error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await cli.main(process.argv.slice(2));
