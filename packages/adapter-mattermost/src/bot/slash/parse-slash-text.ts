import * as E from 'fp-ts/lib/Either.js'
import { parseIsoTime } from '@incident-kit/core'
import { isItemVerb, type ItemVerb } from '../checklist/item-verbs.js'
import { parsePlaybookDraft } from './parse-playbook-draft.js'
import { usageError, type DueSpec, type PlaybookDraft, type SlashCommand, type SlashUsageError, type UserRef } from './slash-command.js'

type Parsed = E.Either<SlashUsageError, SlashCommand>

const WITHOUT_ARGUMENTS = ['end', 'reopen', 'list', 'info', 'timeline', 'history', 'report'] as const
const NO_ASSIGNEE = new Set(['nobody', 'none', 'noone', '-'])
const NO_DUE = new Set(['none', 'clear', 'never', '-'])
const DELAY = /^\+?(\d{1,5})(m|min|h|d)$/i
const UNIT_MINUTES: Record<string, number> = { m: 1, min: 1, h: 60, d: 1440 }

/**
 * `@alice`, `alice` or `me`; `undefined` when it does not look like a username.
 *
 * @example
 * parseUserRef('@Alice') // { kind: 'username', username: 'alice' }
 */
const parseUserRef = (word: string): UserRef | undefined => {
  if (word.toLowerCase() === 'me') return { kind: 'self' }
  const username = word.replace(/^@/, '').toLowerCase()
  return /^[a-z0-9][a-z0-9._-]{0,63}$/.test(username) ? { kind: 'username', username } : undefined
}

/**
 * `30m`, `+2h`, `1d`, an ISO-8601 date and time (UTC unless it has an offset), or `none`; `undefined` for anything else.
 *
 * @example
 * parseDue(['in', '2h']) // { kind: 'in', minutes: 120 }
 */
const parseDue = (words: readonly string[]): DueSpec | undefined => {
  const text = words.join(' ').trim()
  if (NO_DUE.has(text.toLowerCase())) return { kind: 'none' }
  const delay = DELAY.exec(text.replace(/^in\s+/i, ''))
  if (delay) return { kind: 'in', minutes: Number(delay[1]) * (UNIT_MINUTES[delay[2]!.toLowerCase()] ?? 1) }
  // A time of day is needed; without an offset it is UTC, like every time the bot shows.
  const at = parseIsoTime(text)
  return at?.hasTime ? { kind: 'at', at: new Date(at.ms).toISOString() } : undefined
}

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '')

const itemCommand = (kind: ItemVerb, rest: string): Parsed =>
  rest === '' ? E.left(usageError(`\`${kind}\` needs an item: its number in \`info\`, or words of its title. Example: \`${kind} 2\``)) : E.right({ kind, item: rest })

const parseAdd = (rest: string): Parsed => {
  if (rest === '') return E.right({ kind: 'add-dialog' })
  const section = /^section(?:\s+(.*))?$/is.exec(rest)
  if (section) {
    const title = section[1]?.trim() ?? ''
    return title === '' ? E.left(usageError('`add section <title>` needs the title of the new section. Example: `add section Follow-up`')) : E.right({ kind: 'add-section', title })
  }
  const bracketed = /^\[([^\]]+)\]\s*(.*)$/s.exec(rest)
  if (!bracketed) return E.right({ kind: 'add', text: rest })
  const text = bracketed[2]!.trim()
  if (text === '') return E.left(usageError('`add [section] <text>` needs the text of the item after the section. Example: `add [Triage] Check the error rate`'))
  return E.right({ kind: 'add', section: bracketed[1]!.trim(), text })
}

/*
 * The assignee is the last word, and only an @-name, `me` or `nobody`: a bare last word may as well
 * end the item's title (`assign roll back`), and taking it for a user would assign someone unasked.
 */
const parseAssign = (rest: string): Parsed => {
  const all = words(rest)
  const last = all.at(-1)
  const usage = usageError('`assign <item> @user` needs an item, then the user with its @ (or `me`, or `nobody`). Example: `assign 3 @alice`')
  if (all.length < 2 || last === undefined) return E.left(usage)
  const item = all.slice(0, -1).join(' ')
  if (NO_ASSIGNEE.has(last.toLowerCase())) return E.right({ kind: 'assign', item, user: null })
  const user = last.startsWith('@') || last.toLowerCase() === 'me' ? parseUserRef(last) : undefined
  return user ? E.right({ kind: 'assign', item, user }) : E.left(usage)
}

const parseDueCommand = (rest: string): Parsed => {
  const all = words(rest)
  for (let split = 1; split < all.length; split++) {
    const due = parseDue(all.slice(split))
    if (due) return E.right({ kind: 'due', item: all.slice(0, split).join(' '), due })
  }
  return E.left(usageError('`due <item> <when>` needs an item and a time: `30m`, `2h`, `1d`, an ISO time like `2026-03-01T10:00Z`, or `none`. Example: `due 2 45m`'))
}

