import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { quietChannelMentions } from './channel-mentions.js'

/** What Mattermost would take for a channel-wide mention (word boundaries as in `CHANNEL_WIDE_MENTION`). */
const CHANNEL_WIDE = /@(channel|all|here)(?![\w-]|\.\w)/i
const visible = (text: string) => text.replaceAll('\u2060', '')

describe('quietChannelMentions', () => {
  it.each(['@channel the DB is down', 'DB down @ALL', 'ping @Here.', 'see (@channel), @all: now', 'line\n@here'])('quiets "%s" without changing how it reads', (text) => {
    const quiet = quietChannelMentions(text)
    expect(quiet).not.toMatch(CHANNEL_WIDE)
    expect(visible(quiet)).toBe(text)
  })

  it.each(['@allison took it', '@here-now is a user', '@all.hands too', 'mail ops@here.example', 'no mention at all'])('leaves "%s" alone', (text) => {
    expect(quietChannelMentions(text)).toBe(text)
  })

  it('leaves no channel-wide mention in any text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('@channel', '@all', '@here', '@', 'all', ' ', '.', 'x', '-', '\n')).map((parts) => parts.join('')), (text) => {
        expect(quietChannelMentions(text)).not.toMatch(CHANNEL_WIDE)
      }),
      { numRuns: 300 },
    )
  })
})
