import { runCli } from './cli-main'

// The mle-fit process: `tsx src-main/cli/entry.ts ...`, or the electron-vite bundle out/main/cli.js that
// bin/mle-fit.js loads. The only module that runs the CLI; importing cli-main (tests, the shell) runs nothing.
void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`mle-fit: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 2
  },
)
