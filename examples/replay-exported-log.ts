import * as E from 'fp-ts/lib/Either.js'
import { formatLineError, readEventLogFile, replayReadModel } from '@incident-kit/cli'
import { itemDurations, postmortemInput, renderPostmortemMarkdown } from '@incident-kit/projections'

/**
 * From an exported log (`incident-kit export > log.jsonl`) to a postmortem, in code and without a
 * database: read and validate the file, build the read model (as of a time, if you like), render.
 */
export const postmortemFromLog = async (file: string, incidentId: string, at?: string) => {
  const lines = await readEventLogFile(file, process.cwd())
  const model = replayReadModel(lines, at === undefined ? {} : { at })
  if (E.isLeft(model)) throw new Error(model.left.map(formatLineError).join('\n'))
  const input = postmortemInput(model.right, incidentId)
  if (input === undefined) throw new Error(`no incident ${incidentId} in ${file}${at ? ` as of ${at}` : ''}`)
  const slowest = itemDurations(model.right, incidentId)?.find((d) => d.msFromAdded !== null)
  return { markdown: renderPostmortemMarkdown(input), slowestItem: slowest?.title ?? null }
}
