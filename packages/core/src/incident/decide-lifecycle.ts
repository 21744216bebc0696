import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { CommandOf } from '../commands/command.js'
import type { DecideContext } from '../decide-context.js'
import { domainEvent, type IncidentEvent } from '../events/catalogue.js'
import { incidentError, type IncidentError } from '../errors.js'
import { lookup } from './dictionary.js'
import { sameInstant } from './instants.js'
import { noChange, requireActive, requireCommandTime, requireId, requireIds, requireText } from './incident-guards.js'
import type { IncidentState } from './incident-state.js'

type LifecycleCommand = CommandOf<
  | 'LinkChannel'
  | 'RenameIncident'
  | 'EndIncident'
  | 'ReopenIncident'
  | 'ChangeCommander'
  | 'PostStatusUpdate'
  | 'RecordStatusReminder'
  | 'SetMetadata'
  | 'AddNote'
  | 'SetMilestone'
>
type Decision = E.Either<IncidentError, IncidentEvent[]>

const one = (event: IncidentEvent): Decision => E.right([event])

/** Decides the commands on an incident as a whole (all but start and the checklist). */
export const decideLifecycle = (command: LifecycleCommand, state: IncidentState, context: DecideContext): Decision => {
  if (command.type === 'ReopenIncident') {
    if (state.status === 'none') return E.left(incidentError('IncidentNotFound', { incidentId: command.incidentId }, `no incident ${command.incidentId}`))
    if (state.status !== 'ended') return E.left(incidentError('IncidentNotEnded', { incidentId: command.incidentId }, `incident "${state.name}" is still active`))
    return one(domainEvent('incident.reopened', {}))
  }
  return pipe(
    requireActive(state, command.incidentId),
    E.chain((): Decision => {
      switch (command.type) {
        case 'LinkChannel':
          return pipe(
            requireId('channelId', command.channelId),
            E.chain((channelId) =>
              state.channelId === channelId && state.channelName === command.channelName
                ? noChange('the channel is already linked')
                : one(domainEvent('incident.channel_linked', { channelId, channelName: command.channelName })),
            ),
          )
        case 'RenameIncident':
          return pipe(
            requireText('name', command.name),
            E.chain((name) => (name === state.name ? noChange(`the incident is already named "${name}"`) : one(domainEvent('incident.renamed', { name })))),
          )
        case 'EndIncident':
          return one(domainEvent('incident.ended', {}))
        case 'ChangeCommander':
          return pipe(
            requireId('commanderId', command.commanderId),
            E.chain((to) => (to === state.commanderId ? noChange('that user is already the commander') : one(domainEvent('incident.commander_changed', { from: state.commanderId, to })))),
          )
        case 'PostStatusUpdate':
          return pipe(
            requireText('message', command.message),
            E.map((message) => [
              domainEvent('incident.status_updated', {
                message,
                ...(state.broadcastChannelIds.length > 0 ? { broadcastChannelIds: [...state.broadcastChannelIds] } : {}),
              }),
            ]),
          )
        case 'RecordStatusReminder':
          return pipe(
            requireCommandTime('dueAt', command.dueAt),
            E.chain((dueAt) =>
              sameInstant(state.lastReminderDueAt, dueAt) ? noChange('this reminder was already sent') : one(domainEvent('incident.status_reminder_sent', { dueAt })),
            ),
          )
        case 'SetMetadata':
          return pipe(
            requireText('key', command.key),
            E.chain((key) => {
              const current = lookup(state.metadata, key) ?? null
              return current === command.value ? noChange(`${key} is already set so`) : one(domainEvent('incident.metadata_set', { key, value: command.value }))
            }),
          )
        case 'AddNote':
          return pipe(
            requireIds([['postId', command.postId]]),
            E.chain(() => requireText('text', command.text)),
            E.map((text) => [domainEvent('incident.note_added', { text, ...(command.postId ? { postId: command.postId } : {}) })]),
          )
        case 'SetMilestone':
          return pipe(
            E.Do,
            E.apS('at', requireCommandTime('at', command.at)),
            E.apS('milestone', requireText('milestone', command.milestone)),
            E.map(({ at, milestone }) => [domainEvent('incident.milestone_set', { milestone, at: at ?? context.now })]),
          )
      }
    }),
  )
}
