#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built from src/ by `npm ci`/`npm install` through the prepare script, and
// by prepack into the published tarball).
import { existsSync } from "node:fs";

const CLI = new URL("../dist/cli/run-cli.js", import.meta.url);
let cli;
try {
  cli = await import(CLI.href);
} catch (error) {
  if (error && error.code === "ERR_MODULE_NOT_FOUND") {
    // Node names the importing file in every such message: only a missing CLI itself means "not built".
    if (!existsSync(CLI)) {
      process.stderr.write("cobrowse-gen is not built: run `npm ci` (or `npm run build`) in its folder first.\n");
    } else {
      // Built, but something it imports is missing (a dependency not installed, a partial dist/): say which.
      process.stderr.write(`cobrowse-gen cannot start: ${error.message}\nReinstall it with its dependencies (\`npm install\`).\n`);
    }
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
