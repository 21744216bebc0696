/**
 * `@channel`, `@all` and `@here` as Mattermost reads them: any case, not the start of a longer
 * username (`@allison`, `@here-now`, `@all.hands`); a sentence's full stop after them still counts.
 */
const CHANNEL_WIDE_MENTION = /@(?=(?:channel|all|here)(?![\w-]|\.\w))/gi

/** Invisible and not a word character: Mattermost no longer sees a mention, people still read one. */
const WORD_JOINER = '\u2060'

/**
 * Text a person wrote, made safe for the bot to repost: a channel-wide mention in a status update
 * or an item title would otherwise notify everyone in the channel in the bot's name, which the
 * writer may not be allowed to do. The mention reads the same; it just notifies nobody.
 *
 * @example
 * quietChannelMentions('@channel DB is down, ping @alice') // '@\u2060channel DB is down, ping @alice'
 */
export const quietChannelMentions = (text: string): string => text.replace(CHANNEL_WIDE_MENTION, `@${WORD_JOINER}`)
