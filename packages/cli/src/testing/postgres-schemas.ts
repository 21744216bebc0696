import pg from 'pg'
import { POSTGRES_TEST_URL } from '@incident-kit/adapter-sql/testing'

/**
 * Whether the test database has a schema of this name (with or without the store's tables): a
 * command that refuses must not have created one.
 *
 * @example
 * expect(await schemaExists(schema)).toBe(false)
 */
export const schemaExists = async (schema: string) => {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL })
  client.on('error', () => undefined)
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])
    return rowCount === 1
  } finally {
    await client.end()
  }
}
