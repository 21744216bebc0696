/** What a reference typed in a slash command matched: one candidate, several, or none (and why). */
export type TitleMatch<T> =
  | { readonly kind: 'one'; readonly value: T; readonly number: number }
  | { readonly kind: 'many'; readonly candidates: readonly { readonly value: T; readonly number: number }[] }
  | { readonly kind: 'none'; readonly reason: 'no such number'; readonly number: number }
  | { readonly kind: 'none'; readonly reason: 'empty' | 'no match' }

const words = (text: string) =>
  text
    .toLowerCase()
    // Accents come off (é is e plus a mark after NFKD); other punctuation separates words.
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')

/** A title as `matchByTitle` compares one typed in full: its words, case, accents and punctuation aside. */
const fullTitle = (text: string) => words(text).join(' ')

/**
 * The one rule by which slash commands find items, sections and playbooks: `3` or `#3` is the third
 * candidate in the order shown to the user; otherwise every typed word must start a word of the
 * title (`roll back` finds "Roll back the deploy"), case, accents and punctuation aside. A title
 * typed in full wins over titles it merely starts words of.
 *
 * @example
 * matchByTitle(playbooks, (p) => p.title, 'db out') // { kind: 'one', value, number: 2 }
 */
export const matchByTitle = <T>(candidates: readonly T[], titleOf: (candidate: T) => string, reference: string): TitleMatch<T> => {
  const ref = reference.trim()
  const numbered = candidates.map((value, index) => ({ value, number: index + 1 }))
  const byNumber = /^#?(\d+)$/.exec(ref)
  if (byNumber) {
    const number = Number(byNumber[1])
    const found = numbered[number - 1]
    return found ? { kind: 'one', ...found } : { kind: 'none', reason: 'no such number', number }
  }
  const wanted = words(ref)
  if (wanted.length === 0) return { kind: 'none', reason: 'empty' }
  const wantedTitle = fullTitle(ref)
  const titled = numbered.map((candidate) => ({ candidate, title: words(titleOf(candidate.value)) }))
  const exact = titled.filter(({ title }) => title.join(' ') === wantedTitle)
  if (exact.length === 1) return { kind: 'one', ...exact[0]!.candidate }
  const matches = titled.filter(({ title }) => wanted.every((w) => title.some((t) => t.startsWith(w)))).map(({ candidate }) => candidate)
  if (matches.length === 1) return { kind: 'one', ...matches[0]! }
  return matches.length > 1 ? { kind: 'many', candidates: matches } : { kind: 'none', reason: 'no match' }
}

/**
 * What `matchByTitle` can tell of a title: two titles with the same key would both match either
 * typed in full. Titles without a letter or digit (`🔥`) have no words to compare; their trimmed
 * text, case aside, is all that tells them apart (marked so that it never equals a title's words).
 *
 * @example
 * titleKey('  db-Outage ') === titleKey('DB outage') // true
 */
export const titleKey = (title: string): string => fullTitle(title) || `\u0000${title.trim().toLowerCase()}`

/**
 * Whether two titles are one as far as `matchByTitle` can tell, so neither could be named by its title.
 *
 * @example
 * sameTitle('DB outage', '  db-Outage ') // true
 * sameTitle('DB outage', 'DB outages') // false
 */
export const sameTitle = (a: string, b: string): boolean => titleKey(a) === titleKey(b)
