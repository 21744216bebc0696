import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchByTitle, sameTitle } from './match-by-title.js'

const playbooks = ['Database outage', 'DB', 'Security incident', 'Sécurité physique'].map((title, i) => ({ id: `p${i}`, title }))
const match = (reference: string) => matchByTitle(playbooks, (p) => p.title, reference)
const ids = (reference: string) => {
  const m = match(reference)
  return m.kind === 'one' ? [m.value.id] : m.kind === 'many' ? m.candidates.map((c) => c.value.id) : []
}

describe('matchByTitle', () => {
  it('takes a number or #number as the place in the list shown', () => {
    expect(match('2')).toMatchObject({ kind: 'one', value: { id: 'p1' }, number: 2 })
    expect(match('#3')).toMatchObject({ kind: 'one', value: { id: 'p2' }, number: 3 })
    expect(match('5')).toEqual({ kind: 'none', reason: 'no such number', number: 5 })
    expect(match('#07')).toEqual({ kind: 'none', reason: 'no such number', number: 7 })
  })

  it('matches words that start words of the title, whatever the case, accents and punctuation', () => {
    expect(ids('data out')).toEqual(['p0'])
    expect(ids('SECURITY')).toEqual(['p2'])
    expect(ids('securite phys')).toEqual(['p3'])
    expect(ids('sec')).toEqual(['p2', 'p3'])
  })

  it('does not match inside a word', () => {
    expect(match('base')).toEqual({ kind: 'none', reason: 'no match' })
  })

  it('lets a title typed in full win over titles it starts words of', () => {
    expect(ids('db')).toEqual(['p1'])
    expect(ids('d')).toEqual(['p0', 'p1'])
  })

  it('says when nothing was typed', () => {
    expect(match('  !? ')).toEqual({ kind: 'none', reason: 'empty' })
  })

  it('always finds a candidate by its full title or its number', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,3}$/), { minLength: 1, maxLength: 8 }), fc.nat(), (titles, pick) => {
        const index = pick % titles.length
        expect(matchByTitle(titles, (t) => t, String(index + 1))).toMatchObject({ kind: 'one', value: titles[index] })
        expect(matchByTitle(titles, (t) => t, titles[index]!)).toMatchObject({ kind: 'one', value: titles[index] })
      }),
      { numRuns: 200 },
    )
  })
})

describe('sameTitle', () => {
  it('tells titles apart by their words only, as a title typed in full is matched', () => {
    expect(sameTitle('Database outage', '  DATABASE   outage ')).toBe(true)
    expect(sameTitle('Database outage', 'database-outage!')).toBe(true)
    expect(sameTitle('Sécurité physique', 'securite PHYSIQUE')).toBe(true)
    expect(sameTitle('Database outage', 'Database outages')).toBe(false)
    expect(sameTitle('Database outage', 'Outage database')).toBe(false)
  })

  it('compares titles without a letter or digit by their text', () => {
    expect(sameTitle('🔥', ' 🔥 ')).toBe(true)
    expect(sameTitle('🔥', '🚨')).toBe(false)
    expect(sameTitle('🔥', 'Fire')).toBe(false)
  })

  it('leaves every title of a list without namesakes findable by typing it in full', () => {
    const word = fc.stringMatching(/^[A-Za-zé]{1,6}$/)
    const title = fc.tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '  ', '-', ' & ')).map(([words, gap]) => words.join(gap))
    fc.assert(
      fc.property(fc.uniqueArray(title, { minLength: 1, maxLength: 8, comparator: sameTitle }), fc.nat(), (titles, pick) => {
        const typed = titles[pick % titles.length]!
        expect(matchByTitle(titles, (t) => t, typed)).toMatchObject({ kind: 'one', value: typed })
      }),
      { numRuns: 300 },
    )
  })
})
