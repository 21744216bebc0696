import type { MessageAttachment } from '../../client/index.js'
import { quietChannelMentions } from './channel-mentions.js'
import { fitAttachments, fitMessage } from './post-size.js'

/**
 * A message as the bot posts it in a channel: the people's text in it notifies nobody channel-wide,
 * and it fits Mattermost's post size (else the post is refused and the message lost).
 * Made where a post is rendered (`incidentView`, `onboardingMessage`, `eventDeliveries`), so that
 * the code that posts it posts it as it is: one layer, so no post goes out without it, or gets it twice.
 *
 * @example
 * return postableMessage(lines.join('\n'))
 */
export const postableMessage = (message: string): string => fitMessage(quietChannelMentions(message))

/**
 * Attachments as the bot posts them: the same care for their texts, which Mattermost scans for
 * mentions as it does the message.
 *
 * @example
 * postableAttachments([{ title: 'Triage' }, { text: '1. Page @here' }])
 */
export const postableAttachments = (attachments: readonly MessageAttachment[]): MessageAttachment[] =>
  fitAttachments(attachments.map((attachment) => (attachment.text === undefined ? attachment : { ...attachment, text: quietChannelMentions(attachment.text) })))
