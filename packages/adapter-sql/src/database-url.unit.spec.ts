import pg from 'pg'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_DATABASE_URL, INVALID_DATABASE_URL, parseDatabaseUrl, parsePostgresUrl, redactDatabaseUrl, resolveDatabaseUrl } from './database-url.js'
import { connectTimeoutMs } from './postgres/connect-timeout.js'
import { sessionOptions } from './postgres/session-options.js'

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
    // Written out so that pg still reads the password 50%:off (see withoutParameter).
    expect(parseDatabaseUrl('postgres://ik:50%:off@db/ops?schema=incidents')).toMatchObject({ connectionString: 'postgres://ik:50%25%3Aoff@db/ops' })
    expect(() => parseDatabaseUrl('postgres://ik:hunter2@db/ops?schema=')).toThrow(expect.objectContaining({ code: INVALID_DATABASE_URL }))
    expect(() => parseDatabaseUrl('postgres://ik:hunter2@db/ops?schema=')).toThrow(/ik:\*\*\*@db/)
    expect(() => parseDatabaseUrl('postgres://ik:hunter2@db/ops?connect_timeout=abc')).toThrow(
      expect.objectContaining({ code: INVALID_DATABASE_URL, message: 'the connect_timeout of "postgres://ik:***@db/ops?connect_timeout=abc" must be a whole number of seconds, got "abc"' }),
    )
    expect(() => parseDatabaseUrl('postgres://ik:hunter2@db/ops?schema=my-schema')).toThrow(
      expect.objectContaining({ code: INVALID_DATABASE_URL, message: expect.stringContaining('schema "my-schema" must be a plain identifier') }),
    )
  })

  it('rejects other URLs without showing their password', () => {
    expect(() => parseDatabaseUrl('mysql://admin:hunter2@db/incidents')).toThrow(expect.objectContaining({ code: INVALID_DATABASE_URL }))
    expect(() => parseDatabaseUrl('mysql://admin:hunter2@db/incidents')).toThrow(/admin:\*\*\*@db/)
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(expect.objectContaining({ code: INVALID_DATABASE_URL }))
  })

  it('refuses a host after sqlite:// (a typo that would name a file at the root), showing the two forms that work', () => {
    expect(() => parseDatabaseUrl('sqlite://./w.db')).toThrow(
      expect.objectContaining({
        code: INVALID_DATABASE_URL,
        message: '"sqlite://./w.db": a SQLite URL has no host after sqlite://; use sqlite:./w.db (a file relative to the current directory) or sqlite:///abs/path.db (an absolute path)',
      }),
    )
    for (const url of ['sqlite://w.db', 'sqlite://host/var/ik.db', 'sqlite://']) {
      expect(() => parseDatabaseUrl(url), url).toThrow(expect.objectContaining({ code: INVALID_DATABASE_URL, message: expect.stringContaining('sqlite:///abs/path.db') }))
    }
    expect(redactDatabaseUrl('postgres://ik:s3cret@db:5432/x')).toBe('postgres://ik:***@db:5432/x')
    expect(redactDatabaseUrl('postgres://db/x?user=ik&password=s3cret&sslmode=require')).toBe('postgres://db/x?user=ik&password=***&sslmode=require')
    expect(redactDatabaseUrl('postgres://db/x?PASSWORD=s3cret')).toBe('postgres://db/x?PASSWORD=***')
  })
})

describe('redactDatabaseUrl', () => {
  it('hides a password without a user name', () => {
    expect(redactDatabaseUrl('postgres://:s3cret@db/ops')).toBe('postgres://:***@db/ops')
  })

  it('hides a password holding an unencoded @, #, / or ?, up to the last @', () => {
    expect(redactDatabaseUrl('postgres://ik:p@ss@db/ops')).toBe('postgres://ik:***@db/ops')
    expect(redactDatabaseUrl('postgres://ik:p#ss@db/ops')).toBe('postgres://ik:***@db/ops')
    expect(redactDatabaseUrl('postgres://ik:12/34?x@db:5432/ops?schema=incidents')).toBe('postgres://ik:***@db:5432/ops?schema=incidents')
  })

  it("hides a password parameter's # too, and leaves a URL without a password as it is", () => {
    expect(redactDatabaseUrl('postgres://db/ops?password=se#cret&sslmode=require')).toBe('postgres://db/ops?password=***&sslmode=require')
    expect(redactDatabaseUrl('postgres://ik@db:5432/ops?schema=incidents')).toBe('postgres://ik@db:5432/ops?schema=incidents')
  })
})

