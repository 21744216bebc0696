import { describe, expect, it } from 'vitest'
import { DEFAULT_DATABASE_URL, INVALID_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl, resolveDatabaseUrl } from './database-url.js'

describe('resolveDatabaseUrl', () => {
  it('prefers the flag, then DATABASE_URL, then the embedded SQLite file', () => {
    expect(resolveDatabaseUrl('sqlite:/flag.db', { DATABASE_URL: 'postgres://env/db' })).toBe('sqlite:/flag.db')
    expect(resolveDatabaseUrl(undefined, { DATABASE_URL: 'postgres://env/db' })).toBe('postgres://env/db')
    expect(resolveDatabaseUrl(undefined, {})).toBe(DEFAULT_DATABASE_URL)
  })
})

describe('parseDatabaseUrl', () => {
  it('reads SQLite files, SQLite in memory and Postgres URLs', () => {
    expect(parseDatabaseUrl('sqlite:./incident-kit.db')).toEqual({ dialect: 'sqlite', filename: './incident-kit.db' })
    expect(parseDatabaseUrl('sqlite:///var/lib/ik.db')).toEqual({ dialect: 'sqlite', filename: '/var/lib/ik.db' })
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', filename: ':memory:' })
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ dialect: 'postgres', connectionString: 'postgresql://u@h/db' })
  })

  it("takes a Postgres schema out of the URL's query, leaving the driver's parameters", () => {
    expect(parseDatabaseUrl('postgres://ik:s%40cret@db:5432/ops?schema=incidents')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://ik:s%40cret@db:5432/ops',
      schema: 'incidents',
    })
    expect(parseDatabaseUrl('postgres://db/ops?sslmode=require&schema=incidents&application_name=bot')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://db/ops?sslmode=require&application_name=bot',
      schema: 'incidents',
    })
    expect(() => parseDatabaseUrl('postgres://ik:hunter2@db/ops?schema=')).toThrow(expect.objectContaining({ code: INVALID_DATABASE_URL }))
    expect(() => parseDatabaseUrl('postgres://ik:hunter2@db/ops?schema=')).toThrow(/ik:\*\*\*@db/)
  })

  it('rejects other URLs without showing their password', () => {
    expect(() => parseDatabaseUrl('mysql://admin:hunter2@db/incidents')).toThrow(expect.objectContaining({ code: INVALID_DATABASE_URL }))
    expect(() => parseDatabaseUrl('mysql://admin:hunter2@db/incidents')).toThrow(/admin:\*\*\*@db/)
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(expect.objectContaining({ code: INVALID_DATABASE_URL }))
    expect(redactDatabaseUrl('postgres://ik:s3cret@db:5432/x')).toBe('postgres://ik:***@db:5432/x')
    expect(redactDatabaseUrl('postgres://db/x?user=ik&password=s3cret&sslmode=require')).toBe('postgres://db/x?user=ik&password=***&sslmode=require')
    expect(redactDatabaseUrl('postgres://db/x?PASSWORD=s3cret')).toBe('postgres://db/x?PASSWORD=***')
  })
})
