import { describe, expect, it } from 'vitest'
import { INVALID_DATABASE_URL } from '../database-url.js'
import { connectTimeoutMs } from './connect-timeout.js'

describe('connectTimeoutMs', () => {
  it("takes libpq's connect_timeout from the URL, then PGCONNECT_TIMEOUT, else 30 s", () => {
    expect(connectTimeoutMs('postgres://db/ops?connect_timeout=5', { PGCONNECT_TIMEOUT: '9' })).toBe(5_000)
    expect(connectTimeoutMs('postgres://db/ops', { PGCONNECT_TIMEOUT: '9' })).toBe(9_000)
    expect(connectTimeoutMs('postgres://db/ops', {})).toBe(30_000)
  })

  it('waits without a limit for 0, as libpq does', () => {
    expect(connectTimeoutMs('postgres://db/ops?connect_timeout=0', {})).toBe(0)
  })

  it('refuses a timeout that is not a whole number of seconds, naming where it came from and hiding the password', () => {
    expect(() => connectTimeoutMs('postgres://ik:secret@db/ops?connect_timeout=5s', {})).toThrow(
      expect.objectContaining({ code: INVALID_DATABASE_URL, message: 'the connect_timeout of "postgres://ik:***@db/ops?connect_timeout=5s" must be a whole number of seconds, got "5s"' }),
    )
    expect(() => connectTimeoutMs('postgres://db/ops', { PGCONNECT_TIMEOUT: '-1' })).toThrow(/PGCONNECT_TIMEOUT must be a whole number of seconds, got "-1"/)
  })

  it('refuses a URL that does not parse (a # in the password) with INVALID_DATABASE_URL, not a TypeError holding the URL', () => {
    expect(() => connectTimeoutMs('postgres://ik:se#cret@db/ops', {})).toThrow(
      expect.objectContaining({ code: INVALID_DATABASE_URL, message: expect.stringContaining('"postgres://ik:***@db/ops" is not a valid URL') }),
    )
  })
})
