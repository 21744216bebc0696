import * as E from 'fp-ts/lib/Either.js'
import type { IncidentState } from '@incident-kit/core'
import type { BotDeps } from '../runtime/bot-deps.js'

const MINUTE_MS = 60_000

/**
 * When the next reminder of an incident falls due: its interval after the last status update (or
 * the start). `undefined` for an incident that is not active.
 *
 * @example
 * reminderDueAt(state) // '2026-03-01T09:30:00.000Z' for a start at 09:00 and the default 30 minutes
 */
const reminderDueAt = (state: IncidentState): string | undefined => {
  const since = state.lastStatusUpdateAt ?? state.startedAt
  if (state.status !== 'active' || since === null) return undefined
  return new Date(Date.parse(since) + state.statusUpdateIntervalMinutes * MINUTE_MS).toISOString()
}

/**
 * One pass of the reminder scheduler: for each active incident whose reminder is due and not yet
 * recorded, records `incident.status_reminder_sent` (the notifier then messages the commander).
 * The schedule comes from the log alone and the command id names the due time, so a restart or a
 * second replica never reminds twice.
 *
 * @example
 * setInterval(() => void remindDueIncidents(deps, botUserId), 30_000)
 */
const remindDueIncidents = async (deps: BotDeps, botUserId: string): Promise<number> => {
  const model = await deps.model.refresh()
  const now = Date.parse(deps.clock.now())
  let recorded = 0
  for (const incident of Object.values(model.incidents)) {
    if (incident.status !== 'active') continue
    const loaded = await deps.handler.loadIncident(incident.incidentId)
    if (E.isLeft(loaded)) continue
    const dueAt = reminderDueAt(loaded.right)
    if (dueAt === undefined || Date.parse(dueAt) > now || loaded.right.lastReminderDueAt === dueAt) continue
    const result = await deps.handler.handle(
      { type: 'RecordStatusReminder', incidentId: incident.incidentId, dueAt },
      { commandId: `status-reminder-${incident.incidentId}-${dueAt}`, actorId: botUserId },
    )
    if (E.isRight(result) && result.right.length > 0) recorded += 1
  }
  return recorded
}

/**
 * Runs `remindDueIncidents` every `intervalMs` until stopped.
 *
 * @example
 * const stop = startStatusReminders(deps, botUserId, 30_000)
 */
export const startStatusReminders = (deps: BotDeps, botUserId: string, intervalMs: number): (() => Promise<void>) => {
  let running: Promise<unknown> = Promise.resolve()
  const timer = setInterval(() => {
    running = running
      .then(() => remindDueIncidents(deps, botUserId))
      .catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'status reminder pass failed; next pass retries'))
  }, intervalMs)
  return async () => {
    clearInterval(timer)
    await running
  }
}
