import Fastify, { type FastifyInstance } from 'fastify'
import { handleAction } from '../interactions/handle-action.js'
import { handleDialog } from '../interactions/handle-dialog.js'
import { createSlashHandler } from '../interactions/handle-slash.js'
import { ROUTES, type BotDeps } from '../runtime/bot-deps.js'
import { closeWhenAnswered } from './graceful-close.js'
import { decodeActionRequest, decodeDialogRequest } from './payloads.js'
import { requestErrorHandler } from './request-errors.js'

const FORM = 'application/x-www-form-urlencoded'
/** Mattermost reads at most 1 MiB of a reply; requests to the bot are far smaller. */
const BODY_LIMIT = 256 * 1024
/** Mattermost sends its small requests at once: a client this slow is not Mattermost. */
const RECEIVE_TIMEOUT_MS = 10_000
/** Node looks for requests past their time every 30 s by default: a slow client would get 40 s. */
const TIMEOUT_CHECK_MS = 1_000
/*
 * How long a kept-alive connection may sit idle between requests; 10 s. Fastify's default, 72 s, let
 * one cheap request hold a connection (a file descriptor) for over a minute. Mattermost, or the
 * proxy in front, opens a new connection when it finds one closed.
 */
const IDLE_CONNECTION_TIMEOUT_MS = 10_000

export interface BotServerOptions {
  /**
   * How long a request may take to arrive whole, headers and body; 10 s. A slower client is cut off
   * with a 408, so it cannot hold a connection open; closing does not wait for it (`closeWhenAnswered`).
   */
  readonly receiveTimeoutMs?: number
  /** How long a kept-alive connection may sit idle between requests before the bot closes it; 10 s. */
  readonly idleConnectionTimeoutMs?: number
}

export interface BotServer {
  readonly app: FastifyInstance
  /** Stops taking requests, answers those in flight, then closes every connection (`closeWhenAnswered`). */
  close(): Promise<void>
}

/**
 * The HTTP service Mattermost calls: the slash command (POST form or GET query), button clicks
 * and dialog submissions (JSON), and a health check. Fastify's own request logging is off: slash
 * requests carry the command token, which must never reach a log.
 *
 * @example
 * const server = createBotServer(deps)
 * await server.app.listen({ port: settings.port, host: '0.0.0.0' })
 */
export const createBotServer = (deps: BotDeps, options: BotServerOptions = {}): BotServer => {
  const receiveTimeoutMs = options.receiveTimeoutMs ?? RECEIVE_TIMEOUT_MS
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    requestTimeout: receiveTimeoutMs,
    keepAliveTimeout: options.idleConnectionTimeoutMs ?? IDLE_CONNECTION_TIMEOUT_MS,
    http: { headersTimeout: receiveTimeoutMs, requestTimeout: receiveTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
  })
  const close = closeWhenAnswered(app)
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => done(null, new URLSearchParams(String(body))))
  const slash = createSlashHandler(deps)

  app.post(ROUTES.slash, async (request, reply) => {
    const params = request.body instanceof URLSearchParams ? request.body : new URLSearchParams()
    const outcome = await slash(params, request.headers.authorization)
    return reply.code(outcome.status).type('application/json').send(outcome.body)
  })
  // A HEAD asks for headers only: Fastify would run the command for it (`exposeHeadRoute`).
  app.get(ROUTES.slash, { exposeHeadRoute: false }, async (request, reply) => {
    const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '')
    const outcome = await slash(query, request.headers.authorization)
    return reply.code(outcome.status).type('application/json').send(outcome.body)
  })
  app.post(ROUTES.actions, async (request, reply) => {
    const action = decodeActionRequest(request.body)
    if (!action) return reply.code(400).send({ ephemeral_text: 'Not a button click.' })
    return reply.type('application/json').send(await handleAction(deps, action))
  })
  app.post(ROUTES.dialogs, async (request, reply) => {
    const dialog = decodeDialogRequest(request.body)
    if (!dialog) return reply.code(400).send({ error: 'Not a dialog submission.' })
    return reply.type('application/json').send(await handleDialog(deps, dialog))
  })
  app.get(ROUTES.health, async () => ({ status: 'ok' }))
  app.setErrorHandler(requestErrorHandler(deps.logger))
  return { app, close }
}
