import type { TimelineEntry } from '@incident-kit/projections'
import { describe, expect, it } from 'vitest'
import { timelineLines } from './timeline-lines.js'

const START = Date.parse('2026-03-01T22:50:00.000Z')

/** An entry `minutes` after the start. */
const entry = (minutes: number, text: string): TimelineEntry => {
  const at = new Date(START + minutes * 60_000).toISOString()
  return { position: String(minutes), at, occurredAt: at, recordedAt: at, actorId: 'alice', type: 'incident.note_added', text, offsetFromStart: minutes * 60_000 }
}

describe('timelineLines', () => {
  it('dates each day the incident ran into, and gives each entry its time of day and its offset from the start', () => {
    const lines = timelineLines([entry(0, 'Started'), entry(20, 'Paged the DBA'), entry(80, 'Failed over'), entry(2 * 24 * 60 + 15, 'Ended')])
    expect(lines).toEqual([
      '**2026-03-01** (UTC)',
      '- `22:50` (+0:00) Started',
      '- `23:10` (+0:20) Paged the DBA',
      '**2026-03-02** (UTC)',
      '- `00:10` (+1:20) Failed over',
      '**2026-03-03** (UTC)',
      '- `23:05` (+2 d 0:15) Ended',
    ])
  })

  it('dates a back-dated milestone from before the start, with its negative offset', () => {
    const lines = timelineLines([{ ...entry(-1440, 'Detected'), offsetFromStart: -1440 * 60_000 }, entry(0, 'Started')])
    expect(lines).toEqual(['**2026-02-28** (UTC)', '- `22:50` (−1 d 0:00) Detected', '**2026-03-01** (UTC)', '- `22:50` (+0:00) Started'])
  })
})
