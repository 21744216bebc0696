/**
 * `npm run bench:store`: W1–W6 of the adapter-sql issue, side by side for Incident Kit's store, Emmett's
 * published SQLite and PostgreSQL stores, and a raw better-sqlite3 / pg floor. Writes
 * bench/results/store.json and bench/results/store.md.
 *
 * Environment: BENCH_SCALE (default 1) multiplies the sizes; BENCH_ONLY (e.g. W3,W5) runs only
 * those workloads and writes no results; BENCH_SQLITE_SYNC (default NORMAL) is
 * the `synchronous` of every SQLite store; BENCH_DATABASE_URL (default: database ik_bench on
 * DATABASE_URL_TEST's server) is dropped and recreated.
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { Contender } from './contenders/contender.js'
import { emmettPostgresContender, emmettSqliteContender, ensureVendorInstalled, vendorVersions } from './contenders/emmett.js'
import { oursContender } from './contenders/ours.js'
import { rawPostgresContender } from './contenders/raw-postgres.js'
import { rawSqliteContender } from './contenders/raw-sqlite.js'
import type { Figure } from './measure.js'
import { versusEmmettSummary, writeResults } from './report.js'
import { appendWorkload, contendedWorkload, type AppendWorkloadOptions } from './workloads/appends.js'
import { gapSafetyWorkload } from './workloads/gap-safety.js'
import { countLog, fillLog, readStreamWorkload, rebuildWorkload } from './workloads/reads.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const scale = Number(process.env['BENCH_SCALE'] ?? '1')
const n = (count: number) => Math.max(1, Math.round(count * scale))
const sqliteSync = process.env['BENCH_SQLITE_SYNC'] ?? 'NORMAL'
const serverUrl = process.env['DATABASE_URL_TEST'] ?? 'postgres://postgres@127.0.0.1:5432/test'
const benchUrl = process.env['BENCH_DATABASE_URL'] ?? serverUrl.replace(/\/[^/?]+(\?|$)/, '/ik_bench$1')
/** BENCH_ONLY=W3,W5 (say) runs those workloads and prints them, without writing bench/results. */
const only = process.env['BENCH_ONLY']?.split(',').map((w) => w.trim().toUpperCase())
const runs = (workload: string) => only === undefined || only.includes(workload)

const figures: Figure[] = []
const notes: string[] = [
  'Measured on a shared 2-core virtual machine: absolute numbers move by a fifth or more between runs; compare ratios within one run.',
  "Under Targets, 'rounds a–b' is the lowest and highest ratio of a single round (each round runs every store once, seconds apart); a target is judged on the whole run's ratio.",
]
const runId = randomUUID().slice(0, 8)
const fmt = (f: Figure) => `${f.workload} ${f.variant} ${f.database} ${f.contender}: ${f.eventsPerSecond} ev/s${f.p50Ms === undefined ? '' : ` p50 ${f.p50Ms} ms p99 ${f.p99Ms} ms`}`

/** Runs a workload, keeps and prints its figures; a failure is noted, not faked, and the run goes on. */
const record = async (label: string, run: () => Promise<readonly Figure[]>) => {
  try {
    const results = await run()
    figures.push(...results)
    results.forEach((f) => console.log(fmt(f)))
  } catch (error) {
    const note = `${label} failed: ${(error as Error).message}`
    notes.push(note)
    console.error(note)
  }
}

/** Runs one workload on each contender in turn. */
const each = async (workload: string, contenders: readonly Contender[], run: (c: Contender) => Promise<Figure>) => {
  for (const contender of contenders) await record(`${workload} on ${contender.name}`, async () => [await run(contender)])
}

/*
 * Reads and rebuilds: each round reads everything. Six, so that a slow stretch of a shared VM (a
 * third slower for half a minute) falls into one round of six; in W5 each of the three stores goes
 * first twice.
 */
