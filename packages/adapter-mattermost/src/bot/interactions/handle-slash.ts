import * as E from 'fp-ts/lib/Either.js'
import type { CommandResponse } from '../../client/index.js'
import { mattermostCannot, tryAgainWarning } from '../commands/ask-mattermost.js'
import { type Invocation } from '../commands/invocation.js'
import { ephemeral, isWarning, warning } from '../commands/replies.js'
import { runSlashCommand } from '../commands/run-slash-command.js'
import { decodeSlashRequest, type SlashRequest } from '../http/payloads.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { deliveryKey } from '../runtime/delivery-ids.js'
import { createSlashTeamCheck } from '../security/slash-team-check.js'
import { findByToken, tokenFromAuthorization } from '../security/token-match.js'
import { parseSlashText } from '../slash/parse-slash-text.js'
import { answerInTime } from './answer-in-time.js'
import { loggedValue } from '../security/logged-value.js'

/** The outcome of a slash request: refused (bad token, or a token of another team's command), malformed, or answered. */
export type SlashOutcome =
  | { readonly status: 401 | 400; readonly body: { readonly text: string } }
  | { readonly status: 200; readonly body: CommandResponse }

/** Handles one slash request: its form fields (POST body or GET query) and `Authorization` header. */
export type SlashHandler = (params: URLSearchParams, authorization: string | undefined) => Promise<SlashOutcome>

const LATE = ephemeral(':hourglass: This is taking longer than usual; your command was received and is being carried out. Its result follows here.')
const FAILED = warning('Something went wrong while running this command; nothing was lost, try again.')

const refused = (text: string): SlashOutcome => ({ status: 401, body: { text } })

/** A result that came after the early answer goes to the request's `response_url`, so a refusal is not lost. */
const sendLate = (deps: BotDeps, request: SlashRequest) => async (reply: CommandResponse) => {
  if (request.responseUrl !== undefined) await deps.api.respond(request.responseUrl, reply)
}

/**
 * Verifies, parses and runs slash requests. The token comes first, compared in constant time with
 * every configured one (header or form field, as Mattermost sends both); then the request's team
 * must be the team that token belongs to. The reply comes within the reply deadline (`answerInTime`) even when
 * Mattermost's API or the database is slow; a later result follows through `response_url`.
 *
 * @example
 * const slash = createSlashHandler(deps)
 * const outcome = await slash(new URLSearchParams(body), request.headers.authorization)
 * reply.code(outcome.status).send(outcome.body)
 */
export const createSlashHandler = (deps: BotDeps): SlashHandler => {
  const teamOf = createSlashTeamCheck(deps.requestApi)
  return async (params, authorization) => {
    const receivedAt = Date.now()
    const command = findByToken(tokenFromAuthorization(authorization) ?? params.get('token') ?? undefined, deps.settings.slashTokens)
    if (!command) {
      deps.logger.warn({ teamId: loggedValue(params.get('team_id')), userId: loggedValue(params.get('user_id')) }, 'slash request with an unknown token refused')
      return refused('This request does not carry a valid slash command token.')
    }
    const request = decodeSlashRequest(params)
    if (!request) return { status: 400, body: { text: 'A slash command request needs team_id, channel_id and user_id.' } }
    const team = await teamOf(command, request)
    if (team === 'foreign') {
      deps.logger.warn({ teamId: request.teamId, userId: request.userId, tokenTeam: command.team }, 'slash request for another team than its token refused')
      return refused("This slash command token belongs to another team's command; each team's command has its own token.")
    }
    if (team === 'unconfirmed') return { status: 200, body: tryAgainWarning(mattermostCannot('confirm the team of this command')) }
    const parsed = parseSlashText(request.text)
    if (E.isLeft(parsed)) return { status: 200, body: warning(parsed.left.message) }
    const invocation: Invocation = {
      userId: request.userId,
      teamId: request.teamId,
      teamDomain: request.teamDomain,
      channelId: request.channelId,
      ...(request.triggerId !== undefined ? { triggerId: request.triggerId } : {}),
      deliveryKey: deliveryKey('slash', request.triggerId, request.fields),
      // Mattermost resolved the caller's name and the text's @-mentions: naming them asks it nothing.
      requestNames: request.userName ? { ...request.mentions, [request.userName.toLowerCase()]: request.userId } : request.mentions,
    }
    const reply = await answerInTime(runSlashCommand(deps, invocation, parsed.right), {
      receivedAt,
      whenLate: LATE,
      whenFailed: FAILED,
      refusalIn: (reply) => (isWarning(reply) ? reply.text : undefined),
      afterLateReply: sendLate(deps, request),
      lateWork: deps.lateWork,
      logger: deps.logger,
      what: 'slash command',
      logContext: { command: parsed.right.kind, userId: request.userId },
    })
    return { status: 200, body: reply }
  }
}
