import type { PlaybookRecord } from '@incident-kit/projections'
import type { Dialog } from '../../client/index.js'
import { TEXT_LIMITS } from '../commands/text-limits.js'
import { firstRunes } from '../render/post-size.js'
import { signContext } from '../security/signed-context.js'
import { playbookOptions } from './playbook-options.js'

/** The dialogs the bot opens; the callback id says which one a submission answers. */
export const DIALOGS = { start: 'start', status: 'status', addItem: 'additem' } as const

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const

/** What a dialog's state is bound to: signed, so a submission cannot claim another incident, user or team. */
export interface DialogBinding {
  readonly secret: string
  readonly incidentId: string
  readonly channelId: string
  readonly userId: string
  /** Unique per opened dialog (the trigger's delivery key): a repeated submission is recognised. */
  readonly nonce: string
  /** The team the dialog was opened in; the start dialog starts its incident there. */
  readonly teamId?: string
}

const state = (action: string, { secret, incidentId, channelId, userId, nonce, teamId }: DialogBinding) =>
  JSON.stringify(signContext(secret, { action, incidentId, channelId, userId, nonce, teamId }))

/**
 * The start dialog: name, channel name, playbook (in `playbook list`'s order, `playbookOptions`),
 * severity, description. Its binding names the team the incident starts in.
 *
 * @example
 * await api.openDialog({ triggerId, url: dialogUrl(settings), dialog: startDialog({ ...binding, teamId }, playbooks, 'DB down') })
 */
export const startDialog = (binding: DialogBinding & { readonly teamId: string }, playbooks: readonly PlaybookRecord[], name?: string): Dialog => ({
  callback_id: DIALOGS.start,
  title: 'Start an incident',
  submit_label: 'Start',
  state: state(DIALOGS.start, binding),
  elements: [
    { display_name: 'Name', name: 'name', type: 'text', max_length: TEXT_LIMITS.incidentName, ...(name ? { default: firstRunes(name, TEXT_LIMITS.incidentName) } : {}) },
    { display_name: 'Channel name', name: 'channel', type: 'text', optional: true, max_length: TEXT_LIMITS.channelName, help_text: 'Defaults to the name; taken names get a suffix.' },
    ...(playbooks.length > 0
      ? [{ display_name: 'Playbook', name: 'playbook', type: 'select' as const, optional: true, options: playbookOptions(playbooks) }]
      : []),
    { display_name: 'Severity', name: 'severity', type: 'select', optional: true, options: SEVERITIES.map((s) => ({ text: s, value: s })) },
    { display_name: 'Description', name: 'description', type: 'textarea', optional: true, max_length: TEXT_LIMITS.description },
  ],
})

/**
 * The status update dialog, prefilled with the last update.
 *
 * @example
 * statusDialog(binding, 'DB down', 'Failover running')
 */
export const statusDialog = (binding: DialogBinding, incidentName: string, lastMessage?: string): Dialog => ({
  callback_id: DIALOGS.status,
  title: 'Status update',
  introduction_text: `Post a status update for **${incidentName}**.`,
  submit_label: 'Post',
  state: state(DIALOGS.status, binding),
  elements: [{ display_name: 'Update', name: 'message', type: 'textarea', max_length: TEXT_LIMITS.statusUpdate, ...(lastMessage ? { default: lastMessage } : {}) }],
})

/**
 * The add-item dialog: section, title, optional assignee.
 *
 * @example
 * addItemDialog(binding, state.sections)
 */
export const addItemDialog = (binding: DialogBinding, sections: readonly { sectionId: string; title: string }[]): Dialog => ({
  callback_id: DIALOGS.addItem,
  title: 'Add a checklist item',
  submit_label: 'Add',
  state: state(DIALOGS.addItem, binding),
  elements: [
    { display_name: 'Item', name: 'title', type: 'text', max_length: TEXT_LIMITS.itemTitle },
    ...(sections.length > 0
      ? [{ display_name: 'Section', name: 'section', type: 'select' as const, default: sections.at(-1)!.sectionId, options: sections.map((s) => ({ text: firstRunes(s.title, TEXT_LIMITS.sectionTitle), value: s.sectionId })) }]
      : []),
    { display_name: 'Assignee', name: 'assignee', type: 'select', data_source: 'users', optional: true },
  ],
})
