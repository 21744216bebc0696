import type * as t from 'io-ts'
import { checklistEventData } from './checklist-events.js'
import { incidentEventData } from './incident-events.js'
import { playbookEventData } from './playbook-events.js'

/** Every event type of the v1 catalogue with the codec of its `data`. */
export const eventDataCodecs = {
  ...incidentEventData,
  ...checklistEventData,
  ...playbookEventData,
} as const

type Codecs = typeof eventDataCodecs
export type EventType = keyof Codecs
export type EventData<K extends EventType> = t.TypeOf<Codecs[K]>

/** A domain event: a type of the catalogue and its data, before it gets an envelope. */
export type DomainEvent = { [K in EventType]: { readonly type: K; readonly data: EventData<K> } }[EventType]
export type DomainEventOf<K extends EventType> = Extract<DomainEvent, { type: K }>

export type IncidentEvent = Extract<DomainEvent, { type: `incident.${string}` | `checklist.${string}` }>
export type PlaybookEvent = Extract<DomainEvent, { type: `playbook.${string}` }>

/** All event types, in catalogue order. */
export const EVENT_TYPES = Object.keys(eventDataCodecs) as EventType[]

/**
 * The schema version that this code writes for each type. Older versions are upcast on read.
 * Bump one only together with an upcaster from the previous version.
 */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<EventType, number>> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, 1]),
) as Record<EventType, number>

export const isEventType = (type: string): type is EventType => Object.hasOwn(eventDataCodecs, type)

/** Builds a domain event with its data type checked by the compiler. */
export const domainEvent = <K extends EventType>(type: K, data: EventData<K>): DomainEventOf<K> =>
  ({ type, data }) as DomainEventOf<K>