const ROUNDS = 6
/*
 * Appends (W1–W3) in twice as many, shorter rounds: a shared VM's speed swings by a third within
 * a minute, and shorter rounds spread a slow stretch over every store instead of one store's whole
 * round. Twelve, so that each store goes first equally often (three stores in W1–W2, two in W3).
 */
const APPEND_ROUNDS = 12

/** Runs an append workload on all contenders together (interleaved rounds). */
const together = (contenders: readonly Contender[], options: AppendWorkloadOptions) =>
  record(`${options.workload} batch ${options.batchSize}`, () => appendWorkload(contenders, options))

const recreateBenchDatabase = async () => {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const name = new URL(benchUrl).pathname.slice(1)
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${name}`)
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version
  await admin.end()
  return version
}

/*
 * Before the Postgres workloads: writes left dirty by earlier work (the SQLite workloads' files,
 * dropping and creating the bench database, a previous run) are flushed now, not by the kernel or a
 * checkpoint in the middle of whichever store's round comes first, where the flush slows every
 * fsync. As pgbench users do before a run.
 */
const flushPendingWrites = async () => {
  try {
    execFileSync('sync')
  } catch {
    // No sync command (not a Unix): the kernel flushes in its own time.
  }
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query('CHECKPOINT')
  } catch (error) {
    notes.push(`CHECKPOINT before the Postgres workloads failed (${(error as Error).message}): a flush may have fallen into a round.`)
  } finally {
    await admin.end()
  }
}

const version = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version

/** Emmett's SQLite store as W3's concurrent writers need it (see `emmettSqliteContender`). */
let emmettConcurrent: Contender | undefined

/** `noCache` is our store with its stream cache off: W4 shows it beside the default. */
const workloads = async (contenders: readonly Contender[], noCache: Contender, database: 'sqlite' | 'postgres') => {
  if (runs('W1')) {
    await together(contenders, { workload: 'W1', batchSize: 1, appends: n(6000), writers: 1, runId, rounds: APPEND_ROUNDS })
    if (database === 'postgres') await together(contenders, { workload: 'W1', batchSize: 1, appends: n(4000), writers: 8, runId, rounds: APPEND_ROUNDS })
  }
  for (const batchSize of runs('W2') ? [10, 100] : []) {
    await together(contenders, { workload: 'W2', batchSize, appends: n(batchSize === 10 ? 3000 : 600), writers: 1, runId, rounds: APPEND_ROUNDS })
  }
  if (runs('W3')) {
    const contended = contenders.filter((c) => c.kind !== 'raw').map((c) => (c.kind === 'emmett' && database === 'sqlite' ? emmettConcurrent! : c))
    // A store that fails is noted and the others run without it.
    const working: Contender[] = []
    for (const c of contended) {
      await contendedWorkload([c], { appends: 8, runId: `${runId}-probe`, rounds: 1 }).then(
        () => working.push(c),
        (error: unknown) => notes.push(`${c.name} failed W3: ${(error as Error).message}`),
      )
    }
    await record('W3', () => contendedWorkload(working, { appends: n(4800), runId, rounds: APPEND_ROUNDS }))
  }
  for (const [size, reads] of runs('W4') ? ([[10, 3000], [100, 600], [1000, 60]] as const) : []) {
    await record(`W4 ${size} events`, () => readStreamWorkload([...contenders, noCache], { size, reads: n(reads), runId, rounds: ROUNDS }))
  }
  if (runs('W5')) {
    const total = n(database === 'sqlite' ? 50_000 : 20_000)
    // A store that has not created its tables yet (Emmett migrates on its first append) holds nothing.
    for (const c of contenders) await fillLog(c, { total, have: await countLog(c, 1000).catch(() => 0), runId })
    for (const decode of [false, true]) await record(`W5 decode ${decode ? 'on' : 'off'}`, () => rebuildWorkload(contenders, { decode, pageSize: 1000, rounds: ROUNDS }))
  }
  if (database === 'postgres' && runs('W6')) {
    await each(
      'W6',
      contenders.filter((c) => c.kind !== 'raw'),
      (c) => gapSafetyWorkload(c, { appendsPerWriter: n(60), runId }),
    )
  }
}

const main = async () => {
  const startedAt = new Date().toISOString()
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ')
  ensureVendorInstalled()
  const postgresVersion = await recreateBenchDatabase()
  const dir = mkdtempSync(join(tmpdir(), 'ik-bench-store-'))
  try {
    const sqlite = [
      await oursContender('sqlite', { url: `sqlite:${join(dir, 'ours.db')}`, sqliteSynchronous: sqliteSync === 'FULL' ? 'FULL' : 'NORMAL' }),
      await emmettSqliteContender(join(dir, 'emmett.db'), sqliteSync, { shared: true }),
      rawSqliteContender(join(dir, 'raw.db'), sqliteSync),
    ]
    const sqliteNoCache = await oursContender('sqlite', { url: `sqlite:${join(dir, 'ours-no-cache.db')}`, sqliteSynchronous: sqliteSync === 'FULL' ? 'FULL' : 'NORMAL', streamCacheEvents: 0 })
    emmettConcurrent = await emmettSqliteContender(join(dir, 'emmett-w3.db'), sqliteSync, { shared: false })
    notes.push(
      "Emmett's SQLite store runs on one shared connection except in W3, where concurrent writers break its transactions on a shared connection: there it opens a connection per operation on a file of its own, as its own file pool does (same pragmas).",
      'The raw floor checks no expected version and no command id and returns nothing; the stores do both (one indexed SELECT of the version and one more unique index, on the command id, per append) and return the stored events.',
      "W5 with decoding on runs the core's io-ts decodeEvent on every event; it costs the same behind every store and bounds the figure.",
      "Our store keeps the events of recently read streams (10,000 events by default) and asks the database only for the versions after them: every read still makes its query, so it sees other processes' appends. W4 reads one stream over and over, the cache's best case; the rows 'stream cache off' read whole streams every time, and the Targets list them too. W3's reads use the cache as well.",
    )
    await workloads(sqlite, sqliteNoCache, 'sqlite')
    await Promise.all([...sqlite, sqliteNoCache, emmettConcurrent].map((c) => c.close()))
    await flushPendingWrites()
    const postgres = [
      await oursContender('postgres', { url: benchUrl, schema: 'ik_bench_ours' }),
      await emmettPostgresContender(benchUrl),
      await rawPostgresContender(benchUrl, 'ik_bench_raw'),
    ]
    const postgresNoCache = await oursContender('postgres', { url: benchUrl, schema: 'ik_bench_ours_no_cache', streamCacheEvents: 0 })
    await workloads(postgres, postgresNoCache, 'postgres')
    await Promise.all([...postgres, postgresNoCache].map((c) => c.close()))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  if (only !== undefined) {
    console.log(`ours ÷ Emmett: ${versusEmmettSummary(figures)}`)
    return console.log(`BENCH_ONLY=${only.join(',')}: bench/results left as they were`)
  }
  const cpuList = cpus()
  writeResults(join(ROOT, 'bench', 'results'), {
    startedAt,
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadBefore,
      loadAfter: loadavg().map((l) => l.toFixed(2)).join(' '),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    versions: {
      kysely: version('kysely'),
      'better-sqlite3': version('better-sqlite3'),
      sqlite: (new Database(':memory:').prepare('select sqlite_version() as v').get() as { v: string }).v,
      pg: version('pg'),
      postgres: postgresVersion,
      ...vendorVersions(),
    },
    settings: {
      scale,
      sqliteJournalMode: 'WAL',
      sqliteSynchronous: sqliteSync,
      expectedVersions: 'numeric',
      payload: 'incident.note_added, ~100 bytes of data',
      postgresPool: 10,
      readAllPage: 1000,
    },
    figures,
    notes,
  })
  console.log('wrote bench/results/store.json and bench/results/store.md')
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
