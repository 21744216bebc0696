import { START, type EventStore, type LogPosition } from '@incident-kit/core'
import { applyBatch, emptyReadModel, incidentReadModelProjection, type IncidentReadModel, type IncidentRecord } from '@incident-kit/projections'

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
  let pending: Promise<IncidentReadModel> | undefined

  const index = () => {
    for (const incident of Object.values(model.incidents)) {
      if (incident.channelId !== null) byChannel.set(incident.channelId, incident.incidentId)
    }
  }

  const catchUp = async () => {
    for (;;) {
      const page = await store.readAll({ after: position, limit: PAGE })
      if (page.events.length === 0) break
      model = applyBatch(incidentReadModelProjection, model, page.events).state
      position = page.checkpoint
      if (page.events.length < PAGE) break
    }
    index()
    return model
  }

  return {
    refresh: () => {
      // One catch-up at a time; callers arriving meanwhile wait for the next one, which sees their writes.
      const next = (pending ?? Promise.resolve(model)).then(catchUp, catchUp)
      pending = next
      return next
    },
    current: () => model,
    incidentInChannel: (channelId) => {
      const id = byChannel.get(channelId)
      return id === undefined ? undefined : model.incidents[id]
    },
  }
}
