import { describe, expect, it } from 'vitest'
import { unstorableJson } from '@incident-kit/core'
import { decodeSlashRequest, submitted, typedText } from './payloads.js'

describe('typed text', () => {
  it('drops NUL characters and replaces lone surrogates, keeping everything else', () => {
    expect(typedText('Data\u0000base down \ud800 😀 Zoë')).toBe('Database down \ufffd 😀 Zoë')
    expect(unstorableJson(typedText('\u0000\udfff\ud800x'), 'text')).toBeUndefined()
  })

  it('is what a slash command and a dialog field hand on', () => {
    const slash = decodeSlashRequest(new URLSearchParams({ team_id: 't', channel_id: 'c', user_id: 'u', text: 'start DB\u0000 down \ud800' }))
    expect(slash?.text).toBe('start DB down \ufffd')
    expect(submitted({ name: ' Disk\u0000 full ' }, 'name')).toBe('Disk full')
    expect(submitted({ name: '\u0000' }, 'name')).toBeUndefined()
  })
})
