import type { ItemVerb } from '../checklist/item-verbs.js'

/** Someone named in a command: `@alice`, `alice`, or `me` (the caller). */
export type UserRef = { readonly kind: 'self' } | { readonly kind: 'username'; readonly username: string }

/** When an item is due: an absolute time, a delay from now, or no due date. */
export type DueSpec =
  | { readonly kind: 'at'; readonly at: string }
  | { readonly kind: 'in'; readonly minutes: number }
  | { readonly kind: 'none' }

/** A playbook's checklist as written in a multi-line `playbook create`. */
export interface PlaybookDraft {
  readonly title: string
  readonly description?: string
  readonly defaultSeverity?: string
  readonly statusUpdateIntervalMinutes?: number
  readonly verbosity?: 'all' | 'key' | 'assignees'
  /** Names of channels (without `~`) that get a copy of every status update. */
  readonly broadcastChannels?: readonly string[]
  readonly sections: readonly { readonly title: string; readonly items: readonly string[] }[]
}

/** A parsed `/incident ...` command: what the user asked for, before it is checked against state. */
export type SlashCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'start'; readonly name?: string }
  | { readonly kind: 'end' | 'reopen' | 'list' | 'info' | 'timeline' | 'history' | 'report' }
  | { readonly kind: 'commander'; readonly user: UserRef }
  | { readonly kind: ItemVerb; readonly item: string }
  | { readonly kind: 'add'; readonly section?: string; readonly text: string }
  | { readonly kind: 'add-dialog' }
  | { readonly kind: 'add-section'; readonly title: string }
  | { readonly kind: 'assign'; readonly item: string; readonly user: UserRef | null }
  | { readonly kind: 'due'; readonly item: string; readonly due: DueSpec }
  | { readonly kind: 'status'; readonly message?: string }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'set'; readonly key: string; readonly value: string | null }
  | { readonly kind: 'milestone'; readonly milestone: string; readonly at?: string }
  | { readonly kind: 'playbook-create'; readonly draft: PlaybookDraft }
  | { readonly kind: 'playbook-list' }
  | { readonly kind: 'playbook-show' | 'playbook-archive'; readonly playbook: string }

/** A misuse of the slash command: shown to the caller only, with the usage of what they tried. */
export interface SlashUsageError {
  readonly _tag: 'SlashUsageError'
  readonly message: string
}

/**
 * Builds a usage error shown to the caller.
 *
 * @example
 * usageError('`check` needs an item')
 */
export const usageError = (message: string): SlashUsageError => ({ _tag: 'SlashUsageError', message })
