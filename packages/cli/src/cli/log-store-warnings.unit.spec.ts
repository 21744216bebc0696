import { describe, expect, it } from 'vitest'
import type { StoreWarning } from '@incident-kit/adapter-sql'
import { logStoreWarnings } from './log-store-warnings.js'
import { createJsonLogger } from './stderr-logger.js'

describe('logStoreWarnings', () => {
  it('writes a warning as one warn line: its message as msg, its code, wait and blocker as fields', () => {
    const lines: string[] = []
    const logger = createJsonLogger({ write: (text) => void lines.push(text), isTTY: false }, 'info', () => '2026-11-28T03:00:00.000Z')
    const warning: StoreWarning = {
      code: 'EVENTS_HELD_BACK',
      message: 'readers of the event log have waited 31 s for transaction 902989, still open',
      heldBackMs: 31_000,
      blocker: { xid: '902989', pid: 20877, user: 'postgres', application: 'psql', state: 'idle in transaction', startedAt: '2026-11-28T02:59:05.981Z' },
    }
    logStoreWarnings(logger)(warning)
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { level: 'warn', time: '2026-11-28T03:00:00.000Z', msg: warning.message, code: 'EVENTS_HELD_BACK', heldBackMs: 31_000, blocker: warning.blocker },
    ])
  })
})
