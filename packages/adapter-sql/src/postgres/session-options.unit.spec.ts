import { describe, expect, it } from 'vitest'
import { INVALID_DATABASE_URL } from '../database-url.js'
import { sessionOptions } from './session-options.js'

describe('sessionOptions', () => {
  it('sets search_path to the schema, leaving a URL without options as it is', () => {
    expect(sessionOptions('postgres://ik@db/ops?sslmode=require', 'incidents')).toEqual({
      connectionString: 'postgres://ik@db/ops?sslmode=require',
      options: '-c search_path="incidents"',
    })
  })

  it("keeps the URL's options and adds search_path to them, taking them out of the URL (pg would let them replace ours)", () => {
    expect(sessionOptions('postgres://ik@db/ops?options=-c%20statement_timeout%3D5000&sslmode=require', 'incidents')).toEqual({
      connectionString: 'postgres://ik@db/ops?sslmode=require',
      options: '-c statement_timeout=5000 -c search_path="incidents"',
    })
  })

  it('refuses options that set search_path themselves, without showing the password', () => {
    expect(() => sessionOptions('postgres://ik:s3cret@db/ops?options=-csearch_path%3Dother', 'incidents')).toThrow(
      expect.objectContaining({
        code: INVALID_DATABASE_URL,
        message: 'the options of "postgres://ik:***@db/ops?options=-csearch_path%3Dother" set search_path: name the schema with ?schema= or the schema option instead',
      }),
    )
  })
})
