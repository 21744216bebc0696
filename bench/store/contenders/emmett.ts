import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { NewEventEnvelope, RecordedEvent } from '@incident-kit/core'
import type { Contender } from './contender.js'

/* Emmett is loaded from bench/vendor (a separate npm project), never from the project's own tree. */
const VENDOR_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'vendor')

/** Installs bench/vendor's packages when they are missing (its node_modules is not committed). */
export const ensureVendorInstalled = () => {
  if (existsSync(join(VENDOR_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) return
  console.log('installing Emmett into bench/vendor (benchmark only)...')
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--legacy-peer-deps'], { cwd: VENDOR_DIR, stdio: 'inherit' })
}

const vendorRequire = () => createRequire(join(VENDOR_DIR, 'package.json'))

/** The installed versions, for the results file. */
export const vendorVersions = () => {
  const version = (name: string) =>
    (JSON.parse(readFileSync(join(VENDOR_DIR, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
  return {
    '@event-driven-io/emmett': version('@event-driven-io/emmett'),
    '@event-driven-io/emmett-sqlite': version('@event-driven-io/emmett-sqlite'),
    '@event-driven-io/emmett-postgresql': version('@event-driven-io/emmett-postgresql'),
    sqlite3: version('sqlite3'),
  }
}

/* Just the parts of Emmett's API the benchmark calls. */
interface EmmettEvent {
  type: string
  data: unknown
  metadata: Record<string, unknown>
}
interface EmmettStore {
  appendToStream(streamName: string, events: EmmettEvent[], options: { expectedStreamVersion: bigint }): Promise<unknown>
  readStream(streamName: string): Promise<{ events: unknown[] }>
  close?(): Promise<void>
}
interface EmmettBatch {
  messages: Array<EmmettEvent & { metadata: Record<string, unknown> & { globalPosition: bigint; streamName: string; streamPosition: bigint } }>
}

const toMetadata = (e: NewEventEnvelope) => ({
  eventId: e.id,
  occurredAt: e.occurredAt,
  actorId: e.actorId,
  commandId: e.commandId,
  correlationId: e.correlationId,
  schemaVersion: e.schemaVersion,
})

/** Emmett's read message, reshaped as a `RecordedEvent` so that the same decode runs on it. */
const toRecorded = (message: EmmettBatch['messages'][number]): RecordedEvent => {
  const m = message.metadata
  return {
    id: String(m['eventId'] ?? m['messageId']),
    type: message.type,
    streamId: m.streamName,
    version: Number(m.streamPosition),
    occurredAt: String(m['occurredAt']),
    recordedAt: String(m['occurredAt']),
    actorId: String(m['actorId']),
    commandId: String(m['commandId']),
    correlationId: String(m['correlationId']),
    schemaVersion: Number(m['schemaVersion'] ?? 1),
    data: message.data,
    position: String(m.globalPosition),
  }
}

const isConflict = (error: unknown) =>
  (error as { errorCode?: number }).errorCode === 412 || /ExpectedVersion|version/i.test((error as Error).constructor?.name ?? '')

const contender = (
  name: string,
  database: 'sqlite' | 'postgres',
  store: EmmettStore,
  readBatch: (after: bigint, limit: number) => Promise<EmmettBatch>,
  close: () => Promise<void>,
): Contender => ({
  name,
  kind: 'emmett',
  database,
  append: async (streamId, events, expectedVersion) => {
    await store.appendToStream(
      streamId,
      events.map((e) => ({ type: e.type, data: e.data, metadata: toMetadata(e) })),
      { expectedStreamVersion: BigInt(expectedVersion) },
    )
  },
  isConflict,
  readStream: async (streamId) => (await store.readStream(streamId)).events.length,
  readAll: async (after, limit) => {
    const batch = await readBatch(after === '' ? 0n : BigInt(after), limit)
    const events = batch.messages.map(toRecorded)
    return { events, next: events.at(-1)?.position ?? after }
  },
  close,
})

interface EmmettSqliteConnection {
  command(sql: string): Promise<unknown>
  close(): void
}

/**
 * Emmett's SQLite store with the same WAL and `synchronous` as ours. `shared`: one connection for
 * everything (fastest for one writer; Emmett's transactions break when concurrent calls share it).
 * Otherwise a connection per operation, as Emmett's own pool does for files, with the pragma applied.
 */
export const emmettSqliteContender = async (fileName: string, synchronous: string, { shared }: { shared: boolean }): Promise<Contender> => {
  const emmett = vendorRequire()('@event-driven-io/emmett-sqlite')
  const open = async (): Promise<EmmettSqliteConnection> => {
    const connection = emmett.sqliteConnection({ fileName }) as EmmettSqliteConnection
    await connection.command(`PRAGMA synchronous = ${synchronous}`)
    await connection.command('PRAGMA busy_timeout = 5000')
    return connection
  }
  const main = await open()
  const pool = shared
    ? emmett.SQLiteConnectionPool({ fileName, connectionOptions: { singleton: true, connection: main } })
    : {
        connection: open,
        withConnection: async <R>(handler: (c: EmmettSqliteConnection) => Promise<R>) => {
          const connection = await open()
          try {
            return await handler(connection)
          } finally {
            connection.close()
          }
        },
        close: async () => undefined,
      }
  const store: EmmettStore = emmett.getSQLiteEventStore({ fileName, pool, schema: { autoMigration: 'CreateOrUpdate' } })
  return contender(
    shared ? 'emmett sqlite' : 'emmett sqlite (connection per operation)',
    'sqlite',
    store,
    (after, batchSize) => emmett.readMessagesBatch(main, { after, batchSize }),
    async () => main.close(),
  )
}

/** Emmett's PostgreSQL store (its own tables in the bench database's public schema). */
export const emmettPostgresContender = async (connectionString: string): Promise<Contender> => {
  const require = vendorRequire()
  const emmett = require('@event-driven-io/emmett-postgresql')
  const { dumbo } = require('@event-driven-io/dumbo')
  const store: EmmettStore = emmett.getPostgreSQLEventStore(connectionString)
  const readerPool = dumbo({ connectionString })
  return contender(
    'emmett postgresql',
    'postgres',
    store,
    (after, batchSize) => emmett.readMessagesBatch(readerPool.execute, { after, batchSize }),
    async () => {
      await store.close?.()
      await readerPool.close()
    },
  )
}
