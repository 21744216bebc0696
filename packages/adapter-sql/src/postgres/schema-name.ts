/** The store's Postgres schema option (or `?schema=`) is no plain identifier. */
export const INVALID_SCHEMA = 'INVALID_SCHEMA'

/*
 * Plain identifiers only: the schema is also part of the NOTIFY channel's name and of
 * `search_path`, and 48 characters leave room for the channel prefix within Postgres's 63.
 */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,47}$/

/**
 * What is wrong with a schema name, or `undefined` when the store can use it.
 *
 * @example
 * schemaNameProblem('incidents') // undefined
 * schemaNameProblem('my-schema') // 'schema "my-schema" must be a plain identifier (letters, digits, _)'
 */
export const schemaNameProblem = (schema: string): string | undefined =>
  SCHEMA_NAME.test(schema) ? undefined : `schema "${schema}" must be a plain identifier (letters, digits, _)`
