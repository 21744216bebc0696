import type { PlaybookSectionSpec, Verbosity } from '@incident-kit/core'

/** A playbook `playbooks seed` installs: its content, and a key that makes its id per team stable. */
export interface StarterPlaybook {
  /** Stable across releases: the playbook id of a team is derived from it. */
  readonly key: string
  readonly title: string
  readonly description: string
  readonly defaultSeverity: string
  readonly statusUpdateIntervalMinutes: number
  readonly verbosity: Verbosity
  readonly checklists: PlaybookSectionSpec[]
}

type ItemInput = readonly [title: string, dueAfterMinutes: number | undefined, description: string]

/**
 * Builds a section with ids `<prefix>-<section>-<n>`, unique within a playbook and stable across
 * releases (incidents copy them, reports compare items by them).
 *
 * @example
 * section('sre', 'mitigate', 'Mitigate', [['Roll back the last deploy', 20, 'If it correlates.']])
 */
export const section = (prefix: string, key: string, title: string, items: readonly ItemInput[]): PlaybookSectionSpec => ({
  sectionId: `${prefix}-${key}`,
  title,
  items: items.map(([itemTitle, dueAfterMinutes, description], index) => ({
    itemId: `${prefix}-${key}-${index + 1}`,
    title: itemTitle,
    description,
    ...(dueAfterMinutes !== undefined ? { dueAfterMinutes } : {}),
  })),
})
