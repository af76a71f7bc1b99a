import { runCli } from './cli-main'

// The mle-fit process: `tsx src-main/cli/entry.ts ...`, or the electron-vite bundle out/main/cli.js that
// bin/mle-fit.js loads. The only module that runs the CLI; importing cli-main (tests, the shell) runs nothing.
// Progress goes to stderr only when it is a terminal, one line redrawn in place (\r, erase line), so a
// script or a pipe reading stderr never sees it and --json on stdout is untouched.
const progress = process.stderr.isTTY
  ? (text: string | null) => {
      const width = Math.max(20, (process.stderr.columns || 80) - 1)
      process.stderr.write(`\r\x1b[2K${text === null ? '' : text.slice(0, width)}`)
    }
  : undefined
void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  ...(progress ? { progress } : {}),
}).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`mle-fit: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 2
  },
)