describe('parsePostgresUrl', () => {
  it('refuses a URL whose password an unencoded #, / or ? cut short, so that no part of it is taken for the host, port or database', () => {
    for (const url of ['postgres://ik:p@ss#1@db/ops', 'postgres://ik:1234/x@db/ops', 'postgres://ik:p@ss?x@db/ops']) {
      expect(() => parsePostgresUrl(url)).toThrow(expect.objectContaining({ code: INVALID_DATABASE_URL, message: expect.stringContaining('"postgres://ik:***@db/ops" is not a valid URL') }))
    }
    expect(parsePostgresUrl('postgres://ik:p%40ss%231@db/ops?application_name=on%40call').password).toBe('p%40ss%231')
  })

  it("refuses a URL that does not parse with INVALID_DATABASE_URL, naming it redacted and carrying neither Node's error nor the URL", () => {
    for (const url of ['postgres://ik:p#ss@db/ops', 'postgres://ik:p/ss@db/ops']) {
      let thrown: unknown
      try {
        parsePostgresUrl(url)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toMatchObject({ code: INVALID_DATABASE_URL, message: expect.stringContaining('"postgres://ik:***@db/ops" is not a valid URL') })
      expect(thrown).not.toHaveProperty('cause')
      expect(thrown).not.toHaveProperty('input')
    }
  })
})

/** Every text an error holds: its message, stack and other own properties, and those of its causes. */
const textsOf = (value: unknown, depth = 0): string[] => {
  if (typeof value !== 'object' || value === null) return [String(value)]
  if (depth > 3) return []
  return Object.getOwnPropertyNames(value).flatMap((key) => textsOf((value as Record<string, unknown>)[key], depth + 1))
}

/*
 * Passwords of eight characters or more from letters that appear in no URL or message of these
 * tests, mixed with the characters that end a URL's user info early: a leak cannot hide behind a
 * password that happens to be part of the surrounding text.
 */
const password = fc.string({ unit: fc.constantFrom('Q', 'X', 'Z', 'J', '@', '#', '/', '?', ':', '%', '&', '=', ' '), minLength: 8, maxLength: 24 })

/** The error `work` throws, if any. */
const thrownBy = (work: () => unknown): unknown => {
  try {
    work()
    return undefined
  } catch (error) {
    return error
  }
}

/** The password and host pg takes from a connection string, as it reads it (without connecting). */
const driverView = (connectionString: string) => {
  const { password, host } = new pg.Client({ connectionString })
  return { password, host }
}

describe('a password in a database URL (property)', () => {
  it('never shows in the redacted URL, nor in any error that parsing the URL throws; an accepted URL gives the driver all of it', () => {
    fc.assert(
      fc.property(password, (secret) => {
        const urls = [
          `postgres://ik:${secret}@db.example:5432/ops?schema=incidents&options=-c%20statement_timeout%3D5000&connect_timeout=5s`,
          `postgres://:${secret}@db.example/ops?connect_timeout=5s`,
          `postgres://ik@db.example/ops?password=${encodeURIComponent(secret)}&connect_timeout=5s`,
        ]
        for (const url of urls) {
          expect(redactDatabaseUrl(url)).not.toContain(secret)
          expect(redactDatabaseUrl(url)).not.toContain(encodeURIComponent(secret))
          const parsing = thrownBy(() => parseDatabaseUrl(url))
          for (const error of [parsing, thrownBy(() => connectTimeoutMs(url, {}))].filter((e) => e !== undefined)) {
            expect(error).toMatchObject({ code: INVALID_DATABASE_URL })
            for (const text of textsOf(error)) {
              expect(text).not.toContain(secret)
              expect(text).not.toContain(encodeURIComponent(secret))
            }
          }
          const target = parsing === undefined ? parseDatabaseUrl(url) : undefined
          if (target?.dialect !== 'postgres') continue
          expect(driverView(target.connectionString)).toEqual({ password: secret, host: 'db.example' })
          expect(driverView(sessionOptions(target.connectionString, 'incidents').connectionString)).toEqual({ password: secret, host: 'db.example' })
        }
      }),
    )
  })
})
