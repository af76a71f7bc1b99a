import { runRegressionCommand } from './regression-command'

// Stand-alone entry for `npx tsx src-main/cli/regression-command-main.ts FILE --model ...`.
void runRegressionCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
