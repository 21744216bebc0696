import type { MessageAttachment } from '../../client/index.js'

/** Mattermost refuses a post whose message has more runes (code points) than this (GUIDE §7.4). */
export const POST_MESSAGE_MAX_RUNES = 16_383
/**
 * Of the 800,000 runes Mattermost allows a post's props (attachments included, as JSON), what the
 * attachments may take: the rest is room for the bot's own props.
 */
const ATTACHMENTS_MAX_RUNES = 700_000
/** One attachment is one line to read (a checklist item): longer ones are cut. */
const ATTACHMENT_TEXT_MAX_RUNES = 2_000

const CUT_NOTE = '_(cut: too long for a Mattermost post)_'

/**
 * Runes (code points), as Mattermost counts the length of a text.
 *
 * @example
 * runeLength('🚨 down') // 6
 */
export const runeLength = (text: string): number => {
  let runes = 0
  for (const _rune of text) runes += 1
  return runes
}

/**
 * The first `maxRunes` runes of a text: a cut that never leaves half of a character (an emoji is
 * two UTF-16 units), which the event store would refuse.
 *
 * @example
 * firstRunes('ok 🚨', 4) // 'ok 🚨'
 */
export const firstRunes = (text: string, maxRunes: number): string =>
  text.length <= maxRunes ? text : Array.from(text).slice(0, maxRunes).join('')

/**
 * The text cut to at most `maxRunes`, ending with `note` on a line of its own when it was cut;
 * the cut never splits a character.
 *
 * @example
 * fitText('a'.repeat(20_000), 16_383) // 'aaa…\n\n_(cut: too long for a Mattermost post)_', 16,383 runes
 */
export const fitText = (text: string, maxRunes: number, note: string = CUT_NOTE): string => {
  // UTF-16 units are never fewer than runes: a text this short fits without counting.
  if (text.length <= maxRunes || runeLength(text) <= maxRunes) return text
  const tail = `…\n\n${note}`
  return firstRunes(text, Math.max(0, maxRunes - runeLength(tail))) + tail
}

/**
 * A post's message cut to Mattermost's limit, with `note` saying so.
 *
 * @example
 * fitMessage(report, '_(cut: run `incident-kit report` for the whole report)_')
 */
export const fitMessage = (message: string, note?: string): string => fitText(message, POST_MESSAGE_MAX_RUNES, note)

/**
 * Attachments that fit in a post's props: each text cut to one readable line's length, and those
 * past the budget replaced by one attachment saying how many were left out.
 *
 * @example
 * fitAttachments(view.attachments) // the same attachments, unless a checklist has thousands of items
 */
export const fitAttachments = (attachments: readonly MessageAttachment[]): MessageAttachment[] => {
  const fitted: MessageAttachment[] = []
  let used = 0
  for (const attachment of attachments) {
    const cut = attachment.text === undefined ? attachment : { ...attachment, text: fitText(attachment.text, ATTACHMENT_TEXT_MAX_RUNES) }
    // JSON adds quotes and escapes, never removes a rune: its length is a safe measure.
    used += JSON.stringify(cut).length
    if (used > ATTACHMENTS_MAX_RUNES) {
      fitted.push({ text: `_${attachments.length - fitted.length} more lines left out: too many for a Mattermost post._` })
      return fitted
    }
    fitted.push(cut)
  }
  return fitted
}
