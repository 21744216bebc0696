/**
 * @incident-kit/core: the event-sourced incident model. Pure `decide` and `evolve`, the v1 event
 * catalogue with its io-ts codecs, the ports (event store, clock, ids) and the command handler.
 */

// Events: the public log format.
export {
  CURRENT_SCHEMA_VERSION,
  EVENT_TYPES,
  domainEvent,
  eventDataCodecs,
  isEventType,
  type DomainEvent,
  type DomainEventOf,
  type EventData,
  type EventType,
  type IncidentEvent,
  type PlaybookEvent,
} from './events/catalogue.js'
export {
  ChecklistItemSpec,
  ChecklistSectionSpec,
  PlaybookItemSpec,
  PlaybookSectionSpec,
  Verbosity,
} from './events/checklist-shape.js'
export { createEventDecoder, decodeEvent, encodeEventData, type EventDecodeError } from './events/decode-event.js'
export {
  EventMetadata,
  RecordedEvent,
  START,
  incidentIdOfStream,
  incidentStreamId,
  playbookIdOfStream,
  playbookStreamId,
  recordEvent,
  type LogPosition,
  type NewEventEnvelope,
  type RecordedPlace,
  type StoredEvent,
} from './events/envelope.js'
export { IsoTimestamp, isoTimestamp } from './events/primitives.js'
export { parseIsoTime } from './events/parse-iso-time.js'
export { emptyDictionary, lookup, toDictionary, type Dictionary } from './incident/dictionary.js'
export { isBlankText } from './incident/blank-text.js'
export { unstorableJson } from './events/storable-json.js'
export { defaultUpcasters, type Upcaster } from './events/upcasters.js'

// Commands and decisions.
export {
  COMMAND_TYPES,
  commandCodecs,
  decodeCommand,
  isPlaybookCommand,
  type Command,
  type CommandOf,
  type CommandType,
  type IncidentCommand,
  type PlaybookCommand,
} from './commands/command.js'
export type { DecideContext } from './decide-context.js'
export { incidentError, type IncidentError, type IncidentErrorTag } from './errors.js'
export { decideIncident } from './incident/decide-incident.js'
export { applyIncidentEvent, evolveIncident, foldIncident } from './incident/evolve-incident.js'
export {
  DEFAULT_STATUS_UPDATE_INTERVAL_MINUTES,
  initialIncidentState,
  orderedItems,
  type ChecklistItem,
  type ChecklistSection,
  type IncidentState,
  type ItemState,
} from './incident/incident-state.js'
export { channelNameFor } from './incident/start-incident.js'
export { channelSlug, cutChannelSlug } from './incident/channel-slug.js'
export { checklistIds, repeatedChecklistId } from './incident/repeated-checklist-id.js'
export { decidePlaybook } from './playbook/decide-playbook.js'
export { applyPlaybookEvent, foldPlaybook } from './playbook/evolve-playbook.js'
export { initialPlaybookState, type PlaybookState } from './playbook/playbook-state.js'

// Ports and their in-memory implementations.
export { manualClock, systemClock, type Clock, type ManualClock } from './ports/clock.js'
export {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from './ports/event-store.js'
export { sequentialIds, uuidGenerator, type IdGenerator } from './ports/id-generator.js'
export { readLogPages, readWholeLog, type ReadLogPagesOptions } from './ports/read-log-pages.js'
export type { CheckpointStore, ProjectionSnapshot, ProjectionStateStore } from './ports/projection-state-store.js'
export {
  CONCURRENCY_CONFLICT,
  CORRUPT_EVENT,
  ConcurrencyError,
  CorruptEventError,
  INVALID_APPEND,
  INVALID_CHECKPOINT,
  INVALID_READ,
  IncidentKitError,
  expectedVersionHolds,
  invalidCheckpoint,
  isConcurrencyError,
  isIncidentKitError,
} from './ports/store-errors.js'
export { assertAppendable } from './ports/append-checks.js'
export { assertReadAllOptions, assertReadStreamOptions } from './ports/read-checks.js'
export { checkpointedSubscription, type CheckpointedSubscriptionOptions } from './ports/checkpointed-subscription.js'
export { openSubscriptions } from './ports/open-subscriptions.js'
export { createInMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory/in-memory-event-store.js'
export { createInMemoryCheckpointStore, createInMemoryProjectionStateStore } from './in-memory/in-memory-state-stores.js'
export { createNotifier, followLog, type FollowLogOptions } from './in-memory/follow-log.js'

// The command handler.
export {
  createCommandHandler,
  type CommandHandler,
  type CommandHandlerOptions,
  type CommandMeta,
  type HandleResult,
} from './handler/command-handler.js'
export type { RetryOptions } from './handler/retry-backoff.js'
export { decodeAll } from './handler/load-stream.js'
