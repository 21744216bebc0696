import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { MattermostChannel, MattermostTeam } from '../../src/client/index.js'
import { appError, bearerToken, readBody, writeAnswer, type FakeAnswer } from './fake-http.js'
import { addReaction, clickButton, joinChannel, postAsUser, submitDialog } from './fake-interactions.js'
import type { FakeBehaviour, FakeRouteTable } from './fake-route.js'
import { channelRoutes } from './fake-routes-channels.js'
import { directoryRoutes } from './fake-routes-directory.js'
import { integrationRoutes } from './fake-routes-integrations.js'
import { postRoutes } from './fake-routes-posts.js'
import { userActionRoutes } from './fake-routes-user-actions.js'
import { createSeeder, type FakeSeeder } from './fake-seed.js'
import { createSimulation, type FakeSimulation } from './fake-simulation.js'
import { RESPONSE_URL_PREFIX, handleResponseUrl, sendSlashCommand, type FakeCaller } from './fake-slash-commands.js'
import { createFakeState, type FakeState, type FakeUser } from './fake-state.js'
import { createFakeWebSocketHub, type FakeWebSocketHub } from './fake-websocket.js'
import { loadOpenApiValidator } from './openapi-validator.js'
import { openApiSpecPath } from './shared-spec.js'

const API_PREFIX = '/api/v4/'
const ROUTES: FakeRouteTable = { ...directoryRoutes, ...channelRoutes, ...postRoutes, ...integrationRoutes, ...userActionRoutes }
/** Operations that need no session: the trigger id is the credential (GUIDE §6.1). */
const SESSIONLESS = new Set(['POST /api/v4/actions/dialogs/open'])
const DEFAULT_TRIGGER_TTL_MS = 30_000

/** A request the real server would refuse or mishandle; tests assert there are none. */
export interface FakeViolation {
  /** `spec`: against the OpenAPI document; `contract`: against GUIDE.md; `unimplemented`: valid but the fake cannot answer. */
  readonly kind: 'spec' | 'contract' | 'unimplemented'
  readonly method: string
  readonly path: string
  readonly problems: readonly string[]
}

export interface FakeMattermostOptions {
  /** Clock of triggers, posts and response URLs; default `Date.now`. */
  readonly now?: () => number
  readonly triggerTtlMs?: number
  /** `system_user` by default: `POST /posts/ephemeral` then answers 403, as for a plain bot. */
  readonly botRoles?: string
}

export interface FakeMattermost {
  /** Site URL, e.g. `http://127.0.0.1:41234` (no `/api/v4`). */
  readonly url: string
  readonly state: FakeState
  readonly bot: { readonly user: FakeUser; readonly token: string }
  /** A team `ops` the bot belongs to, with a public `town-square`. */
  readonly team: MattermostTeam
  readonly townSquare: MattermostChannel
  readonly seed: FakeSeeder
  readonly violations: readonly FakeViolation[]
  readonly simulate: FakeSimulation
  readonly webSocket: FakeWebSocketHub
  /** Playing Mattermost towards the bot (GUIDE §4–6). */
  readonly sendSlashCommand: (options: Parameters<typeof sendSlashCommand>[1]) => ReturnType<typeof sendSlashCommand>
  readonly clickButton: (options: Parameters<typeof clickButton>[1]) => ReturnType<typeof clickButton>
  readonly submitDialog: (options: Parameters<typeof submitDialog>[1]) => ReturnType<typeof submitDialog>
  readonly addReaction: (options: Parameters<typeof addReaction>[1]) => void
  readonly joinChannel: (options: Parameters<typeof joinChannel>[1]) => void
  readonly postAsUser: (options: Parameters<typeof postAsUser>[1]) => ReturnType<typeof postAsUser>
  readonly close: () => Promise<void>
}

/**
 * Starts an in-process fake Mattermost on 127.0.0.1 (ephemeral port) that validates every API
 * request against the merged OpenAPI spec in ../shared, keeps a small in-memory server state,
 * speaks the WebSocket protocol, simulates outages, and calls the bot as Mattermost would.
 *
 * @example
 * const fake = await startFakeMattermost()
 * const api = createMattermostApi({ url: fake.url, token: fake.bot.token })
 * expect(fake.violations).toEqual([])
 * await fake.close()
 */
