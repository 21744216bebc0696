import { playbookStreamId } from '@incident-kit/core'
import type { PlaybookRecord } from '@incident-kit/projections'
import type { CommandResponse } from '../../client/index.js'
import type { BotDeps } from '../runtime/bot-deps.js'
import { allowedIf } from './ask-mattermost.js'
import { type Invocation } from './invocation.js'
import { warning } from './replies.js'
import { requireTeamAdmin } from './team-admin.js'

/**
 * Only a playbook's creator (who sent its first event) or an admin of its team may archive it:
 * otherwise anyone in the team could take every playbook out of use. `undefined` when allowed,
 * else the reply naming who may.
 *
 * @example
 * const refused = await requirePlaybookOwner(deps, invocation.userId, playbook)
 */
export const requirePlaybookOwner = async (deps: BotDeps, userId: string, playbook: PlaybookRecord): Promise<CommandResponse | undefined> => {
  const [created] = await deps.store.readStream(playbookStreamId(playbook.playbookId), { toVersion: 1 })
  if (created?.actorId === userId) return undefined
  return requireTeamAdmin(deps, playbook.teamId, userId, async () => {
    const creator = created === undefined ? 'its creator' : `its creator ${await deps.names.mention(created.actorId)}`
    return warning(`Only ${creator} or a team or system admin can archive the playbook **${playbook.title}**.`)
  })
}

/**
 * The ids of the channels a new playbook broadcasts its incidents' status updates to, named as in
 * its `broadcast:` line. Each must be a channel of the team that its creator is a member of: the
 * bot posts there in its own name, so a playbook could otherwise speak in channels its creator
 * cannot. The reply explaining the refusal otherwise.
 *
 * @example
 * const ids = await broadcastChannelIds(deps, invocation, ['status-page'])
 * if (!Array.isArray(ids)) return ids
 */
export const broadcastChannelIds = async (deps: BotDeps, invocation: Invocation, names: readonly string[]): Promise<string[] | CommandResponse> => {
  const ids: string[] = []
  for (const name of names) {
    const channel = await deps.requestApi.getChannelByName(invocation.teamId, name).catch(() => undefined)
    if (!channel) return warning(`there is no channel ~${name} in this team (or Mattermost cannot say right now)`)
    const refused = await allowedIf(deps.membership.isMember(channel.id, invocation.userId), `confirm that you are a member of ~${name}`, () =>
      warning(`a playbook can broadcast only to channels its creator is a member of: join ~${name} first, or leave it out`),
    )
    if (refused) return refused
    ids.push(channel.id)
  }
  return ids
}
