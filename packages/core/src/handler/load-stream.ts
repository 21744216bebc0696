import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent } from '../events/decode-event.js'
import type { RecordedEvent, StoredEvent } from '../events/envelope.js'
import { incidentError, type IncidentError } from '../errors.js'

/** Decodes recorded events; the first that fails becomes a `CorruptStream` error naming its place. */
export const decodeAll = (
  recorded: readonly RecordedEvent[],
  decode: (raw: unknown) => ReturnType<typeof decodeEvent> = decodeEvent,
): E.Either<IncidentError, StoredEvent[]> => {
  const events: StoredEvent[] = []
  for (const raw of recorded) {
    const decoded = decode(raw)
    if (E.isLeft(decoded)) {
      const { streamId, version, message } = decoded.left
      return E.left(incidentError('CorruptStream', { streamId, version }, message))
    }
    events.push(decoded.right)
  }
  return E.right(events)
}
