// Preloaded into each spawned CLI by bench/generate.mjs (`node --require`): writes the process's peak resident set
// size, in kB, to the file named by CG_BENCH_RSS_FILE when it exits, so both tools are measured the same way.
const { writeFileSync } = require("node:fs");
const file = process.env.CG_BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
