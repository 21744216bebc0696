import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { DATABASE_UNREACHABLE } from '../database-unreachable.js'
import { connectionFailure, connectionFailureReason, DATABASE_REFUSED } from './connection-failure.js'
import { DATABASE_PERMISSION_DENIED } from './permission-denied.js'

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

/** An error as the server sends it, with its SQLSTATE. */
const serverError = (message: string, code: string, detail?: string) => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code, detail })

describe('connectionFailure', () => {
  const url = 'postgres://ik:s3cret@db/ops'

  it('is DATABASE_UNREACHABLE, naming the database without its password, when no answer came or the server said "not now"', () => {
    expect(connectionFailure(url, new Error('connect ECONNREFUSED 10.0.0.1:5432'))).toMatchObject({
      code: DATABASE_UNREACHABLE,
      message: 'cannot use postgres://ik:***@db/ops: connect ECONNREFUSED 10.0.0.1:5432',
    })
    expect(connectionFailure(url, serverError('the database system is starting up', '57P03'))).toMatchObject({ code: DATABASE_UNREACHABLE })
  })

  it("is the server's refusal when it answered: DATABASE_PERMISSION_DENIED for a missing privilege, DATABASE_REFUSED for the rest", () => {
    expect(connectionFailure(url, serverError('permission denied for database "ops"', '42501', 'User does not have CONNECT privilege.'))).toMatchObject({
      code: DATABASE_PERMISSION_DENIED,
      message: 'PostgreSQL refused: permission denied for database "ops" (User does not have CONNECT privilege.)',
    })
    expect(connectionFailure(url, serverError('password authentication failed for user "ik"', '28P01'))).toMatchObject({
      code: DATABASE_REFUSED,
      message: 'PostgreSQL refused: password authentication failed for user "ik"',
    })
  })
})
