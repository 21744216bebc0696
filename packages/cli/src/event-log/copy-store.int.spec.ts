import * as E from 'fp-ts/lib/Either.js'
import { afterAll, expect, it } from 'vitest'
import { START, readWholeLog, type RecordedEvent } from '@incident-kit/core'
import { createSqlEventStore, type SqlEventStore } from '@incident-kit/adapter-sql'
import { describeEachDatabase, temporaryDirectory } from '@incident-kit/adapter-sql/testing'
import { runDemoScenario } from '../demo/run-demo-scenario.js'
import { copyStore } from './copy-store.js'

const sources = temporaryDirectory('copy-source')
afterAll(() => sources.cleanup())
let sourceCount = 0

/** A SQLite store holding the demo's incident, and the checkpoints a bot would have saved. */
const demoSource = async () => {
  const store = await createSqlEventStore({ url: `sqlite:${sources.file(`source-${sourceCount++}.db`)}` })
  await runDemoScenario(store)
  const events = await readWholeLog(store)
  await store.checkpoints.save('mattermost-notifier', events[9]!.position)
  await store.checkpoints.save('mattermost-channels', events.at(-1)!.position)
  await store.checkpoints.save('mattermost-reactions-seen-until', '2026-03-12T10:00:00.000Z')
  await store.checkpoints.save('never-started', START)
  return { store, events }
}

/** What a copy must keep of an event: everything but where the target put it. */
const kept = ({ position: _position, ...rest }: RecordedEvent) => rest

const positionOf = (events: readonly RecordedEvent[], id: string) => events.find((event) => event.id === id)?.position

describeEachDatabase('copyStore from SQLite', (fresh) => {
  const stores: SqlEventStore[] = []
  afterAll(async () => {
    for (const store of stores) await store.close()
  })
  const open = async (options: Parameters<typeof createSqlEventStore>[0]) => {
    const store = await createSqlEventStore(options)
    stores.push(store)
    return store
  }

  it('copies every event in order and moves each checkpoint to the same event in the target', async () => {
    const { store: source, events } = await demoSource()
    stores.push(source)
    const target = await open(fresh())
    const copied = await copyStore(source, target)
    expect(copied).toEqual(E.right({ appended: events.length, alreadyPresent: 0, streams: new Set(events.map((e) => e.streamId)).size, checkpoints: 4 }))
    const copiedEvents = await readWholeLog(target)
    expect(copiedEvents.map(kept)).toEqual(events.map(kept))
    const checkpoints = await target.checkpoints.list()
    expect(checkpoints.get('mattermost-notifier')).toBe(positionOf(copiedEvents, events[9]!.id))
    expect(checkpoints.get('mattermost-channels')).toBe(copiedEvents.at(-1)!.position)
    expect(checkpoints.get('mattermost-reactions-seen-until')).toBe('2026-03-12T10:00:00.000Z')
    expect(checkpoints.get('never-started')).toBe(START)
    // A subscriber resuming on the target sees exactly the events it had not seen on the source.
    const after = await target.readAll({ after: checkpoints.get('mattermost-notifier')!, limit: 1000 })
    expect(after.events.map((e) => e.id)).toEqual(events.slice(10).map((e) => e.id))
  })

  it('copies again only what is new, and moves the checkpoints along', async () => {
    const { store: source, events } = await demoSource()
    stores.push(source)
    const target = await open(fresh())
    expect(E.isRight(await copyStore(source, target))).toBe(true)
    const again = await copyStore(source, target)
    expect(again).toEqual(E.right(expect.objectContaining({ appended: 0, alreadyPresent: events.length })))
    const incident = events.at(-1)!
    // The demo's incident has ended: a reopen is what a command could append after it.
    const later = { ...incident, id: 'a-later-event', commandId: 'a-later-command', type: 'incident.reopened', data: {} }
    await source.appendToStream(incident.streamId, [later], { expectedVersion: incident.version })
    await source.checkpoints.save('mattermost-notifier', (await readWholeLog(source)).at(-1)!.position)
    expect(await copyStore(source, target)).toEqual(E.right(expect.objectContaining({ appended: 1, alreadyPresent: events.length })))
    const copiedEvents = await readWholeLog(target)
    expect(copiedEvents.at(-1)!.id).toBe('a-later-event')
    expect((await target.checkpoints.list()).get('mattermost-notifier')).toBe(copiedEvents.at(-1)!.position)
  })

  it('writes no checkpoint when the target holds one further along (a bot ran on it)', async () => {
    const { store: source, events } = await demoSource()
    stores.push(source)
    const target = await open(fresh())
    await runDemoScenario(target)
    const theirs = (await readWholeLog(target))[20]!.position
    await target.checkpoints.save('mattermost-notifier', theirs)
    const copied = await copyStore(source, target)
    expect(E.isLeft(copied) && copied.left._tag).toBe('CheckpointConflict')
    expect(E.isLeft(copied) && copied.left._tag === 'CheckpointConflict' && copied.left.conflicts.map((c) => c.subscriber)).toEqual(['mattermost-notifier'])
    expect([...(await target.checkpoints.list())]).toEqual([['mattermost-notifier', theirs]])
    // The demo's events are the same events (same ids), so they were already present.
    expect((await readWholeLog(target)).length).toBe(events.length)
  })

  it('writes nothing when the target holds other events at the same stream versions', async () => {
    const { store: source, events } = await demoSource()
    stores.push(source)
    const target = await open(fresh())
    const first = events[0]!
    await target.appendToStream(first.streamId, [{ ...first, id: 'another-event', commandId: 'another-command' }], { expectedVersion: 0 })
    const copied = await copyStore(source, target)
    expect(E.isLeft(copied) && copied.left._tag).toBe('InvalidSourceLog')
    expect(E.isLeft(copied) && copied.left._tag === 'InvalidSourceLog' && copied.left.errors[0]!.message).toContain('already a different event')
    expect((await readWholeLog(target)).map((e) => e.id)).toEqual(['another-event'])
    expect((await target.checkpoints.list()).size).toBe(0)
  })
})
