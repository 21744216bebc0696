import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { ConcurrencyError, CorruptEventError } from '@incident-kit/core'
import { isTransientDatabaseError } from './transient-error.js'

const databaseError = (code: string) => Object.assign(new pg.DatabaseError('server says no', 1, 'error'), { code })

describe('isTransientDatabaseError', () => {
  it('is true for outages: broken or refused connections, a server going down or starting, a busy SQLite file', () => {
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isTransientDatabaseError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true)
    expect(isTransientDatabaseError(new Error('timeout exceeded when trying to connect'))).toBe(true)
    expect(isTransientDatabaseError(new Error('Query read timeout'))).toBe(true) // the store's query_timeout: no answer (a partition)
    expect(isTransientDatabaseError(databaseError('57P01'))).toBe(true) // terminating connection due to administrator command
    expect(isTransientDatabaseError(databaseError('57P03'))).toBe(true) // the database system is starting up
    expect(isTransientDatabaseError(databaseError('08006'))).toBe(true) // connection failure
    expect(isTransientDatabaseError(databaseError('53300'))).toBe(true) // too many connections
    expect(isTransientDatabaseError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true)
  })

  it('is false for errors that doing it again would repeat', () => {
    expect(isTransientDatabaseError(databaseError('23505'))).toBe(false) // unique violation
    expect(isTransientDatabaseError(databaseError('42P01'))).toBe(false) // undefined table
    expect(isTransientDatabaseError(new CorruptEventError('incident-1', 3, 'data is not valid JSON'))).toBe(false)
    expect(isTransientDatabaseError(new ConcurrencyError('incident-1', 2, 3))).toBe(false)
    expect(isTransientDatabaseError(new TypeError('handler bug'))).toBe(false)
    expect(isTransientDatabaseError(undefined)).toBe(false)
  })
})
