import * as E from 'fp-ts/lib/Either.js'
import type { IncidentRecord } from '@incident-kit/projections'
import type { BotDeps } from '../runtime/bot-deps.js'

const MINUTE_MS = 60_000

/**
 * When the next reminder of an incident falls due: its interval after the last status update (or
 * the start). `undefined` for an incident that is not active.
 *
 * @example
 * reminderDueAt(incident) // '2026-03-01T09:30:00.000Z' for a start at 09:00 and the default 30 minutes
 */
const reminderDueAt = (incident: IncidentRecord): string | undefined => {
  if (incident.status !== 'active') return undefined
  const since = incident.statusUpdates.at(-1)?.at ?? incident.startedAt
  return new Date(Date.parse(since) + incident.statusUpdateIntervalMinutes * MINUTE_MS).toISOString()
}

/**
 * One pass of the reminder scheduler: for each active incident whose reminder is due and not yet
 * recorded, records `incident.status_reminder_sent` (the notifier then messages the commander).
 * The schedule comes from the read model (the log alone) and the command id names the due time,
 * so a restart or a second replica never reminds twice; no incident's stream is read unless its
 * reminder is due.
 *
 * @example
 * setInterval(() => void remindDueIncidents(deps, botUserId), 30_000)
 */
const remindDueIncidents = async (deps: BotDeps, botUserId: string): Promise<number> => {
  const model = await deps.model.refresh()
  const now = Date.parse(deps.clock.now())
  let recorded = 0
  for (const incident of Object.values(model.incidents)) {
    const dueAt = reminderDueAt(incident)
    if (dueAt === undefined || Date.parse(dueAt) > now || incident.lastReminderDueAt === dueAt) continue
    const result = await deps.handler.handle(
      { type: 'RecordStatusReminder', incidentId: incident.incidentId, dueAt },
      { commandId: `status-reminder-${incident.incidentId}-${dueAt}`, actorId: botUserId },
    )
    if (E.isRight(result) && result.right.length > 0) recorded += 1
  }
  return recorded
}

/**
 * Runs `remindDueIncidents` every `intervalMs` until stopped. A tick while a pass still runs is
 * skipped: a pass slower than the interval (Mattermost or the database slow) would otherwise queue
 * one more pass per tick, each adding load to what is already slow. The next tick catches up.
 *
 * @example
 * const stop = startStatusReminders(deps, botUserId, 30_000)
 */
export const startStatusReminders = (deps: BotDeps, botUserId: string, intervalMs: number): (() => Promise<void>) => {
  const pass = async () => {
    try {
      await remindDueIncidents(deps, botUserId)
    } catch (error) {
      deps.logger.warn({ err: String(error) }, 'status reminder pass failed; next pass retries')
    }
  }
  let running: Promise<void> | undefined
  const timer = setInterval(() => {
    if (running) return
    running = pass().finally(() => {
      running = undefined
    })
  }, intervalMs)
  return async () => {
    clearInterval(timer)
    await running
  }
}
