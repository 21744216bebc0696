import type { FakeAnswer } from './fake-http.js'
import type { FakeCaller } from './fake-slash-commands.js'
import type { FakeState } from './fake-state.js'

/** Who hears a WebSocket event (GUIDE §8): one user, a channel's members, a team's members. */
export interface FakeBroadcast {
  readonly user_id?: string
  readonly channel_id?: string
  readonly team_id?: string
}

export type FakeEventSink = (event: string, data: Readonly<Record<string, unknown>>, broadcast: FakeBroadcast) => void

/** What one API handler gets: the validated request plus the fake's state and side channels. */
export interface FakeRouteContext {
  readonly state: FakeState
  /** The authenticated caller; '' on routes that need no session. */
  readonly userId: string
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly body: unknown
  readonly now: number
  readonly emit: FakeEventSink
  /** A request the spec allows but real Mattermost would mishandle (e.g. an action id with `_`). */
  readonly contractViolation: (problem: string) => void
  readonly options: FakeBehaviour
  /** For routes a person's client calls (execute a command, click, submit): the fake calls the bot. */
  readonly caller: FakeCaller
}

/** Knobs for behaviour that differs between Mattermost versions or configurations. */
export interface FakeBehaviour {
  /** How long a trigger id stays valid: 30 s on current servers, 3 s on old ones. */
  readonly triggerTtlMs: number
}

export type FakeRoute = (context: FakeRouteContext) => FakeAnswer | Promise<FakeAnswer>

/** Routes keyed by `METHOD <spec path template>`, e.g. `GET /api/v4/users/{user_id}`. */
export type FakeRouteTable = Readonly<Record<string, FakeRoute>>

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

export const asString = (value: unknown): string => (typeof value === 'string' ? value : '')

/** `me` is accepted wherever a user id is. */
export const resolveUserId = (context: FakeRouteContext, id: string | undefined): string =>
  id === 'me' ? context.userId : (id ?? '')
