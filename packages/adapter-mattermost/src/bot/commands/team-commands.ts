import { activeIncidents, pastIncidents } from '@incident-kit/projections'
import type { CommandResponse } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { mentionsFor } from '../runtime/user-names.js'
import { ephemeral, type Invocation } from './invocation.js'

const DAY_MS = 86_400_000
const REPORT_DAYS = 30
const HISTORY_LIMIT = 20
const minutes = (ms: number) => (ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`)
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ')

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
  return ephemeral(['#### Active incidents', '| incident | commander | channel | severity | checklist | started (UTC) |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n'))
}

/** `history`: the caller's team's past incidents, most recently ended first. */
export const listHistory = async (deps: BotDeps, invocation: Invocation): Promise<CommandResponse> => {
  const page = pastIncidents(await deps.model.refresh(), invocation.teamId, { ...teamBase(deps, invocation), limit: HISTORY_LIMIT })
  if (page.total === 0) return ephemeral('No past incidents in this team yet.')
  const mention = await mentionsFor(deps.names, page.incidents.map((i) => i.commanderId))
  const rows = page.incidents.map(
    (i) => `| ${i.name} | ${mention(i.commanderId)} | ${i.playbookTitle ?? ''} | ${i.severity ?? ''} | ${day(i.startedAt)} | ${minutes(i.durationMs)} | ${channelCell(i.channel)} |`,
  )
  const more = page.total > page.incidents.length ? `\n_${page.total - page.incidents.length} older incidents not shown._` : ''
  return ephemeral(['#### Past incidents', '| incident | commander | playbook | severity | started (UTC) | duration | channel |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n') + more)
}

/**
 * `report`: the caller's team over the last 30 days: incidents started, ended and active, and the
 * time to resolve of those that ended.
 *
 * @example
 * await teamReport(deps, invocation)
 */
export const teamReport = async (deps: BotDeps, invocation: Invocation): Promise<CommandResponse> => {
  const model = await deps.model.refresh()
  const now = deps.clock.now()
  const from = new Date(Date.parse(now) - REPORT_DAYS * DAY_MS).toISOString()
  const ended = pastIncidents(model, invocation.teamId, { startedFrom: from, limit: Number.MAX_SAFE_INTEGER }).incidents
  const active = activeIncidents(model, invocation.teamId).filter((i) => i.startedAt >= from)
  const durations = ended.map((i) => i.durationMs).sort((a, b) => a - b)
  const at = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]!
  const mean = durations.reduce((sum, d) => sum + d, 0) / Math.max(1, durations.length)
  const lines = [
    `#### Incident report, last ${REPORT_DAYS} days`,
    `| started | ended | still active |`,
    `| --- | --- | --- |`,
    `| ${ended.length + active.length} | ${ended.length} | ${active.length} |`,
  ]
  if (durations.length > 0) lines.push('', `**Time to resolve** (start to end): mean ${minutes(mean)}, median ${minutes(at(0.5))}, p90 ${minutes(at(0.9))}.`)
  const bySeverity = new Map<string, number>()
  for (const i of [...ended, ...active]) bySeverity.set(i.severity ?? 'none', (bySeverity.get(i.severity ?? 'none') ?? 0) + 1)
  if (bySeverity.size > 0) lines.push(`**By severity:** ${[...bySeverity].map(([s, n]) => `${s} ${n}`).join(', ')}.`)
  return ephemeral(lines.join('\n'))
}
