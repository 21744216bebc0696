const COMBINING_MARKS = /\p{M}/gu
/** `toLowerCase` gives `Σ` at the end of a word as `ς`, elsewhere as `σ`: a search must not see the difference. */
const FINAL_SIGMA = /ς/g

/**
 * Text as a search compares it, so that case and accents do not matter: compatibility-decomposed
 * (`ﬁ` is `fi`), case-folded through lower, upper and lower case again (`ß` and `ẞ` are `ss`, `ς`
 * and `Σ` are `σ`), decomposed again and combining marks dropped (`é` is `e`, `İ` is `i`). `toLowerCase`
 * alone turns `İ` into `i` plus a combining dot, which `i` is not found in, and leaves `ß` apart
 * from `ss`. Marks go last because upper-casing may turn one into a letter (Greek ypogegrammeni).
 *
 * @example
 * foldForSearch('İstanbul Straße') // 'istanbul strasse'
 */
export const foldForSearch = (text: string): string =>
  text.normalize('NFKD').toLowerCase().toUpperCase().toLowerCase().normalize('NFKD').replace(COMBINING_MARKS, '').replace(FINAL_SIGMA, 'σ')
