import { START, incidentIdOfStream, readLogPages, type EventStore, type LogPosition, type RecordedEvent } from '@incident-kit/core'
import { applyBatch, catchUpState, emptyReadModel, incidentReadModelProjection, type IncidentReadModel, type IncidentRecord } from '@incident-kit/projections'

const PAGE = 1000

/** The projections' read model kept current by the bot, with the lookups the chat side needs. */
export interface LiveReadModel {
  /** Reads whatever the store has beyond the model and applies it; returns the current model. */
  refresh(): Promise<IncidentReadModel>
  current(): IncidentReadModel
  /** The incident whose channel this is (active or ended), if any. */
  incidentInChannel(channelId: string): IncidentRecord | undefined
}

/**
 * A read model that catches up on demand: each request refreshes it first, so a reply always
 * reflects every event stored before the request was read (read-your-writes within one bot).
 *
 * @example
 * const model = createLiveReadModel(store)
 * const incident = (await model.refresh(), model.incidentInChannel(channelId))
 */
export const createLiveReadModel = (store: EventStore): LiveReadModel => {
  let model: IncidentReadModel = emptyReadModel
  let position: LogPosition = START
  const byChannel = new Map<string, string>()
  let running: Promise<IncidentReadModel> | undefined
  let queued: Promise<IncidentReadModel> | undefined

  /** Only a linked channel changes the index, so only those events are looked at. */
  const index = (events: readonly RecordedEvent[]) => {
    for (const event of events) {
      const incidentId = event.type === 'incident.channel_linked' ? incidentIdOfStream(event.streamId) : undefined
      if (incidentId === undefined) continue
      const channelId = model.incidents[incidentId]?.channelId
      if (channelId) byChannel.set(channelId, incidentId)
    }
  }

  const catchUp = async () => {
    if (model === emptyReadModel) {
      // The first catch-up (the whole log, at start) folds into a private copy: nobody holds the
      // model yet, so no page pays for copy-on-write.
      const caught = await catchUpState({ store, projection: incidentReadModelProjection, from: { state: model, checkpoint: position }, batchSize: PAGE })
      model = caught.state
      position = caught.checkpoint
      for (const incident of Object.values(model.incidents)) if (incident.channelId) byChannel.set(incident.channelId, incident.incidentId)
      return model
    }
    for await (const page of readLogPages(store, { after: position, pageSize: PAGE })) {
      model = applyBatch(incidentReadModelProjection, model, page.events).state
      position = page.checkpoint
      index(page.events)
    }
    return model
  }

  const start = () => {
    const run = catchUp().finally(() => {
      if (running === run) running = undefined
    })
    running = run
    return run
  }

  return {
    refresh: () => {
      // One catch-up at a time. Callers arriving during one share the next, which has not started
      // reading yet and so sees their writes: a burst of callers costs two reads, not one each.
      if (queued) return queued
      if (!running) return start()
      const next = running
        .catch(() => undefined)
        .then(() => {
          queued = undefined
          return start()
        })
      queued = next
      return next
    },
    current: () => model,
    incidentInChannel: (channelId) => {
      const id = byChannel.get(channelId)
      return id === undefined ? undefined : model.incidents[id]
    },
  }
}
