/*
 * What shows nothing on its own: white space, control characters (`\p{Cc}`), format characters
 * (`\p{Cf}`: the zero-width space U+200B, the joiners U+200C–U+200D, the word joiner U+2060, the
 * byte order mark U+FEFF, bidi marks) and Unicode's other default-ignorable code points (variation
 * selectors, Hangul fillers). `trim()` removes only the white space.
 */
const NOTHING_VISIBLE = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]*$/u
const WHITE_SPACE_ONLY = /^\s*$/

/**
 * Whether a text a person gives (a name, a title, a message) holds no visible character: empty,
 * white space only, or only invisible characters such as U+200B. Commands refuse such a text
 * (`requireText`); stored events are not checked again, so that older logs still replay.
 *
 * @example
 * isBlankText(' \u200B\uFEFF ') // true
 * isBlankText('\u200BAPI down') // false
 */
export const isBlankText = (text: string): boolean => NOTHING_VISIBLE.test(text)

/**
 * Why a blank text is refused, naming its field: the message says so when the text is not merely
 * white space, as it would look empty to whoever reads the refusal.
 *
 * @example
 * blankTextProblem('name', '\u200B') // 'name must not be empty (it holds only invisible characters)'
 */
export const blankTextProblem = (field: string, text: string): string =>
  WHITE_SPACE_ONLY.test(text) ? `${field} must not be empty` : `${field} must not be empty (it holds only invisible characters)`
