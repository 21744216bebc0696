import { describe, expect, it } from 'vitest'
import { isSafeToRepeat } from './retry-safety.js'

const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause })
const coded = (code: string) => Object.assign(new Error(code), { code })
const timeout = { error: new Error('no answer within 1000 ms') }

describe('which failed requests may be sent again', () => {
  it('repeats GET, PUT and DELETE and a POST marked idempotent after any failure', () => {
    for (const method of ['GET', 'put', 'DELETE']) expect(isSafeToRepeat({ method }, timeout)).toBe(true)
    expect(isSafeToRepeat({ method: 'POST', idempotent: true }, timeout)).toBe(true)
    expect(isSafeToRepeat({ method: 'POST', idempotent: true }, { status: 503 })).toBe(true)
  })

  it('does not repeat a plain POST whose answer was lost: timeout, reset or 5xx', () => {
    expect(isSafeToRepeat({ method: 'POST' }, timeout)).toBe(false)
    expect(isSafeToRepeat({ method: 'POST' }, { error: fetchFailed(coded('ECONNRESET')) })).toBe(false)
    expect(isSafeToRepeat({ method: 'POST' }, { status: 502 })).toBe(false)
  })

  it('repeats a plain POST the server provably never acted on: 429, refused or unresolvable', () => {
    expect(isSafeToRepeat({ method: 'POST' }, { status: 429 })).toBe(true)
    expect(isSafeToRepeat({ method: 'POST' }, { error: fetchFailed(coded('ECONNREFUSED')) })).toBe(true)
    expect(isSafeToRepeat({ method: 'POST' }, { error: fetchFailed(coded('ENOTFOUND')) })).toBe(true)
    const everyAddress = Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('EHOSTUNREACH')]), { code: 'ECONNREFUSED' })
    expect(isSafeToRepeat({ method: 'POST' }, { error: fetchFailed(everyAddress) })).toBe(true)
    const oneReset = new AggregateError([coded('ECONNREFUSED'), coded('ECONNRESET')])
    expect(isSafeToRepeat({ method: 'POST' }, { error: fetchFailed(oneReset) })).toBe(false)
  })
})
