import type { TimelineEntry } from '@incident-kit/projections'
import { describe, expect, it } from 'vitest'
import { POST_MESSAGE_MAX_RUNES, runeLength } from './post-size.js'
import { timelineMessage } from './timeline-message.js'

const START = Date.parse('2026-03-01T00:00:00.000Z')

/** Note `n`, of 200 characters, `n` hours after the start. */
const note = (n: number): TimelineEntry => {
  const at = new Date(START + n * 3_600_000).toISOString()
  return { position: String(n), at, occurredAt: at, recordedAt: at, actorId: 'alice', type: 'incident.note_added', text: `Note ${n}: `.padEnd(200, 'z'), offsetFromStart: n * 3_600_000 }
}

const shownNotes = (message: string) => [...message.matchAll(/Note (\d+):/g)].map((m) => Number(m[1]))

describe('timelineMessage', () => {
  it('shows the newest entries that fit in a post, and how many earlier ones it leaves out', () => {
    const entries = Array.from({ length: 3_000 }, (_, n) => note(n))
    const message = timelineMessage('Long incident', entries)
    const shown = shownNotes(message)
    expect(shown.at(-1)).toBe(2_999)
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => 3_000 - shown.length + i))
    expect(message).toContain(`\n_${3_000 - shown.length} earlier entries not shown._\n`)
    expect(runeLength(message)).toBeLessThanOrEqual(POST_MESSAGE_MAX_RUNES)
    expect(message).not.toContain('(cut: too long')
  })

  it('heads the entries shown with their own days only', () => {
    // 100 notes an hour apart: the post has room for the last ~70, all after the first day.
    const message = timelineMessage('Long incident', Array.from({ length: 100 }, (_, n) => note(n)))
    const days = [...message.matchAll(/\*\*(\d{4}-\d{2}-\d{2})\*\* \(UTC\)/g)].map((m) => m[1])
    const first = note(shownNotes(message)[0]!).at.slice(0, 10)
    expect(days[0]).toBe(first)
    expect(days).not.toContain('2026-03-01')
    expect(message.split('\n')[2]).toBe(`**${first}** (UTC)`)
  })

  it('shows a short timeline whole, without a note', () => {
    const message = timelineMessage('Short', [note(0), note(1)])
    expect(message).toBe(`#### Timeline of Short\n**2026-03-01** (UTC)\n- \`00:00\` (+0:00) ${note(0).text}\n- \`01:00\` (+1:00) ${note(1).text}`)
  })
})
