import { describe, expect, it } from 'vitest'
import { MATTERMOST_UNAVAILABLE, MattermostUnavailableError, type MattermostApi } from '../../client/index.js'
import { createMembership } from './membership.js'

const unavailable = new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, 'Mattermost answered 503 three times', 3, undefined)

/** Mattermost's channel members, and a switch to make it stop answering. */
const fakeChannels = (members: readonly string[]) => {
  let up = true
  const api = {
    isChannelMember: async (channelId: string, userId: string) => {
      if (!up) throw unavailable
      return members.includes(`${channelId}/${userId}`)
    },
  } as unknown as MattermostApi
  return { api, goDown: () => void (up = false) }
}

describe('membership', () => {
  it('while Mattermost is down, answers what it saw last: an earlier answer, a join, a leave', async () => {
    const chat = fakeChannels(['war-room/alice'])
    const membership = createMembership(chat.api)
    expect(await membership.isMember('war-room', 'alice')).toBe(true)
    membership.learn('war-room', 'bob', true)
    membership.learn('war-room', 'carol', true)
    membership.learn('war-room', 'carol', false)
    chat.goDown()
    expect(await Promise.all(['alice', 'bob', 'carol'].map((user) => membership.isMember('war-room', user)))).toEqual([true, true, false])
    await expect(membership.isMember('war-room', 'dave')).rejects.toBe(unavailable)
  })

  it('remembers at most `maxRemembered` memberships, the least recently used forgotten first', async () => {
    const chat = fakeChannels([])
    const membership = createMembership(chat.api, { maxRemembered: 2 })
    membership.learn('town-square', 'alice', true)
    membership.learn('war-room', 'bob', true)
    membership.learn('town-square', 'carol', true)
    chat.goDown()
    await expect(membership.isMember('town-square', 'alice')).rejects.toBe(unavailable)
    expect(await membership.isMember('war-room', 'bob')).toBe(true)
    membership.learn('town-square', 'dave', true)
    expect(await membership.isMember('war-room', 'bob')).toBe(true)
    await expect(membership.isMember('town-square', 'carol')).rejects.toBe(unavailable)
  })
})
