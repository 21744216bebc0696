import { describe, expect, it } from 'vitest'
import { runeLength } from './post-size.js'
import { fitWholeItems } from './whole-items-that-fit.js'

const rows = Array.from({ length: 50 }, (_, i) => `row ${String(i).padStart(2, '0')} `.padEnd(20, 'x'))
const withNote = (shown: readonly string[], leftOut: number) => [...shown, ...(leftOut > 0 ? [`_${leftOut} more not shown._`] : [])].join('\n')

describe('fitWholeItems', () => {
  it('renders every item, with nothing left out, when they fit', () => {
    expect(fitWholeItems(rows.slice(0, 3), 'first', withNote, 0, 1_000)).toBe(rows.slice(0, 3).join('\n'))
  })

  it('keeps the first whole items that fit with the note, and counts the rest', () => {
    const message = fitWholeItems(rows, 'first', withNote, 0, 200)
    // 9 rows of 20 runes, 8 newlines, a note of 22: 210 runes is too many; 8 rows and the note fit.
    expect(message).toBe([...rows.slice(0, 8), '_42 more not shown._'].join('\n'))
    expect(runeLength(message)).toBeLessThanOrEqual(200)
  })

  it('keeps the last items when asked, and adds those the caller had already left out to the count', () => {
    const message = fitWholeItems(rows, 'last', (shown, leftOut) => [`_${leftOut} earlier not shown._`, ...shown].join('\n'), 100, 200)
    expect(message).toBe(['_142 earlier not shown._', ...rows.slice(42)].join('\n'))
  })

  it('counts in runes, as Mattermost does: an emoji is one', () => {
    const emoji = Array.from({ length: 10 }, () => '🚨'.repeat(9))
    expect(fitWholeItems(emoji, 'first', withNote, 0, 99)).toBe(emoji.join('\n'))
  })
})
