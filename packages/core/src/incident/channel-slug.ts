const COMBINING_MARKS = /\p{M}+/gu
const DISALLOWED_RUNS = /[^a-z0-9]+/g
const EDGE_HYPHENS = /^-+|-+$/g

/**
 * Text as a channel handle's words: accents dropped (the letter kept, `é` → `e`), lower-cased, and
 * every run of other characters one `-`, none at either end. Empty when no letter or digit of
 * `a-z0-9` is left (only emoji, CJK). Chat adapters build their handles from it, with their own
 * length and fallback rules.
 *
 * @example
 * channelSlug('Crème brûlée outage') // 'creme-brulee-outage'
 * channelSlug('Incident #42: DB down!') // 'incident-42-db-down'
 * channelSlug('🔥') // ''
 */
export const channelSlug = (text: string): string =>
  text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(DISALLOWED_RUNS, '-').replace(EDGE_HYPHENS, '')

/**
 * A slug cut to at most `maxLength` characters, with no `-` left at its ends by the cut.
 *
 * @example
 * cutChannelSlug('db-down-again', 8) // 'db-down'
 */
export const cutChannelSlug = (slug: string, maxLength: number): string => slug.slice(0, maxLength).replace(EDGE_HYPHENS, '')
