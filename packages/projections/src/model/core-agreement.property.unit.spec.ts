import { decodeEvent, foldIncident, initialIncidentState, orderedItems, type IncidentEvent, type StoredEvent } from '@incident-kit/core'
import fc from 'fast-check'
import type * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { checklistProgress, currentItems, incidentDetail, itemDurations, timeline } from '../index.js'
import { modelOf } from '../../test/build-model.js'
import { logOf, sessionArbitrary } from '../../test/generated-log.js'

/** The core's own fold of one incident's stream: the rules' view of the same events. */
const coreState = (log: Awaited<ReturnType<typeof logOf>>, incidentId: string) =>
  foldIncident(
    initialIncidentState,
    log
      .filter((e) => e.streamId === `incident-${incidentId}`)
      .map((e) => (decodeEvent(e) as E.Right<StoredEvent<IncidentEvent>>).right),
  )

describe('the read model agrees with the core', () => {
  it('on status, commander, reminders, metadata, milestones and every current item', async () => {
    await fc.assert(
      fc.asyncProperty(sessionArbitrary, async (session) => {
        const log = await logOf(session)
        const model = modelOf(log)
        for (const incidentId of ['i1', 'i2']) {
          const core = coreState(log, incidentId)
          const incident = model.incidents[incidentId]!
          expect({ status: incident.status, commanderId: incident.commanderId, name: incident.name, endedAt: incident.endedAt }).toEqual({
            status: core.status,
            commanderId: core.commanderId,
            name: core.name,
            endedAt: core.endedAt,
          })
          expect({
            statusUpdateIntervalMinutes: incident.statusUpdateIntervalMinutes,
            lastReminderDueAt: incident.lastReminderDueAt,
            lastStatusUpdateAt: incident.statusUpdates.at(-1)?.at ?? null,
          }).toEqual({
            statusUpdateIntervalMinutes: core.statusUpdateIntervalMinutes,
            lastReminderDueAt: core.lastReminderDueAt,
            lastStatusUpdateAt: core.lastStatusUpdateAt,
          })
          expect(incident.metadata).toEqual(core.metadata)
          expect(Object.fromEntries(incident.milestones.map((m) => [m.milestone, m.at]))).toEqual(core.milestones)
          expect(incident.sections.map((s) => [s.sectionId, s.title])).toEqual(core.sections.map((s) => [s.sectionId, s.title]))
          const pick = ({ itemId, sectionId, title, state, assigneeId, dueAt, command, lastCompletedAt }: ReturnType<typeof orderedItems>[number]) =>
            ({ itemId, sectionId, title, state, assigneeId, dueAt, command, lastCompletedAt })
          expect(currentItems(incident).map(pick)).toEqual(orderedItems(core).map(pick))
          const progress = checklistProgress(incident)
          expect(progress.done + progress.open).toBe(progress.total)
          expect(incident.timeline).toHaveLength(core.version)
        }
      }),
      { numRuns: 120 },
    )
  })

  it('keeps views consistent with each other', async () => {
    await fc.assert(
      fc.asyncProperty(sessionArbitrary, async (session) => {
        const log = await logOf(session)
        const model = modelOf(log)
        for (const incidentId of ['i1', 'i2']) {
          const detail = incidentDetail(model, incidentId)!
          const durations = itemDurations(model, incidentId)!
          const items = detail.sections.flatMap((s) => s.items)
          expect(durations.map((d) => d.itemId).sort()).toEqual(items.map((i) => i.itemId).sort())
          for (const row of durations) {
            const checks = timeline(model, incidentId, { types: ['checklist.item_checked'] })!.filter(
              (e) => (model.incidents[incidentId]!.timeline.find((t) => t.position === e.position)!.data as { itemId: string }).itemId === row.itemId,
            )
            expect(row.timesChecked).toBe(checks.length)
            expect(row.firstCompletedAt).toBe(checks[0]?.occurredAt ?? null)
            expect(row.lastCompletedAt).toBe(checks.at(-1)?.occurredAt ?? null)
            expect(row.msFromAdded !== null).toBe(row.state === 'checked')
          }
          const ended = model.incidents[incidentId]!
          expect(detail.commanderHistory.at(-1)!.commanderId).toBe(ended.commanderId)
        }
      }),
      { numRuns: 60 },
    )
  })
})
