// Child process for the kill tests (test/write-output.test.ts): writes an output folder with the built library and
// SIGKILLs itself at the phase it is told, through writeOutput's phase hook. A real kill: no cleanup runs.
// `spec` is one spec through the single-spec options (`spec` and bytes); `specs` are several through `specs` and a
// list of contents.
import { writeOutput } from "../../dist/write/write-output.js";

const { out, files, phase, spec, specs } = JSON.parse(process.argv[2]);
await writeOutput(out, files, {
  ...(spec ? { spec: spec.path, specContents: Buffer.from(spec.contents) } : {}),
  ...(specs ? { specs: specs.map((s) => s.path), specContents: specs.map((s) => ({ path: s.path, contents: Buffer.from(s.contents) })) } : {}),
  onPhase: (reached) => {
    if (reached === phase) process.kill(process.pid, "SIGKILL");
  },
});
process.stdout.write("finished without reaching the phase\n");
