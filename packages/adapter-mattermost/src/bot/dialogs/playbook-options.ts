import type { PlaybookRecord } from '@incident-kit/projections'
import { TEXT_LIMITS } from '../commands/text-limits.js'
import { firstRunes } from '../render/post-size.js'
import { titleKey } from '../slash/match-by-title.js'

/**
 * The start dialog's playbook options, labelled by title. A title another option shares (a
 * duplicate recorded before `playbook create` refused them, or two titles alike once cut to fit)
 * gets the playbook's number as `playbook list` shows it, so that each option can be told apart
 * and looked up with `playbook show #<number>`. `playbooks` must be in `playbook list`'s order.
 *
 * @example
 * playbookOptions(await teamPlaybooks(deps, teamId))
 * // [{ text: 'DB outage', value: 'p1' }, { text: 'Drill (#2)', value: 'p7' }, { text: 'Drill (#3)', value: 'p9' }]
 */
export const playbookOptions = (playbooks: readonly Pick<PlaybookRecord, 'playbookId' | 'title'>[]): { text: string; value: string }[] => {
  const labels = playbooks.map((p) => firstRunes(p.title, TEXT_LIMITS.playbookTitle))
  // Each label's key once, counted: comparing every label with every other would split titles n² times.
  const keys = labels.map(titleKey)
  const labelsPerKey = new Map<string, number>()
  for (const key of keys) labelsPerKey.set(key, (labelsPerKey.get(key) ?? 0) + 1)
  return playbooks.map((p, index) => {
    const label = labels[index]!
    const shared = labelsPerKey.get(keys[index]!)! > 1
    return { text: shared ? `${label} (#${index + 1})` : label, value: p.playbookId }
  })
}
