import * as E from 'fp-ts/lib/Either.js'
import { Verbosity } from '@incident-kit/core'
import { usageError, type PlaybookDraft, type SlashUsageError } from './slash-command.js'

const DEFAULT_SECTION = 'Checklist'
const USAGE =
  '`playbook create <title>` takes the title on the first line, then optional lines ' +
  '`description: …`, `severity: …`, `interval: <minutes>`, `verbosity: all|key|assignees`, `broadcast: ~channel ~other`, ' +
  'sections as `## Section` and items as `- item`.'

type Mutable = { -readonly [K in keyof PlaybookDraft]: PlaybookDraft[K] }

/**
 * Parses a playbook written in the slash command (Shift+Enter gives new lines):
 *
 * @example
 * parsePlaybookDraft('DB outage\ninterval: 15\n## Triage\n- Check dashboards\n- Page the DBA')
 * // Right({ title: 'DB outage', statusUpdateIntervalMinutes: 15, sections: [{ title: 'Triage', items: [...] }] })
 */
export const parsePlaybookDraft = (text: string): E.Either<SlashUsageError, PlaybookDraft> => {
  const [first = '', ...lines] = text.split('\n')
  const title = first.trim()
  if (title === '') return E.left(usageError(USAGE))
  const draft: Mutable = { title, sections: [] }
  const sections: { title: string; items: string[] }[] = []
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '') continue
    const heading = /^#{1,6}\s*(.+)$/.exec(line)
    const item = /^(?:[-*]|\d+[.)]|\[ ?\])\s*(.+)$/.exec(line)
    const option = /^(description|severity|interval|verbosity|broadcast)\s*:\s*(.+)$/i.exec(line)
    if (heading) sections.push({ title: heading[1]!.trim(), items: [] })
    else if (item) {
      if (sections.length === 0) sections.push({ title: DEFAULT_SECTION, items: [] })
      sections.at(-1)!.items.push(item[1]!.trim())
    } else if (option) {
      const value = option[2]!.trim()
      switch (option[1]!.toLowerCase()) {
        case 'description':
          draft.description = value
          break
        case 'severity':
          draft.defaultSeverity = value
          break
        case 'interval': {
          const minutes = Number(value.replace(/\s*(m|min|minutes)$/i, ''))
          if (!Number.isInteger(minutes) || minutes < 1) return E.left(usageError(`line ${index + 2}: interval must be a whole number of minutes, got "${value}"`))
          draft.statusUpdateIntervalMinutes = minutes
          break
        }
        case 'broadcast':
          draft.broadcastChannels = value.split(/[\s,]+/).map((name) => name.replace(/^~/, '').toLowerCase()).filter(Boolean)
          break
        default: {
          const verbosity = value.toLowerCase()
          if (!Verbosity.is(verbosity)) return E.left(usageError(`line ${index + 2}: verbosity must be all, key or assignees, got "${value}"`))
          draft.verbosity = verbosity
        }
      }
    } else return E.left(usageError(`line ${index + 2} ("${line}") is not understood. ${USAGE}`))
  }
  draft.sections = sections
  return E.right(draft)
}
