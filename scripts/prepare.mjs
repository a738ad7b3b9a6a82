/**
 * The prepare script: builds dist/ after `npm install` in this folder and when npm installs cobrowse-gen from git
 * (which runs prepare, never prepack). `npm pack` and `npm publish` run prepare too, right after prepack's clean
 * build: a second build there would only cost half a minute.
 */
import { spawnSync } from "node:child_process";

if (process.env.npm_command === "pack" || process.env.npm_command === "publish") process.exit(0);
const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: process.platform === "win32" });
process.exit(build.status ?? 1);
