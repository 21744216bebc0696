import type { CommandResponse, MessageAttachment } from '../../client/index.js'
import { fitMessage } from '../render/post-size.js'

/**
 * A reply only the caller sees, cut to Mattermost's post size (a long timeline or list).
 *
 * @example
 * ephemeral('`check` needs an item')
 */
export const ephemeral = (text: string, attachments?: readonly MessageAttachment[]): CommandResponse => ({
  response_type: 'ephemeral',
  text: fitMessage(text),
  ...(attachments && attachments.length > 0 ? { attachments } : {}),
})

const WARNING_MARK = ':warning:'

/**
 * An ephemeral reply marked as a problem.
 *
 * @example
 * warning('no item matches "reboot"')
 */
export const warning = (text: string): CommandResponse => ephemeral(`${WARNING_MARK} ${text}`)

/**
 * Whether a reply reports a problem (made by `warning`).
 *
 * @example
 * isWarning(warning('no such item')) // true
 */
export const isWarning = (response: CommandResponse): boolean => response.text?.startsWith(WARNING_MARK) ?? false
