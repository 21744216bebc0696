import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSlashText } from './parse-slash-text.js'

const parsed = (text: string) => {
  const result = parseSlashText(text)
  if (E.isLeft(result)) throw new Error(result.left.message)
  return result.right
}
const misuse = (text: string) => {
  const result = parseSlashText(text)
  if (E.isRight(result)) throw new Error(`expected a usage error for "${text}"`)
  return result.left.message
}

describe('parseSlashText', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['start', { kind: 'start' }],
    ['start DB is down', { kind: 'start', name: 'DB is down' }],
    ['END', { kind: 'end' }],
    ['commander @Alice', { kind: 'commander', user: { kind: 'username', username: 'alice' } }],
    ['commander me', { kind: 'commander', user: { kind: 'self' } }],
    ['check 2', { kind: 'check', item: '2' }],
    ['skip roll back', { kind: 'skip', item: 'roll back' }],
    ['add Check the logs', { kind: 'add', text: 'Check the logs' }],
    ['add [Triage] Check the logs', { kind: 'add', section: 'Triage', text: 'Check the logs' }],
    ['add', { kind: 'add-dialog' }],
    ['add section Recovery', { kind: 'add-section', title: 'Recovery' }],
    ['assign roll back @bob', { kind: 'assign', item: 'roll back', user: { kind: 'username', username: 'bob' } }],
    ['assign 3 nobody', { kind: 'assign', item: '3', user: null }],
    ['assign 3 me', { kind: 'assign', item: '3', user: { kind: 'self' } }],
    ['due 2 45m', { kind: 'due', item: '2', due: { kind: 'in', minutes: 45 } }],
    ['due page the dba in 2h', { kind: 'due', item: 'page the dba', due: { kind: 'in', minutes: 120 } }],
    ['due 2 none', { kind: 'due', item: '2', due: { kind: 'none' } }],
    ['due 2 2026-03-01T10:00Z', { kind: 'due', item: '2', due: { kind: 'at', at: '2026-03-01T10:00:00.000Z' } }],
    ['due 2 2026-03-01T10:00', { kind: 'due', item: '2', due: { kind: 'at', at: '2026-03-01T10:00:00.000Z' } }],
    ['due 2 2026-03-01T10:00+02:00', { kind: 'due', item: '2', due: { kind: 'at', at: '2026-03-01T08:00:00.000Z' } }],
    ['status', { kind: 'status' }],
    ['status All good now', { kind: 'status', message: 'All good now' }],
    ['note we rolled back', { kind: 'note', text: 'we rolled back' }],
    ['set severity sev1', { kind: 'set', key: 'severity', value: 'sev1' }],
    ['set severity none', { kind: 'set', key: 'severity', value: null }],
    ['milestone Mitigated', { kind: 'milestone', milestone: 'mitigated' }],
    ['milestone detected at 2026-03-01T08:40Z', { kind: 'milestone', milestone: 'detected', at: '2026-03-01T08:40:00.000Z' }],
    ['milestone Customer notified', { kind: 'milestone', milestone: 'customer notified' }],
    ['milestone customer notified at 2026-03-01 10:00', { kind: 'milestone', milestone: 'customer notified', at: '2026-03-01T10:00:00.000Z' }],
    ['playbook list', { kind: 'playbook-list' }],
    ['playbook show 1', { kind: 'playbook-show', playbook: '1' }],
    ['playbook archive db outage', { kind: 'playbook-archive', playbook: 'db outage' }],
  ])('"%s"', (text, expected) => {
    expect(parsed(text)).toEqual(expected)
  })

  it('reads a multi-line playbook', () => {
    expect(parsed('playbook create DB outage\ninterval: 15\nverbosity: key\n## Triage\n- Check dashboards\n- Page the DBA\n## Recovery\n- Fail over')).toEqual({
      kind: 'playbook-create',
      draft: {
        title: 'DB outage',
        statusUpdateIntervalMinutes: 15,
        verbosity: 'key',
        sections: [
          { title: 'Triage', items: ['Check dashboards', 'Page the DBA'] },
          { title: 'Recovery', items: ['Fail over'] },
        ],
      },
    })
  })

  it.each(['bogus', 'check', 'commander', 'commander @a @b', 'assign 2', 'due 2 sometime', 'note', 'set severity', 'end now', 'playbook', 'playbook show', 'playbook create', 'playbook create X\nverbosity: loud', 'milestone', 'milestone x at soon'])(
    'explains the misuse "%s"',
    (text) => {
      expect(misuse(text).length).toBeGreaterThan(10)
    },
  )

  it.each([
    ['assign roll back', 'then the user with its @'],
    ['assign @alice 3', 'then the user with its @'],
    ['add section', 'needs the title of the new section'],
    ['add section   ', 'needs the title of the new section'],
    ['milestone mitigated at', 'a time must follow `at`'],
    ['milestone mitigated at half past ten', '`half past ten` is not a date and time'],
  ])('says what is wrong with "%s": %s', (text, why) => {
    expect(misuse(text)).toContain(why)
  })

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => parseSlashText(text)).not.toThrow()
      }),
      { numRuns: 500 },
    )
  })
})
