import * as E from 'fp-ts/lib/Either.js'
import { createCommandHandler, type Clock, type EventStore } from '@incident-kit/core'
import { failure } from '../cli/cli-errors.js'
import { buildPipelinePlaybook } from './build-pipeline.js'
import { informationSecurityPlaybook } from './information-security.js'
import { nameBasedId, nameBasedIds } from './name-based-id.js'
import { siteReliabilityPlaybook } from './site-reliability.js'
import type { StarterPlaybook } from './starter-playbook.js'
import { urgentSupportPlaybook } from './urgent-support.js'

/** The playbooks `playbooks seed` installs, one per area the project serves first. */
export const STARTER_PLAYBOOKS: readonly StarterPlaybook[] = [
  informationSecurityPlaybook,
  siteReliabilityPlaybook,
  buildPipelinePlaybook,
  urgentSupportPlaybook,
]

/**
 * The id a starter playbook gets in a team: the same on every run and every machine.
 *
 * @example
 * starterPlaybookId('team-1', 'information-security') // a uuid, always the same for these two
 */
export const starterPlaybookId = (teamId: string, key: string) => nameBasedId('starter-playbook', teamId, key)

export interface SeededPlaybook {
  readonly playbookId: string
  readonly title: string
  /** False when the team had it already (seeding again changes nothing). */
  readonly created: boolean
}

export interface SeedPlaybooksOptions {
  readonly store: EventStore
  readonly clock: Clock
  readonly teamId: string
  readonly actorId: string
}

/**
 * Installs the starter playbooks in a team. Idempotent: playbook ids, command ids and event ids
 * are derived from the team and the playbook, so a second run finds them and appends nothing, and
 * two databases seeded for the same team hold the same events (their logs import into each other).
 * A playbook the team has since edited or archived is left as it is.
 *
 * @example
 * await seedStarterPlaybooks({ store, clock: systemClock, teamId: 'team-1', actorId: 'admin' }) // four SeededPlaybook
 */
export const seedStarterPlaybooks = async ({ store, clock, teamId, actorId }: SeedPlaybooksOptions): Promise<SeededPlaybook[]> => {
  const seeded: SeededPlaybook[] = []
  for (const { key, ...content } of STARTER_PLAYBOOKS) {
    const playbookId = starterPlaybookId(teamId, key)
    const handler = createCommandHandler({ store, clock, ids: nameBasedIds(`starter-playbook-events:${teamId}:${key}`) })
    const existing = await handler.loadPlaybook(playbookId)
    if (E.isLeft(existing)) throw failure(`cannot read playbook ${playbookId}: ${existing.left.message}`)
    if (existing.right.status !== 'none') {
      seeded.push({ playbookId, title: existing.right.title, created: false })
      continue
    }
    const result = await handler.handle(
      { type: 'CreatePlaybook', playbookId, teamId, ...content },
      { commandId: nameBasedId('seed-starter-playbook', teamId, key), actorId },
    )
    if (E.isLeft(result)) throw failure(`cannot create playbook "${content.title}": ${result.left.message}`)
    seeded.push({ playbookId, title: content.title, created: true })
  }
  return seeded
}
