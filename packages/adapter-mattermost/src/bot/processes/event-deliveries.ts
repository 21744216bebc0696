import { Verbosity, type StoredEvent } from '@incident-kit/core'
import type { IncidentRecord } from '@incident-kit/projections'
import type { MessageAttachment } from '../../client/index.js'
import { actionButton } from '../render/checklist-buttons.js'
import { KEY_EVENT_TYPES, eventMessage } from '../render/event-message.js'
import { postableAttachments, postableMessage } from '../render/postable.js'

/** Where a post goes: a channel, or a direct message to a user. */
export type PostTarget = { readonly channelId: string } | { readonly userId: string }

/**
 * The target of a message for the incident's channel while the incident has none (it was not made
 * in time): the notifier cannot post it, and says so.
 */
export const NO_CHANNEL = { noChannel: true } as const

/** One post an event causes: in a channel, or as a direct message to a user. Postable as it is. */
export interface Delivery {
  readonly target: PostTarget | typeof NO_CHANNEL
  readonly rootId?: string
  readonly message: string
  /** Buttons are bound to the channel they are posted in, known only once a direct channel is opened. */
  readonly attachmentsFor?: (channelId: string) => readonly MessageAttachment[]
  /** Unique per event and target: stored in the post's props to recognise it later. */
  readonly key: string
  /**
   * For a direct message whose person has left the incident's team: what is posted instead, so
   * that what it was to tell still reaches someone (a reminder goes to the incident's channel).
   */
  readonly insteadIfGone?: Delivery
}

/** A delivery that can be posted: its target exists. */
export type TargetedDelivery = Delivery & { readonly target: PostTarget }

/**
 * True unless the delivery is for an incident channel that does not exist.
 *
 * @example
 * const postable = deliveries.filter(hasTarget)
 */
export const hasTarget = (delivery: Delivery): delivery is TargetedDelivery => delivery.target !== NO_CHANNEL

export interface DeliveryContext {
  readonly incident: IncidentRecord
  /** Where the event sits in the incident's timeline. */
  readonly recordIndex: number
  readonly mention: (userId: string) => Promise<string>
  readonly actionUrl: string
  readonly secret: string
  /** `~channel-name`: Mattermost renders it as a link for whoever may see the channel. */
  readonly channelLink: string
  /** How chatty to be when the incident (from its playbook or start) does not say. */
  readonly fallbackVerbosity: Verbosity
  /** The slash command's trigger word (`incident`), to name a command in a message. */
  readonly trigger: string
}

/**
 * The verbosity an incident was started with (its playbook's, or its own); `undefined` if none.
 *
 * @example
 * incidentVerbosity(incident) ?? 'all'
 */
export const incidentVerbosity = (incident: IncidentRecord): Verbosity | undefined => {
  const value = (incident.timeline[0]?.data as { verbosity?: unknown } | undefined)?.verbosity
  return Verbosity.is(value) ? value : undefined
}

const assigneeOf = (event: StoredEvent, incident: IncidentRecord): string | null => {
  if (event.type === 'checklist.item_assigned') return event.data.assigneeId
  const itemId = 'itemId' in event.data ? event.data.itemId : undefined
  return itemId === undefined ? null : (incident.items[itemId]?.assigneeId ?? null)
}

/*
 * Made postable here, where deliveries are rendered, as incidentView and onboardingMessage do: the
 * notifier posts them as they are. Whole, once written: the incident's name in a prefix is people's
 * text too, and the cut comes last. Attachments too (today only buttons), so a text in one is covered.
 */
const postable = ({ message, attachmentsFor, insteadIfGone, ...rest }: Delivery): Delivery => ({
  ...rest,
  message: postableMessage(message),
  ...(attachmentsFor ? { attachmentsFor: (channelId: string) => postableAttachments(attachmentsFor(channelId)) } : {}),
  ...(insteadIfGone ? { insteadIfGone: postable(insteadIfGone) } : {}),
})

/**
 * The posts one event causes, by the incident's verbosity (else the team's default): `all` posts every change in the
 * channel; `key` only key events; `assignees` key events plus direct messages to the assignee of
 * an item that changed. Status updates are copied to the broadcast channels, reminders go to the
 * commander with a button (to the incident's channel instead when the commander has left the team),
 * and an incident started from a post answers in that post's thread.
 * Each is postable (`postableMessage`, `postableAttachments`) as it is.
 *
 * @example
 * const deliveries = await eventDeliveries(event, context) // [{ target: { channelId }, message, key: '<event id>:channel' }]
 */
