import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { readWholeLog, type EventStore } from '@incident-kit/core'
import { activeIncidents, buildReadModel, itemDurations, timeline } from '@incident-kit/projections'
import { parseDatabaseUrl, redactDatabaseUrl } from '@incident-kit/adapter-sql'
import { withStoreAt, type CliContext } from '../cli/cli-context.js'
import { failure } from '../cli/cli-errors.js'
import { withInterruptedWriting } from '../cli/interruption.js'
import { databaseUrlFor, removingCreatedSqliteFile } from '../cli/open-store.js'
import { DEMO_INCIDENT_ID, DEMO_PANEL_TIME, DEMO_TEAM_ID } from '../demo/demo-scenario.js'
import { demoNextSteps } from '../demo/demo-next-steps.js'
import { runDemoScenario } from '../demo/run-demo-scenario.js'
import { renderPostmortem } from '../replay/render-replay.js'
import { formatItemDurations, formatSidePanel, formatTimeline } from '../terminal/format-views.js'
import { clockTime } from '../terminal/text-layout.js'

export interface DemoOptions {
  readonly db?: string
}

/** Written in the current directory; the name is in .gitignore's `incident-kit-postmortem*.html`. */
export const DEMO_POSTMORTEM_FILE = `incident-kit-postmortem-${DEMO_INCIDENT_ID}.html`

/** Beside the SQLite file (made absolute by `databaseUrlFor`), else in the working directory. */
const postmortemDirectory = (url: string, cwd: string) => {
  const target = parseDatabaseUrl(url)
  return target.dialect === 'sqlite' && target.filename !== ':memory:' ? dirname(target.filename) : cwd
}

const STOPPED_AT_ONCE = 'stopped at once (a second signal); run the same command again to complete the demo'

const heading = (title: string) => `\n${title}\n${'='.repeat(title.length)}\n`

/** Plays the demo into `store`, prints its views and writes its postmortem. */
const playDemo = async ({ io }: CliContext, store: EventStore, url: string) => {
  // Ctrl-C stops between two appends; the demo resumes where it stopped when run again.
  const run = await withInterruptedWriting(io, STOPPED_AT_ONCE, ({ writingTo }) => runDemoScenario(writingTo(store)))
  const events = await readWholeLog(store)
  const atPanel = buildReadModel(events, { asOf: { time: DEMO_PANEL_TIME } })
  const now = buildReadModel(events)
  if (E.isLeft(atPanel) || E.isLeft(now)) throw failure('cannot build the read model of the demo')
  const out = (text: string) => io.stdout.write(`${text}\n`)
  const database = redactDatabaseUrl(url)
  await out(
    run.stepsAppended > 0
      ? `Played the demo incident into ${database}: ${run.stepsAppended} commands.`
      : `The demo incident is already in ${database}; showing it again.`,
  )
  await out(heading(`Side panel of team ${DEMO_TEAM_ID} at ${clockTime(DEMO_PANEL_TIME)} UTC, while the incident was active`))
  await out(formatSidePanel(activeIncidents(atPanel.right, DEMO_TEAM_ID)))
  await out(heading('Timeline'))
  await out(formatTimeline(timeline(now.right, DEMO_INCIDENT_ID) ?? []))
  await out(heading('Item durations, slowest first'))
  await out(formatItemDurations(itemDurations(now.right, DEMO_INCIDENT_ID) ?? []))
  const file = join(postmortemDirectory(url, io.cwd), DEMO_POSTMORTEM_FILE)
  await writeFile(file, (await renderPostmortem(now.right, DEMO_INCIDENT_ID, 'html')) ?? '')
  await out(`\nThe postmortem: ${file}\n${await demoNextSteps(url, io)}`)
}

/**
 * The demo: plays the scripted incident into the store, prints the side panel (as it stood while the
 * incident was active), the timeline and the item durations, and writes the postmortem as HTML.
 *
 * @example
 * await runDemoCommand(context, { db: 'sqlite:./demo.db' })
 */
export const runDemoCommand = async (context: CliContext, options: DemoOptions) => {
  const { io } = context
  const url = await databaseUrlFor(options.db, io)
  // Interrupted (or failing) before its first append, the demo removes the SQLite file it created,
  // as import and copy do; a file that holds any event is kept, for the demo to resume in.
  await removingCreatedSqliteFile(url, async () => E.right(await withStoreAt(context, url, (store) => playDemo(context, store, url))))
}
