import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * What a button or dialog callback is allowed to do, signed by the bot. Mattermost keeps a button's
 * context server-side and hands it back on a click; the signature makes sure nobody edited it, and
 * binding the incident and the channel means a context cannot be replayed against another incident.
 */
export interface ActionContext {
  readonly action: string
  /** The incident the action is bound to; empty for actions before an incident exists (start). */
  readonly incidentId: string
  /** The channel the button was posted in, or the dialog was opened from. */
  readonly channelId: string
  /** The item a checklist button acts on. */
  readonly itemId?: string
  /** The user a dialog was opened for: a dialog state cannot be submitted by someone else. */
  readonly userId?: string
  /** Makes every dialog distinct, so its submission can be recognised if delivered twice. */
  readonly nonce?: string
  /** The team a start dialog was opened in: a submission's own `team_id` is whatever its sender wrote. */
  readonly teamId?: string
}

export interface SignedActionContext extends ActionContext {
  readonly signature: string
}

/** The fields every signature covers, `null` when absent. */
const ORIGINAL_FIELDS = ['action', 'incidentId', 'channelId', 'itemId', 'userId', 'nonce'] as const
const FIELDS = [...ORIGINAL_FIELDS, 'teamId'] as const

// `teamId` came later: it is covered only when present, so the signatures of buttons posted before
// it existed still verify. The two forms differ in length, so neither passes for the other.
const canonical = (context: ActionContext) =>
  JSON.stringify([...ORIGINAL_FIELDS.map((field) => context[field] ?? null), ...(context.teamId === undefined ? [] : [context.teamId])])

const mac = (secret: string, context: ActionContext) => createHmac('sha256', secret).update(canonical(context)).digest('base64url')

/**
 * Signs an action context with the bot's secret.
 *
 * @example
 * const context = signContext(secret, { action: 'check', incidentId: 'i1', channelId: 'c1', itemId: 'x' })
 */
export const signContext = (secret: string, context: ActionContext): SignedActionContext => {
  const clean = Object.fromEntries(FIELDS.filter((f) => context[f] !== undefined).map((f) => [f, context[f]])) as unknown as ActionContext
  return { ...clean, signature: mac(secret, clean) }
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined)

/**
 * Checks a context that came back from Mattermost: its signature, and that it is used in the channel
 * it was made for. Returns the context, or `undefined` for anything forged, edited or misplaced.
 *
 * @example
 * const context = verifyContext(secret, body.context, body.channel_id)
 * if (!context) return reply.send({ ephemeral_text: 'This button is not valid.' })
 */
export const verifyContext = (secret: string, raw: unknown, channelId: string | undefined): ActionContext | undefined => {
  if (typeof raw !== 'object' || raw === null) return undefined
  const record = raw as Record<string, unknown>
  const action = str(record.action)
  const incidentId = str(record.incidentId)
  const contextChannel = str(record.channelId)
  const signature = str(record.signature)
  if (action === undefined || incidentId === undefined || contextChannel === undefined || signature === undefined) return undefined
  const context: ActionContext = {
    action,
    incidentId,
    channelId: contextChannel,
    ...(str(record.itemId) !== undefined ? { itemId: str(record.itemId) } : {}),
    ...(str(record.userId) !== undefined ? { userId: str(record.userId) } : {}),
    ...(str(record.nonce) !== undefined ? { nonce: str(record.nonce) } : {}),
    ...(str(record.teamId) !== undefined ? { teamId: str(record.teamId) } : {}),
  }
  const expected = Buffer.from(mac(secret, context))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
  if (channelId !== undefined && channelId !== context.channelId) return undefined
  return context
}
