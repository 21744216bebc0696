import type { ChecklistItem } from '@incident-kit/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveItem } from './resolve-item.js'

const item = (itemId: string, title: string): ChecklistItem => ({
  itemId,
  sectionId: 's',
  title,
  state: 'open',
  assigneeId: null,
  dueAt: null,
  command: null,
  lastCompletedAt: null,
})
const items = [item('a', 'Roll back the deploy'), item('b', 'Roll back the config'), item('c', 'Page the DBA'), item('d', 'Roll back')]

describe('resolveItem', () => {
  it('finds an item by number', () => {
    expect(resolveItem(items, '3')).toMatchObject({ kind: 'one', item: { itemId: 'c' }, number: 3 })
    expect(resolveItem(items, '#1')).toMatchObject({ kind: 'one', item: { itemId: 'a' } })
    expect(resolveItem(items, '9')).toMatchObject({ kind: 'none' })
    expect(resolveItem(items, '#09')).toEqual({ kind: 'none', message: `there is no item 9: the checklist has ${items.length}` })
  })

  it('finds an item by words that start words of its title', () => {
    expect(resolveItem(items, 'dba')).toMatchObject({ kind: 'one', item: { itemId: 'c' } })
    expect(resolveItem(items, 'roll conf')).toMatchObject({ kind: 'one', item: { itemId: 'b' } })
  })

  it('prefers an exact title, else offers every match', () => {
    expect(resolveItem(items, 'roll back')).toMatchObject({ kind: 'one', item: { itemId: 'd' } })
    const many = resolveItem(items, 'roll the')
    expect(many.kind === 'many' && many.candidates.map((c) => c.item.itemId)).toEqual(['a', 'b'])
    expect(resolveItem(items, 'reboot')).toMatchObject({ kind: 'none' })
  })

  it('always finds an item by its full title or its number', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,3}$/), { minLength: 1, maxLength: 8 }), fc.nat(), (titles, pick) => {
        const list = titles.map((t, i) => item(`i${i}`, t))
        const index = pick % list.length
        expect(resolveItem(list, String(index + 1))).toMatchObject({ kind: 'one', item: { itemId: `i${index}` } })
        expect(resolveItem(list, titles[index]!)).toMatchObject({ kind: 'one', item: { itemId: `i${index}` } })
      }),
      { numRuns: 200 },
    )
  })
})
