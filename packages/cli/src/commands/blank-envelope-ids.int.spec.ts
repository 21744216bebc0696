import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqlEventStore } from '@incident-kit/adapter-sql'
import { EXIT_OK } from '../cli/cli-errors.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace()
})
afterEach(() => ws.remove())

const started = { incidentId: 'x', teamId: 't', name: 'X', channelName: 'x', commanderId: 'a', reporterId: 'a', checklists: [] }
const event = (id: string, type: string, data: unknown, ids: { actorId: string; commandId: string; correlationId: string }) =>
  ({ id, type, data, occurredAt: '2026-03-01T09:00:00.000Z', schemaVersion: 1, ...ids })

/** A store as release 0.1.0 could leave it: its handle() took a blank commandId, and stores take any id. */
const storeWithBlankIds = async (file: string) => {
  const store = await createSqlEventStore({ url: `sqlite:${join(ws.dir, file)}` })
  try {
    await store.appendToStream('incident-x', [event('e1', 'incident.started', started, { actorId: 'a', commandId: 'c1', correlationId: '' })], { expectedVersion: 0 })
    await store.appendToStream('incident-x', [event('e2', 'incident.note_added', { text: 'hi' }, { actorId: '', commandId: '', correlationId: '' })], { expectedVersion: 1 })
  } finally {
    await store.close()
  }
}

const exported = async (db: string) => {
  const run = await ws.run(['export', '--db', db])
  expect(run.code, run.stderr).toBe(EXIT_OK)
  return run.stdout
}

describe('a log whose events have blank actor, command or correlation ids', () => {
  it('exports, imports and exports again byte for byte', async () => {
    await storeWithBlankIds('old.db')
    const log = await exported('sqlite:./old.db')
    expect(log).toContain('"commandid":""')
    writeFileSync(join(ws.dir, 'log.jsonl'), log)
    const imported = await ws.run(['import', 'log.jsonl', '--db', 'sqlite:./new.db'])
    expect(imported.code, imported.stderr).toBe(EXIT_OK)
    expect(await exported('sqlite:./new.db')).toBe(log)
  })

  it('copies to another database as export then import would, and replays', async () => {
    await storeWithBlankIds('old.db')
    const copied = await ws.run(['copy', '--db', 'sqlite:./old.db', '--to', 'sqlite:./copy.db'])
    expect(copied.code, copied.stderr).toBe(EXIT_OK)
    const log = await exported('sqlite:./old.db')
    expect(await exported('sqlite:./copy.db')).toBe(log)
    writeFileSync(join(ws.dir, 'log.jsonl'), log)
    const replayed = await ws.run(['replay', 'log.jsonl', '--format', 'json'])
    expect(replayed.code, replayed.stderr).toBe(EXIT_OK)
  })
})
