import { incidentDetail, timeline } from '@incident-kit/projections'
import type { CommandResponse } from '../../client/index.js'
import { incidentView } from '../render/incident-view.js'
import { timelineMessage } from '../render/timeline-message.js'
import { actionUrl, type BotDeps } from '../runtime/bot-deps.js'
import { mentionsFor } from '../runtime/user-names.js'
import { ephemeral, warning } from './replies.js'

/**
 * `info`: the incident's detail view with the checklist's buttons.
 *
 * @example
 * await showIncident(deps, incidentId)
 */
export const showIncident = async (deps: BotDeps, incidentId: string): Promise<CommandResponse> => {
  const detail = incidentDetail(await deps.model.refresh(), incidentId)
  if (!detail) return warning('this incident is not known yet; try again in a moment')
  const target = detail.channel.id === null ? undefined : { actionUrl: actionUrl(deps.settings), secret: deps.settings.signingSecret, incidentId, channelId: detail.channel.id }
  const view = await incidentView(detail, target, deps.names.mention)
  return ephemeral(view.message, view.attachments)
}

/**
 * `timeline`: every event of the incident as a sentence, with its date, time and time from the start.
 *
 * @example
 * await showTimeline(deps, incidentId)
 */
export const showTimeline = async (deps: BotDeps, incidentId: string): Promise<CommandResponse> => {
  const model = await deps.model.refresh()
  const record = model.incidents[incidentId]
  if (!record) return warning('this incident is not known yet; try again in a moment')
  const actors = record.timeline.flatMap((r) => [r.actorId, ...['to', 'from', 'assigneeId', 'commanderId'].map((k) => (r.data as Record<string, unknown> | null)?.[k]).filter((v): v is string => typeof v === 'string')])
  const mention = await mentionsFor(deps.names, actors)
  return ephemeral(timelineMessage(record.name, timeline(model, incidentId, { mention }) ?? []))
}
