import { EXIT_FAILURE } from './cli/cli-errors.js'
import { processIo } from './cli/cli-io.js'
import { runCli } from './cli/run-cli.js'

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `incident-kit export | head` closes the pipe early: that is the reader's choice, not a failure.
  if (error.code === 'EPIPE') process.exit(0)
  // A full disk or a closed file: the results are lost, which is a failure like any other, told the same way.
  process.stderr.write(`incident-kit: cannot write the output: ${error.message}\n`)
  process.exit(EXIT_FAILURE)
})

process.exitCode = await runCli(process.argv.slice(2), processIo())
