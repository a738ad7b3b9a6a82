// Child process for the kill tests (test/write-output.test.ts): writes an output folder with the built library and
// SIGKILLs itself at the phase it is told, through writeOutput's phase hook. A real kill: no cleanup runs.
import { writeOutput } from "../../dist/write/write-output.js";

const { out, files, phase, spec } = JSON.parse(process.argv[2]);
await writeOutput(out, files, {
  ...(spec ? { spec: spec.path, specContents: Buffer.from(spec.contents) } : {}),
  onPhase: (reached) => {
    if (reached === phase) process.kill(process.pid, "SIGKILL");
  },
});
process.stdout.write("finished without reaching the phase\n");
