import * as E from 'fp-ts/lib/Either.js'
import {
  DEFAULT_RECENT_DAYS,
  activeIncidents,
  buildTeamReport,
  pastIncidents,
  precedingPeriods,
  renderReportMarkdown,
  teamReportStreams,
} from '@incident-kit/projections'
import type { CommandResponse } from '../../client/index.js'
import { fitMessage } from '../render/post-size.js'
import { fitWholeItems } from '../render/whole-items-that-fit.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { mentionsFor } from '../runtime/user-names.js'
import { type Invocation } from './invocation.js'
import { ephemeral, warning } from './replies.js'

const HISTORY_LIMIT = 20
const minutes = (ms: number) => (ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`)
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ')

const ACTIVE_TABLE = ['#### Active incidents', '| incident | commander | channel | severity | checklist | started (UTC) |', '| --- | --- | --- | --- | --- | --- |']
const PAST_TABLE = ['#### Past incidents', '| incident | commander | playbook | severity | started (UTC) | duration | channel |', '| --- | --- | --- | --- | --- | --- | --- |']

/** A table's heading lines, its rows, and a note after it: a blank line ends the table, else Markdown reads the note as a row. */
const tableMessage = (heading: readonly string[], rows: readonly string[], note: string) =>
  [...heading, ...rows].join('\n') + (note === '' ? '' : `\n\n_${note}_`)

const teamBase = (deps: BotDeps, invocation: Invocation) =>
  invocation.teamDomain ? { baseUrl: `${deps.settings.mattermostUrl}/${invocation.teamDomain}` } : {}

const channelCell = (channel: { name: string; url: string | null; id: string | null }) =>
  channel.id === null ? `_${channel.name} (being created)_` : channel.url ? `[~${channel.name}](${channel.url})` : `~${channel.name}`

/**
 * `list`: the caller's team's active incidents (the side panel), newest first.
 *
 * @example
 * await listActive(deps, invocation) // ephemeral table: incident, commander, channel, progress
 */
export const listActive = async (deps: BotDeps, invocation: Invocation): Promise<CommandResponse> => {
  const incidents = activeIncidents(await deps.model.refresh(), invocation.teamId, teamBase(deps, invocation))
  if (incidents.length === 0) return ephemeral('No active incidents in this team.')
  const mention = await mentionsFor(deps.names, incidents.map((i) => i.commanderId))
  const rows = incidents.map(
    (i) => `| ${i.name} | ${mention(i.commanderId)} | ${channelCell(i.channel)} | ${i.severity ?? ''} | ${i.progress.done}/${i.progress.total} | ${day(i.startedAt)} |`,
  )
  return ephemeral(fitWholeItems(rows, 'first', (shown, leftOut) => tableMessage(ACTIVE_TABLE, shown, leftOut > 0 ? `${leftOut} more active incidents not shown.` : '')))
}

/**
 * `history`: the caller's team's past incidents, most recently ended first.
 *
 * @example
 * await listHistory(deps, invocation)
 */
export const listHistory = async (deps: BotDeps, invocation: Invocation): Promise<CommandResponse> => {
  const listed = pastIncidents(await deps.model.refresh(), invocation.teamId, { ...teamBase(deps, invocation), limit: HISTORY_LIMIT })
  // The filters are the bot's own constants: a failure here is a bug, not a user's mistake.
  if (E.isLeft(listed)) throw new Error(listed.left.message)
  const page = listed.right
  if (page.total === 0) return ephemeral('No past incidents in this team yet.')
  const mention = await mentionsFor(deps.names, page.incidents.map((i) => i.commanderId))
  const rows = page.incidents.map(
    (i) => `| ${i.name} | ${mention(i.commanderId)} | ${i.playbookTitle ?? ''} | ${i.severity ?? ''} | ${day(i.startedAt)} | ${minutes(i.durationMs)} | ${channelCell(i.channel)} |`,
  )
  const older = page.total - page.incidents.length
  return ephemeral(fitWholeItems(rows, 'first', (shown, leftOut) => tableMessage(PAST_TABLE, shown, leftOut > 0 ? `${leftOut} older incidents not shown.` : ''), older))
}

/**
 * `report`: the caller's team over the last 30 days (against the 30 before), rendered by the
 * projections' report: counts, time to resolve and other milestone pairs, slowest checklist items.
 * It reads the streams of the team's incidents that can count in those 60 days and their playbooks
 * (the live model knows which, `teamReportStreams`), not the log of every team nor the team's
 * whole history: Mattermost waits on the reply, and the store's stream cache keeps repeated
 * reports to the events appended since.
 *
 * @example
 * await teamReport(deps, invocation)
 */
export const teamReport = async (deps: BotDeps, invocation: Invocation): Promise<CommandResponse> => {
  const model = await deps.model.refresh()
  const now = deps.clock.now()
  const { current, previous } = precedingPeriods(now, DEFAULT_RECENT_DAYS)
  const streams = teamReportStreams(model, invocation.teamId, undefined, [current, previous])
  const events = (await Promise.all(streams.map((streamId) => deps.store.readStream(streamId)))).flat()
  const report = buildTeamReport(events, { teamId: invocation.teamId, period: current, now })
  if (E.isLeft(report)) return warning(report.left.message)
  const markdown = renderReportMarkdown(report.right)
  return ephemeral(fitMessage(markdown, '_(cut: run `incident-kit report` for the whole report)_'))
}
