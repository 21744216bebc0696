import * as E from 'fp-ts/lib/Either.js'
import type { PlaybookRecord } from '@incident-kit/projections'
import type { CommandResponse } from '../../client/index.js'
import { fitWholeItems } from '../render/whole-items-that-fit.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { idFromKey } from '../runtime/delivery-ids.js'
import { matchByTitle, sameTitle } from '../slash/match-by-title.js'
import type { PlaybookDraft } from '../slash/slash-command.js'
import { replyTo, send, type Invocation } from './invocation.js'
import { ephemeral, warning } from './replies.js'
import { broadcastChannelIds, requirePlaybookOwner } from './playbook-permissions.js'

/**
 * The team's playbooks that incidents can start from, by title.
 *
 * @example
 * (await teamPlaybooks(deps, teamId)).map((p) => p.title)
 */
export const teamPlaybooks = async (deps: BotDeps, teamId: string): Promise<PlaybookRecord[]> =>
  Object.values((await deps.model.refresh()).playbooks)
    .filter((p) => p.teamId === teamId && !p.archived)
    .sort((a, b) => a.title.localeCompare(b.title) || (a.playbookId < b.playbookId ? -1 : 1))

/** A playbook by its number in `playbook list` or words of its title (`matchByTitle`). */
const findPlaybook = (playbooks: readonly PlaybookRecord[], reference: string): PlaybookRecord | string => {
  const match = matchByTitle(playbooks, (p) => p.title, reference)
  if (match.kind === 'one') return match.value
  if (match.kind === 'many') return `"${reference}" matches ${match.candidates.map((c) => `${c.number}. ${c.value.title}`).join(', ')}: use the playbook's number`
  if (match.reason === 'no such number') return `there is no playbook ${match.number}; \`playbook list\` shows ${playbooks.length}`
  return `no playbook matches "${reference}"`
}

/**
 * Refuses a title another active playbook of the team already has (`sameTitle`): people pick a
 * playbook by its title, in the start dialog and by typing it in full, so a namesake could pass for
 * it, and broadcast its incidents' status updates wherever its own creator chose. The playbook
 * being created is no namesake of itself: a redelivered `playbook create` answers as the first did.
 * `undefined` when the title is free.
 */
const titleTaken = async (deps: BotDeps, invocation: Invocation, playbookId: string, title: string): Promise<CommandResponse | undefined> => {
  const playbooks = await teamPlaybooks(deps, invocation.teamId)
  const index = playbooks.findIndex((p) => p.playbookId !== playbookId && sameTitle(p.title, title))
  if (index === -1) return undefined
  const number = index + 1
  return warning(
    `this team already has a playbook titled **${playbooks[index]!.title}** (number ${number} in \`playbook list\`; \`playbook show ${number}\` shows it). ` +
      'Give the new playbook another title.',
  )
}

/**
 * `playbook create`: a playbook from the multi-line draft; ids derive from the delivery. Its title
 * must not be an active playbook's of the team (`titleTaken`), and its broadcast channels must be
 * ones its creator is a member of (`broadcastChannelIds`).
 *
 * @example
 * await createPlaybook(deps, invocation, { title: 'DB outage', sections: [{ title: 'Triage', items: ['Check dashboards'] }] })
 */
