import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, createInMemoryEventStore, orderedItems, systemClock, readWholeLog, uuidGenerator } from '@incident-kit/core'
import type { Clock, IncidentCommand } from '@incident-kit/core'
import { activeIncidents, buildReadModel } from '@incident-kit/projections'

/**
 * The core inside any chat bot: text in, text out, an in-memory store. Wire `onMessage` to your
 * chat SDK's message event. Commands: start <name> · add <item> · check <n> · status <text> · end · list
 */
export const createTinyIncidentBot = ({ teamId, clock = systemClock }: { teamId: string; clock?: Clock }) => {
  const store = createInMemoryEventStore()
  const handler = createCommandHandler({ store, clock, ids: uuidGenerator })
  let incidentId = ''
  const run = async (actorId: string, command: IncidentCommand, ok: string) => {
    const result = await handler.handle(command, { commandId: randomUUID(), actorId })
    return E.isLeft(result) ? `Sorry: ${result.left.message}` : ok
  }
  const itemIdAt = async (n: number) => {
    const state = await handler.loadIncident(incidentId)
    return E.isRight(state) ? (orderedItems(state.right)[n - 1]?.itemId ?? `no-item-${n}`) : `no-item-${n}`
  }
  const list = async () => {
    const model = buildReadModel(await readWholeLog(store))
    if (E.isLeft(model)) return model.left.message
    const lines = activeIncidents(model.right, teamId).map((i) => `${i.name}: @${i.commanderId}, ${i.progress.done}/${i.progress.total} done`)
    return lines.length > 0 ? lines.join('\n') : 'No active incidents.'
  }

  const onMessage = async (actorId: string, text: string): Promise<string> => {
    const [verb = '', ...words] = text.trim().split(/\s+/)
    const rest = words.join(' ')
    const on = { incidentId }
    switch (verb) {
      case 'start':
        incidentId = randomUUID()
        return run(actorId, { type: 'StartIncident', incidentId, teamId, name: rest, checklists: [{ sectionId: 'steps', title: 'Steps', items: [] }] }, `Started "${rest}". You are the commander.`)
      case 'add':
        return run(actorId, { type: 'AddItem', ...on, sectionId: 'steps', title: rest }, `Added "${rest}".`)
      case 'check':
        return run(actorId, { type: 'CheckItem', ...on, itemId: await itemIdAt(Number(rest)) }, `Checked item ${rest}.`)
      case 'status':
        return run(actorId, { type: 'PostStatusUpdate', ...on, message: rest }, 'Status update posted.')
      case 'end':
        return run(actorId, { type: 'EndIncident', ...on }, 'Incident ended.')
      case 'list':
        return list()
      default:
        return 'Commands: start <name> · add <item> · check <n> · status <text> · end · list'
    }
  }
  return { onMessage, store }
}
