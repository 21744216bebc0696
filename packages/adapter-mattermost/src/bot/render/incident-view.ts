import { formatTimestamp, type IncidentDetail } from '@incident-kit/projections'
import type { MessageAttachment } from '../../client/index.js'
import { actionButton, itemButtons, type ButtonTarget } from './checklist-buttons.js'
import { postableAttachments, postableMessage } from './postable.js'

type Mention = (userId: string) => Promise<string>

const STATE_MARK = { open: ':white_large_square:', checked: ':white_check_mark:', skipped: ':fast_forward:' } as const

/** A message with attachments: what `info` answers and what the pinned summary post shows. */
export interface RenderedView {
  readonly message: string
  readonly attachments: readonly MessageAttachment[]
}

/**
 * The live detail view of an incident as a Mattermost message: header lines, then one attachment
 * per checklist item (numbered as `<item>` references count them) with the buttons its state allows.
 * It is postable (`postableMessage`) however long the incident's texts and checklist grew.
 *
 * @example
 * const view = await incidentView(detail, target, names.mention)
 * await api.patchPost(summaryPostId, { message: view.message, attachments: view.attachments })
 */
export const incidentView = async (detail: IncidentDetail, target: ButtonTarget | undefined, mention: Mention): Promise<RenderedView> => {
  const lines = [
    `### :rotating_light: ${detail.name}${detail.status === 'ended' ? ' (ended)' : ''}`,
    `**Commander:** ${await mention(detail.commanderId)} · **Reporter:** ${await mention(detail.reporterId)}` +
      (detail.severity ? ` · **Severity:** ${detail.severity}` : ''),
    `**Started:** ${formatTimestamp(detail.startedAt)}${detail.endedAt ? ` · **Ended:** ${formatTimestamp(detail.endedAt)}` : ''} · **Checklist:** ${detail.progress.done}/${detail.progress.total} done`,
  ]
  if (detail.description) lines.push(`**Description:** ${detail.description}`)
  const custom = Object.entries(detail.metadata).filter(([key]) => key !== 'severity' && key !== 'description')
  if (custom.length > 0) lines.push(custom.map(([k, v]) => `**${k}:** ${v}`).join(' · '))
  const last = detail.statusUpdates.at(-1)
  lines.push(last ? `**Last status update** (${formatTimestamp(last.at)}, ${await mention(last.authorId)}):\n> ${last.message.split('\n').join('\n> ')}` : '_No status update yet._')
  const attachments: MessageAttachment[] = []
  let number = 0
  for (const section of detail.sections) {
    attachments.push({ title: section.title, text: section.items.length === 0 ? '_empty_' : undefined })
    for (const item of section.items) {
      number += 1
      const who = item.assigneeId ? ` · ${await mention(item.assigneeId)}` : ''
      const due = item.dueAt ? ` · due ${formatTimestamp(item.dueAt)}` : ''
      const done = item.state === 'checked' && item.lastCompletedAt ? ` · done ${formatTimestamp(item.lastCompletedAt)}` : ''
      attachments.push({
        text: `${STATE_MARK[item.state]} ${number}. ${item.title}${who}${due}${done}`,
        ...(target && detail.status === 'active' ? { actions: itemButtons(target, item, number) } : {}),
      })
    }
  }
  if (target && detail.status === 'active') {
    attachments.push({ actions: [actionButton(target, 'statusdialog', undefined, 0, 'Post status update'), actionButton(target, 'additemdialog', undefined, 0, 'Add item')] })
  }
  return { message: postableMessage(lines.join('\n')), attachments: postableAttachments(attachments) }
}
