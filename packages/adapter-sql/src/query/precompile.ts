import { createHash } from 'node:crypto'
import type { Compilable } from 'kysely'

const SENTINEL_PREFIX = '\u0000ik-param:'

/** A query compiled once by Kysely, with named parameters bound per call. */
export interface PrecompiledQuery<P extends string = string> {
  readonly sql: string
  /** A stable name for server-side prepared statements (Postgres), derived from the SQL text. */
  readonly name: string
  /** The compiled parameter list for these values, in the order the SQL expects. */
  readonly bind: (values: Readonly<Record<P, unknown>>) => unknown[]
}

/**
 * Stands in for a parameter while a query is built; `precompile` turns it back into a slot. Use it
 * wherever a value would go: `.where('stream_id', '=', param('streamId'))`.
 */
export const param = <T = string>(name: string): T => `${SENTINEL_PREFIX}${name}` as unknown as T

const paramName = (value: unknown) =>
  typeof value === 'string' && value.startsWith(SENTINEL_PREFIX) ? value.slice(SENTINEL_PREFIX.length) : undefined

/**
 * Compiles a Kysely query once. Kysely compiles a query every time it runs, which costs more than
 * the insert itself on SQLite; the hot paths compile at startup and only bind values per call.
 *
 * @example
 * const byStream = precompile<'streamId'>(db.selectFrom(TABLE.events).selectAll().where('stream_id', '=', param('streamId')))
 * byStream.bind({ streamId: 'incident-1' }) // ['incident-1']
 */
export const precompile = <P extends string>(query: Compilable): PrecompiledQuery<P> => {
  const compiled = query.compile()
  const slots = compiled.parameters.map((value) => ({ name: paramName(value), value }))
  const sql = compiled.sql
  return {
    sql,
    name: `ik_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`,
    bind: (values) => slots.map((slot) => (slot.name === undefined ? slot.value : values[slot.name as P])),
  }
}
