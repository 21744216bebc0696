import * as E from 'fp-ts/lib/Either.js'
import type { CommandResponse } from '../../client/index.js'
import { ephemeral, warning, type Invocation } from '../commands/invocation.js'
import { runSlashCommand } from '../commands/run-slash-command.js'
import type { SlashRequest } from '../http/payloads.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { deliveryKey } from '../runtime/delivery-ids.js'
import { tokenMatches } from '../security/token-match.js'
import { parseSlashText } from '../slash/parse-slash-text.js'

/** Mattermost waits up to 30 s, people less: past this the reply says the command is on its way. */
export const SLASH_REPLY_BUDGET_MS = 2_500

/** The outcome of a slash request: refused (bad token) or answered. */
export type SlashOutcome = { readonly status: 401; readonly body: { readonly text: string } } | { readonly status: 200; readonly body: CommandResponse }

const withDeadline = async (work: Promise<CommandResponse>, ms: number): Promise<CommandResponse> => {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<CommandResponse>((resolve) => {
    timer = setTimeout(() => resolve(ephemeral(':hourglass: Mattermost is slow to answer; your command was received and is being carried out.')), ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Verifies, parses and runs one slash request. The token is compared in constant time with every
 * configured one (header or form field, as Mattermost sends both); the reply comes within
 * `SLASH_REPLY_BUDGET_MS` even when Mattermost's API is down, since state lives in the event store.
 *
 * @example
 * const outcome = await handleSlash(deps, request, authorizationToken)
 * reply.code(outcome.status).send(outcome.body)
 */
export const handleSlash = async (deps: BotDeps, request: SlashRequest, headerToken: string | undefined): Promise<SlashOutcome> => {
  if (!tokenMatches(headerToken ?? request.token, deps.settings.slashTokens)) {
    deps.logger.warn({ teamId: request.teamId, userId: request.userId }, 'slash request with an unknown token refused')
    return { status: 401, body: { text: 'This request does not carry a valid slash command token.' } }
  }
  const parsed = parseSlashText(request.text)
  if (E.isLeft(parsed)) return { status: 200, body: warning(parsed.left.message) }
  if (request.userName) deps.names.remember(request.userId, request.userName)
  const invocation: Invocation = {
    userId: request.userId,
    teamId: request.teamId,
    teamDomain: request.teamDomain,
    channelId: request.channelId,
    ...(request.triggerId !== undefined ? { triggerId: request.triggerId } : {}),
    deliveryKey: deliveryKey('slash', request.triggerId, request.fields),
    mentions: request.mentions,
  }
  const work = runSlashCommand(deps, invocation, parsed.right).catch((error: unknown) => {
    deps.logger.error({ err: String(error), command: parsed.right.kind }, 'slash command failed')
    return warning('Something went wrong while running this command; nothing was lost, try again.')
  })
  return { status: 200, body: await withDeadline(work, SLASH_REPLY_BUDGET_MS) }
}
