import type { Kysely } from 'kysely'
import { INVALID_APPEND, IncidentKitError, type NewEventEnvelope } from '@incident-kit/core'
import { TABLE, type StoreDatabase } from '../schema/tables.js'

/**
 * The error for an event id that is already stored, naming the stream and the id: the unique
 * index only says that one of the append's ids was taken, so the store asks which (once, after
 * the append was refused and rolled back).
 *
 * @example
 * throw await duplicateEventIdError(db, 'incident-1', events, uniqueViolation)
 */
export const duplicateEventIdError = async (db: Kysely<StoreDatabase>, streamId: string, events: readonly NewEventEnvelope[], cause: unknown) => {
  const stored = await db
    .selectFrom(TABLE.events)
    .select('event_id')
    .where('event_id', 'in', events.map((event) => event.id))
    .limit(1)
    .executeTakeFirst()
  const which = stored === undefined ? 'an event id of this append' : `event id ${JSON.stringify(stored.event_id)}`
  return new IncidentKitError(INVALID_APPEND, `cannot append to ${streamId}: ${which} is already stored`, { cause })
}