export const eventDeliveries = async (event: StoredEvent, context: DeliveryContext): Promise<Delivery[]> =>
  (await writtenDeliveries(event, context)).map(postable)

/** The posts one event causes, as written: texts not yet postable. */
const writtenDeliveries = async (event: StoredEvent, context: DeliveryContext): Promise<Delivery[]> => {
  const { incident } = context
  const channelId = incident.channelId
  const deliveries: Delivery[] = []
  if (event.type === 'incident.status_reminder_sent') {
    if (incident.status !== 'active') return []
    const button = (postedIn: string) => actionButton({ actionUrl: context.actionUrl, secret: context.secret, incidentId: incident.incidentId, channelId: postedIn }, 'statusdialog', undefined, 0, 'Post a status update')
    return [
      {
        target: { userId: incident.commanderId },
        message: `:alarm_clock: **${incident.name}** (${context.channelLink}) has had no status update for a while. Time to post one.`,
        attachmentsFor: (dm) => [{ actions: [button(dm)] }],
        key: `${event.id}:reminder`,
        ...(channelId === null ? {} : { insteadIfGone: await reminderForChannel(event, incident, channelId, context, button) }),
      },
    ]
  }
  const message = await eventMessage(incident, context.recordIndex, context.mention)
  if (message === undefined) return []
  const verbosity = incidentVerbosity(incident) ?? context.fallbackVerbosity
  const isKey = KEY_EVENT_TYPES.has(event.type)
  if (verbosity === 'all' || isKey) deliveries.push({ target: channelId === null ? NO_CHANNEL : { channelId }, message, key: `${event.id}:channel` })
  if (verbosity === 'assignees' && !isKey) {
    const assignee = assigneeOf(event, incident)
    if (assignee !== null && assignee !== event.actorId) deliveries.push({ target: { userId: assignee }, message: `**${incident.name}** (${context.channelLink}): ${message}`, key: `${event.id}:assignee` })
  }
  if (event.type === 'incident.status_updated') {
    for (const broadcast of event.data.broadcastChannelIds ?? []) {
      if (broadcast !== channelId) deliveries.push({ target: { channelId: broadcast }, message: `**${incident.name}** (${context.channelLink}): ${message}`, key: `${event.id}:broadcast:${broadcast}` })
    }
  }
  if (event.type === 'incident.started' && event.data.sourcePost) {
    const source = event.data.sourcePost
    deliveries.push({ target: { channelId: source.channelId }, rootId: source.postId, message: `${message}. Follow it in ${context.channelLink}.`, key: `${event.id}:source` })
  }
  return deliveries
}

/**
 * The reminder for the incident's channel when its commander has left the team: nobody else is
 * reminded, so without it the incident would go on with no status updates and nobody told.
 */
const reminderForChannel = async (
  event: StoredEvent,
  incident: IncidentRecord,
  channelId: string,
  context: DeliveryContext,
  button: (channelId: string) => ReturnType<typeof actionButton>,
): Promise<Delivery> => ({
  target: { channelId },
  message:
    `:alarm_clock: This incident has had no status update for a while, and its commander ${await context.mention(incident.commanderId)} is no longer on the team. ` +
    `Someone should take command (\`/${context.trigger} commander @your-name\`) and post a status update.`,
  attachmentsFor: (channel) => [{ actions: [button(channel)] }],
  key: `${event.id}:reminder-channel`,
})

/**
 * The note an incident's channel gets when it is linked after `missed` of the incident's messages
 * could not be posted in it: they are not posted late (out of order, long after the fact), but the
 * commands that show them are named.
 *
 * @example
 * missedPostsNote(linkedEvent, 'c1', 3, 'incident') // { target: { channelId: 'c1' }, message: ':information_source: 3 earlier updates …', key: '<event id>:missed' }
 */
export const missedPostsNote = (event: StoredEvent, channelId: string, missed: number, trigger: string): TargetedDelivery => ({
  target: { channelId },
  message:
    `:information_source: ${missed} earlier ${missed === 1 ? 'update of this incident was' : 'updates of this incident were'} not posted here: ` +
    `the channel did not exist yet. \`/${trigger} info\` shows where the incident stands, \`/${trigger} timeline\` everything that happened.`,
  key: `${event.id}:missed`,
})