export const startFakeMattermost = async (options: FakeMattermostOptions = {}): Promise<FakeMattermost> => {
  const now = options.now ?? Date.now
  const validator = loadOpenApiValidator(openApiSpecPath())
  const behaviour: FakeBehaviour = { triggerTtlMs: options.triggerTtlMs ?? DEFAULT_TRIGGER_TTL_MS }
  const state = createFakeState()
  const seed = createSeeder(state, now)
  const violations: FakeViolation[] = []
  const authenticate = (token: string | undefined) => (token === undefined ? undefined : state.tokens.get(token))
  const webSocket = createFakeWebSocketHub({ state, authenticate })
  let siteUrl = ''
  const caller: FakeCaller = { state, siteUrl: () => siteUrl, now, emit: webSocket.emit }

  const answerApi = async (request: IncomingMessage, url: URL, body: string): Promise<FakeAnswer> => {
    const method = request.method ?? 'GET'
    const contentType = request.headers['content-type']
    const result = validator.validate({ method, pathname: url.pathname, query: url.searchParams, contentType, body })
    if (result.problems.length > 0) {
      violations.push({ kind: 'spec', method, path: url.pathname, problems: result.problems })
      const status = result.route === undefined ? 404 : result.methodNotAllowed ? 405 : 400
      return appError(status, 'api.context.invalid_body_param.app_error', result.problems.join('; '))
    }
    const failure = simulation.nextFailure()
    if (failure !== undefined) return failure
    const key = `${method.toUpperCase()} ${result.route ?? ''}`
    const userId = authenticate(bearerToken(request.headers.authorization))
    if (userId === undefined && !SESSIONLESS.has(key)) {
      return appError(401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.')
    }
    const handler = ROUTES[key]
    if (handler === undefined) {
      violations.push({ kind: 'unimplemented', method, path: url.pathname, problems: [`the fake does not implement ${key}`] })
      return appError(501, 'api.fake.not_implemented', `${key} is not implemented by the fake`)
    }
    const parsed = body === '' ? undefined : (JSON.parse(body) as unknown)
    const answer = await handler({
      state, userId: userId ?? '', params: result.pathParams, query: url.searchParams, body: parsed, now: now(), emit: webSocket.emit, options: behaviour, caller,
      contractViolation: (problem) => violations.push({ kind: 'contract', method, path: url.pathname, problems: [problem] }),
    })
    return answer
  }

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://fake')
    if (url.pathname.startsWith(RESPONSE_URL_PREFIX)) {
      return writeAnswer(response, await handleResponseUrl(caller, request, url.pathname))
    }
    const body = await readBody(request)
    const answer = url.pathname.startsWith(API_PREFIX)
      ? await answerApi(request, url, body)
      : appError(404, 'api.fake.not_found', `${url.pathname} is not served by the fake`)
    if (simulation.delayMs() > 0) await new Promise((resolve) => setTimeout(resolve, simulation.delayMs()))
    writeAnswer(response, answer)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      writeAnswer(response, appError(500, 'api.fake.crashed', error instanceof Error ? error.message : String(error)))
    })
  })
  server.on('upgrade', webSocket.handleUpgrade)
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()))
  const simulation = createSimulation({
    stopListening: async () => {
      webSocket.dropConnections()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    listenAgain: () => listen(Number(new URL(siteUrl).port)),
  })
  await listen(0)
  siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const bot = seed.user({ username: 'incident-bot', roles: options.botRoles ?? 'system_user', isBot: true })
  const team = seed.team({ name: 'ops', displayName: 'Operations', memberIds: [bot.user.id] })
  const townSquare = seed.channel({ teamId: team.id, name: 'town-square', displayName: 'Town Square', memberIds: [bot.user.id] })

  return {
    url: siteUrl,
    state,
    bot,
    team,
    townSquare,
    seed,
    violations,
    simulate: simulation.controls,
    webSocket,
    sendSlashCommand: (slash) => sendSlashCommand(caller, slash),
    clickButton: (click) => clickButton(caller, click),
    submitDialog: (submit) => submitDialog(caller, submit),
    addReaction: (reaction) => addReaction(caller, reaction),
    joinChannel: (join) => joinChannel(caller, join),
    postAsUser: (post) => postAsUser(caller, post),
    close: async () => {
      await webSocket.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
