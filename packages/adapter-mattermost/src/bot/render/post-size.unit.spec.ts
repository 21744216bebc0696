import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POST_MESSAGE_MAX_RUNES, firstRunes, fitAttachments, fitMessage, fitText, runeLength } from './post-size.js'

describe('firstRunes', () => {
  it('keeps whole characters', () => {
    expect(firstRunes('ab🚨cd', 3)).toBe('ab🚨')
    expect(firstRunes('ab🚨cd', 2)).toBe('ab')
    expect(firstRunes('short', 80)).toBe('short')
  })
})

describe('fitText and fitMessage', () => {
  it('leaves a text that fits as it is', () => {
    expect(fitText('Failing over', 12)).toBe('Failing over')
    expect(fitText('🚨🚨🚨', 3)).toBe('🚨🚨🚨')
  })

  it('cuts a longer text to the limit, ending with a visible note', () => {
    const cut = fitMessage('x'.repeat(20_000))
    expect(runeLength(cut)).toBe(POST_MESSAGE_MAX_RUNES)
    expect(cut).toMatch(/…\n\n_\(cut: too long for a Mattermost post\)_$/)
    expect(fitMessage('x'.repeat(20_000), '_(cut: see the CLI)_')).toMatch(/_\(cut: see the CLI\)_$/)
  })

  it('counts and cuts characters, never halves of one', () => {
    const cut = fitText('🚨'.repeat(100), 60)
    expect(runeLength(cut)).toBe(60)
    expect(cut.isWellFormed()).toBe(true)
  })

  it('always gives a message Mattermost accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 1, max: 2_000 }), (piece, times) => {
        expect(runeLength(fitMessage(piece.repeat(times)))).toBeLessThanOrEqual(POST_MESSAGE_MAX_RUNES)
      }),
      { numRuns: 100 },
    )
  })
})

describe('fitAttachments', () => {
  it('leaves a usual checklist as it is', () => {
    const attachments = [{ title: 'Triage' }, { text: '1. Check dashboards', actions: [{ name: 'Check' }] }]
    expect(fitAttachments(attachments)).toEqual(attachments)
  })

  it('cuts a long line and leaves out what passes the props budget, saying how many', () => {
    const fitted = fitAttachments([{ text: 'y'.repeat(5_000) }, ...Array.from({ length: 1_000 }, (_, i) => ({ text: `${i}. ${'z'.repeat(1_500)}` }))])
    expect(runeLength(fitted[0]!.text!)).toBeLessThanOrEqual(2_000)
    expect(fitted[0]!.text).toContain('_(cut: too long for a Mattermost post)_')
    expect(JSON.stringify(fitted).length).toBeLessThan(800_000)
    const kept = fitted.length - 1
    expect(fitted.at(-1)!.text).toBe(`_${1_001 - kept} more lines left out: too many for a Mattermost post._`)
  })
})
