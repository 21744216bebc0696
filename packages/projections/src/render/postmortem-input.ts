import type { IncidentReadModel } from '../model/read-model.js'
import { incidentDetail, type IncidentDetail } from '../views/incident-detail.js'
import type { ChannelLinkOptions } from '../views/incident-summary.js'
import { itemDurations, type ItemDuration } from '../views/item-durations.js'
import { defaultMention, type Mention } from '../views/timeline-text.js'
import { timeline, type TimelineEntry } from '../views/timeline.js'

/** Everything a postmortem shows, taken from the views. */
export interface PostmortemInput {
  readonly detail: IncidentDetail
  readonly timeline: readonly TimelineEntry[]
  readonly itemDurations: readonly ItemDuration[]
  readonly playbookTitle: string | null
  /** How user ids read (the same function the timeline's sentences used). */
  readonly mention: Mention
}

/** Options of {@link postmortemInput}. */
export interface PostmortemInputOptions extends ChannelLinkOptions {
  readonly mention?: Mention
}

/**
 * Gathers one incident's postmortem from the read model (built as of any time, for a postmortem
 * as things stood then); `undefined` for an unknown incident.
 *
 * @example
 * const input = postmortemInput(model, 'i1', { baseUrl: 'https://chat.example.com/sec' })
 * if (input) await writeFile('postmortem.html', await renderPostmortemHtml(input))
 */
export const postmortemInput = (
  model: IncidentReadModel,
  incidentId: string,
  options: PostmortemInputOptions = {},
): PostmortemInput | undefined => {
  const mention = options.mention ?? defaultMention
  const detail = incidentDetail(model, incidentId, options)
  const entries = timeline(model, incidentId, { mention })
  const durations = itemDurations(model, incidentId)
  if (detail === undefined || entries === undefined || durations === undefined) return undefined
  const playbook = detail.playbookId === null ? undefined : model.playbooks[detail.playbookId]
  return { detail, timeline: entries, itemDurations: durations, playbookTitle: playbook?.title ?? null, mention }
}
