import { describe, expect, it } from 'vitest'
import { connectionFailureReason } from './connection-failure.js'

describe('connectionFailureReason', () => {
  it("gives an error's message", () => {
    expect(connectionFailureReason(new Error('getaddrinfo ENOTFOUND db'))).toBe('getaddrinfo ENOTFOUND db')
  })

  it('names every attempt of an AggregateError without a message of its own (localhost tried on ::1 and 127.0.0.1)', () => {
    const refused = new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')], '')
    expect(connectionFailureReason(refused)).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432')
  })

  it('falls back to the error code, then to the value itself', () => {
    expect(connectionFailureReason(Object.assign(new Error(''), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED')
    expect(connectionFailureReason('socket hang up')).toBe('socket hang up')
  })
})
