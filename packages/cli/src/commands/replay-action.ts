import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { IncidentReadModel } from '@incident-kit/projections'
import { badInputError, failure } from '../cli/cli-errors.js'
import type { CliContext } from '../cli/cli-context.js'
import type { DocumentFormat } from '../cli/option-parsers.js'
import { invalidLogError, readEventLogFile } from '../event-log/read-log-file.js'
import { withProgress } from '../progress/progress-bar.js'
import { postmortemFileName } from '../replay/postmortem-file-name.js'
import { FORMAT_EXTENSION, renderReplay } from '../replay/render-replay.js'
import { replayedIncidentIds, replayReadModel } from '../replay/replay-log.js'

export interface ReplayOptions {
  readonly format: DocumentFormat
  readonly incident?: string
  readonly at?: string
  readonly out?: string
}

/**
 * Runs one file system call of `--out`; its error is told as the CLI tells every output it cannot
 * write (docs/cli.md, exit 1), not as the bare `EEXIST: …` Node gives.
 */
const writingOutput = async (out: string, write: () => Promise<unknown>) => {
  try {
    await write()
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    // `mkdir -p` of a path that is a file says only "file already exists".
    throw failure(`cannot write the output: ${code === 'EEXIST' ? `${out} is not a directory (${message})` : message}`, error)
  }
}

/** `--out DIR`: one file per incident, named after it (`postmortemFileName`). */
const writeEachIncident = async (cwd: string, out: string, model: IncidentReadModel, ids: readonly string[], options: ReplayOptions) => {
  const dir = resolve(cwd, out)
  await writingOutput(out, () => mkdir(dir, { recursive: true }))
  const written: string[] = []
  for (const id of ids) {
    const text = await renderReplay(model, [id], options.format, options.at ?? null)
    const file = join(dir, postmortemFileName(id, FORMAT_EXTENSION[options.format]))
    await writingOutput(out, () => writeFile(file, text))
    written.push(file)
  }
  return written
}

/**
 * `replay`: reads and checks the log file, builds the read model (as of `--at`) and writes the postmortems.
 *
 * @example
 * await runReplayCommand(context, 'log.jsonl', { format: 'json' })
 */
export const runReplayCommand = async (context: CliContext, file: string, options: ReplayOptions) => {
  const { io } = context
  const lines = await withProgress(io.stderr, 'replay', (progress) =>
    readEventLogFile(file, io.cwd, { onProgress: (read, total) => progress.update(read, total) }),
  )
  const model = replayReadModel(lines, options.at === undefined ? {} : { at: options.at })
  if (E.isLeft(model)) throw invalidLogError(file, model.left)
  const ids = replayedIncidentIds(model.right, options.incident)
  const asOf = options.at ? ` as of ${options.at}` : ''
  if (options.incident !== undefined && ids.length === 0) throw badInputError(`${file} has no incident ${options.incident}${asOf}`)
  // An empty page or no file at all would look like success; JSON can say "none" in its own shape.
  if (ids.length === 0 && (options.format !== 'json' || options.out !== undefined)) throw badInputError(`${file} holds no incident${asOf}`)
  if (options.out === undefined) {
    await io.stdout.write(await renderReplay(model.right, ids, options.format, options.at ?? null))
  } else {
    const files = await writeEachIncident(io.cwd, options.out, model.right, ids, options)
    io.stderr.write(`wrote ${files.length} postmortem${files.length === 1 ? '' : 's'} to ${options.out}\n`)
  }
}