export const createPlaybook = async (deps: BotDeps, invocation: Invocation, draft: PlaybookDraft): Promise<CommandResponse> => {
  const playbookId = idFromKey(invocation.deliveryKey)
  const taken = await titleTaken(deps, invocation, playbookId, draft.title)
  if (taken) return taken
  const broadcastTo = await broadcastChannelIds(deps, invocation, draft.broadcastChannels ?? [])
  if (!Array.isArray(broadcastTo)) return broadcastTo
  const result = await send(deps, invocation, {
    type: 'CreatePlaybook',
    playbookId,
    teamId: invocation.teamId,
    title: draft.title,
    checklists: draft.sections.map((section, s) => ({
      sectionId: `s${s + 1}`,
      title: section.title,
      items: section.items.map((title, i) => ({ itemId: `s${s + 1}i${i + 1}`, title })),
    })),
    ...(draft.description !== undefined ? { description: draft.description } : {}),
    ...(draft.defaultSeverity !== undefined ? { defaultSeverity: draft.defaultSeverity } : {}),
    ...(draft.statusUpdateIntervalMinutes !== undefined ? { statusUpdateIntervalMinutes: draft.statusUpdateIntervalMinutes } : {}),
    ...(draft.verbosity !== undefined ? { verbosity: draft.verbosity } : {}),
    ...(broadcastTo.length > 0 ? { broadcastChannelIds: broadcastTo } : {}),
  })
  const items = draft.sections.reduce((n, s) => n + s.items.length, 0)
  return replyTo(result, `Created the playbook **${draft.title}** (${draft.sections.length} sections, ${items} items).`)
}

/**
 * `playbook list`: the team's playbooks, numbered; as many whole lines as fit in a post. People
 * pick a playbook by its number or its title, so the note after a cut list says how to reach the
 * playbooks it leaves out.
 *
 * @example
 * await listPlaybooks(deps, invocation)
 */
export const listPlaybooks = async (deps: BotDeps, invocation: Invocation): Promise<CommandResponse> => {
  const playbooks = await teamPlaybooks(deps, invocation.teamId)
  if (playbooks.length === 0) return ephemeral('This team has no playbooks yet: `playbook create <title>` makes one.')
  const lines = playbooks.map((p, i) => `${i + 1}. ${p.title}`)
  return ephemeral(
    fitWholeItems(lines, 'first', (shown, leftOut) => {
      const more = `_${leftOut} more not shown (${shown.length + 1} to ${playbooks.length}): \`playbook show <words of its title>\` finds one by title._`
      return ['#### Playbooks', ...shown, ...(leftOut > 0 ? ['', more] : [])].join('\n')
    }),
  )
}

/**
 * `playbook show <playbook>`: its settings and checklist.
 *
 * @example
 * await showPlaybook(deps, invocation, 'db outage')
 */
export const showPlaybook = async (deps: BotDeps, invocation: Invocation, reference: string): Promise<CommandResponse> => {
  const found = findPlaybook(await teamPlaybooks(deps, invocation.teamId), reference)
  if (typeof found === 'string') return warning(found)
  const loaded = await deps.handler.loadPlaybook(found.playbookId)
  if (E.isLeft(loaded)) return warning(loaded.left.message)
  const p = loaded.right
  const lines = [`#### ${p.title}`]
  if (p.description) lines.push(p.description)
  const settings = [
    p.defaultSeverity ? `severity ${p.defaultSeverity}` : '',
    p.statusUpdateIntervalMinutes ? `status updates every ${p.statusUpdateIntervalMinutes} min` : '',
    p.verbosity ? `messages: ${p.verbosity}` : '',
  ].filter(Boolean)
  if (settings.length > 0) lines.push(`_${settings.join(' · ')}_`)
  for (const section of p.checklists) lines.push(`**${section.title}**`, ...section.items.map((item) => `- ${item.title}`))
  return ephemeral(lines.join('\n'))
}

/**
 * `playbook archive <playbook>`: no new incident starts from it. Its creator's or a team admin's to do.
 *
 * @example
 * await archivePlaybook(deps, invocation, '2')
 */
export const archivePlaybook = async (deps: BotDeps, invocation: Invocation, reference: string): Promise<CommandResponse> => {
  const found = findPlaybook(await teamPlaybooks(deps, invocation.teamId), reference)
  if (typeof found === 'string') return warning(found)
  const refused = await requirePlaybookOwner(deps, invocation.userId, found)
  if (refused) return refused
  return replyTo(await send(deps, invocation, { type: 'ArchivePlaybook', playbookId: found.playbookId }), `Archived the playbook **${found.title}**.`)
}
