import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { activeIncidents, buildReadModel, itemDurations, timeline } from '@incident-kit/projections'
import { withStore, type CliContext } from '../cli/cli-context.js'
import { failure } from '../cli/cli-errors.js'
import { DEMO_INCIDENT_ID, DEMO_PANEL_TIME, DEMO_TEAM_ID } from '../demo/demo-scenario.js'
import { runDemoScenario } from '../demo/run-demo-scenario.js'
import { readWholeLog } from '../event-log/read-log-pages.js'
import { formatItemDurations, formatSidePanel, formatTimeline } from '../terminal/format-views.js'
import { clockTime } from '../terminal/format-duration.js'

interface DemoOptions {
  readonly db?: string
}

const heading = (title: string) => `\n${title}\n${'='.repeat(title.length)}\n`

/** `incident-kit demo`: a scripted security incident, stored, shown and written as a postmortem. */
export const registerDemoCommand = (program: Command, context: CliContext) =>
  program
    .command('demo')
    .description('Play a scripted security incident into the store (from the information security playbook), print the side panel, the timeline and the item durations, and write the postmortem as HTML. Running it again changes nothing: the demo is idempotent.')
    .option('--db <url>', 'database URL (default: DATABASE_URL, else sqlite:./incident-kit.db)')
    .action(async (options: DemoOptions) => {
      const { io } = context
      await withStore(context, options.db, async (store, url) => {
        const run = await runDemoScenario(store)
        const events = await readWholeLog(store)
        const atPanel = buildReadModel(events, { asOf: { time: DEMO_PANEL_TIME } })
        const now = buildReadModel(events)
        if (E.isLeft(atPanel) || E.isLeft(now)) throw failure('cannot build the read model of the demo')
        const out = (text: string) => io.stdout.write(`${text}\n`)
        out(
          run.stepsAppended > 0
            ? `Played the demo incident into ${url}: ${run.stepsAppended} commands.`
            : `The demo incident is already in ${url}; showing it again.`,
        )
        out(heading(`Side panel of team ${DEMO_TEAM_ID} at ${clockTime(DEMO_PANEL_TIME)} UTC, while the incident was active`))
        out(formatSidePanel(activeIncidents(atPanel.right, DEMO_TEAM_ID)))
        out(heading('Timeline'))
        out(formatTimeline(timeline(now.right, DEMO_INCIDENT_ID) ?? []))
        out(heading('Item durations, slowest first'))
        out(formatItemDurations(itemDurations(now.right, DEMO_INCIDENT_ID) ?? []))
      })
    })