/*
 * A name of one or more words, then optionally `at` and a time, which may be two words as in `due`
 * (`at 2026-03-01 10:00`). The last `at` starts the time.
 */
const parseMilestone = (rest: string): Parsed => {
  const usage = (why: string) =>
    usageError(`${why}: \`milestone <name> [at <time>]\` marks a milestone (detected, acknowledged, mitigated, resolved, or your own), now or at an ISO time. Example: \`milestone mitigated at 2026-03-01T08:40Z\``)
  const all = words(rest)
  if (all.length === 0) return E.left(usage('a milestone needs a name'))
  const atIndex = all.map((word) => word.toLowerCase()).lastIndexOf('at')
  if (atIndex <= 0) return E.right({ kind: 'milestone', milestone: all.join(' ').toLowerCase() })
  const milestone = all.slice(0, atIndex).join(' ').toLowerCase()
  const when = all.slice(atIndex + 1)
  const at = parseDue(when)
  if (at?.kind === 'at') return E.right({ kind: 'milestone', milestone, at: at.at })
  return E.left(usage(when.length === 0 ? 'a time must follow `at`' : `\`${when.join(' ')}\` is not a date and time`))
}

const parsePlaybook = (rest: string): Parsed => {
  const [sub = '', ...others] = words(rest.split('\n')[0] ?? '')
  const argument = rest.slice(rest.indexOf(sub) + sub.length).trim()
  switch (sub.toLowerCase()) {
    case 'list':
      return E.right({ kind: 'playbook-list' })
    case 'create':
      return E.map((draft: PlaybookDraft): SlashCommand => ({ kind: 'playbook-create', draft }))(parsePlaybookDraft(argument))
    case 'show':
    case 'archive':
      if (others.length === 0) return E.left(usageError(`\`playbook ${sub.toLowerCase()}\` needs a playbook: its number in \`playbook list\` or words of its title`))
      return E.right({ kind: sub.toLowerCase() === 'show' ? 'playbook-show' : 'playbook-archive', playbook: argument })
    default:
      return E.left(usageError('`playbook` takes `create <title>`, `list`, `show <playbook>` or `archive <playbook>`'))
  }
}

/**
 * Parses the text after the trigger (`check 2`, `assign rollback @bob`). Pure: resolving items,
 * users and the incident happens later, against the state. Every misuse is a `SlashUsageError`
 * whose message shows the right usage.
 *
 * @example
 * parseSlashText('assign roll back @bob') // Right({ kind: 'assign', item: 'roll back', user: { kind: 'username', username: 'bob' } })
 */
export const parseSlashText = (text: string): Parsed => {
  const trimmed = text.trim()
  const verbMatch = /^(\S+)\s*([\s\S]*)$/.exec(trimmed)
  if (!verbMatch) return E.right({ kind: 'help' })
  const verb = verbMatch[1]!.toLowerCase()
  const rest = verbMatch[2]!.trim()
  const known = (kind: string): kind is (typeof WITHOUT_ARGUMENTS)[number] => (WITHOUT_ARGUMENTS as readonly string[]).includes(kind)
  if (verb === 'help') return E.right({ kind: 'help' })
  if (known(verb)) return rest === '' ? E.right({ kind: verb }) : E.left(usageError(`\`${verb}\` takes no arguments`))
  if (isItemVerb(verb)) return itemCommand(verb, rest)
  switch (verb) {
    case 'start':
      return E.right(rest === '' ? { kind: 'start' } : { kind: 'start', name: rest })
    case 'commander': {
      const user = rest.includes(' ') ? undefined : parseUserRef(rest)
      return user ? E.right({ kind: 'commander', user }) : E.left(usageError('`commander @user` needs exactly one user (or `me`). Example: `commander @alice`'))
    }
    case 'add':
      return parseAdd(rest)
    case 'assign':
      return parseAssign(rest)
    case 'due':
      return parseDueCommand(rest)
    case 'status':
      return E.right(rest === '' ? { kind: 'status' } : { kind: 'status', message: rest })
    case 'note':
      return rest === '' ? E.left(usageError('`note <text>` needs the text to add to the timeline')) : E.right({ kind: 'note', text: rest })
    case 'set': {
      const [key, ...value] = words(rest)
      if (key === undefined || value.length === 0) return E.left(usageError('`set <field> <value>` needs a field and a value (`none` clears it). Example: `set severity sev1`'))
      const joined = value.join(' ')
      return E.right({ kind: 'set', key: key.toLowerCase(), value: NO_DUE.has(joined.toLowerCase()) ? null : joined })
    }
    case 'milestone':
      return parseMilestone(rest)
    case 'playbook':
    case 'playbooks':
      return parsePlaybook(rest)
    default:
      return E.left(usageError(`unknown command \`${verb}\`; \`help\` lists them all`))
  }
}
