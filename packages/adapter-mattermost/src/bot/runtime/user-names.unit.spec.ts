import { manualClock } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import { MATTERMOST_UNAVAILABLE, MattermostRequestError, MattermostUnavailableError, type MattermostApi, type MattermostUser } from '../../client/index.js'
import { createUserNameCache, ID_TO_NAME_MAX_AGE_MS, NAME_TO_ID_MAX_AGE_MS } from './user-name-cache.js'
import { deliveryUserNames, replyUserNames } from './user-names.js'

/** Mattermost's users, renamed by the tests, counting the lookups the bot makes. */
const fakeDirectory = (initial: Readonly<Record<string, string>>) => {
  const usernames = new Map(Object.entries(initial))
  const asked: string[] = []
  let failure: Error | undefined
  const user = (id: string): MattermostUser => ({ id, username: usernames.get(id)! })
  const api = {
    getUser: async (id: string) => {
      asked.push(id)
      if (failure) throw failure
      if (!usernames.has(id)) throw new MattermostRequestError(404, 'app.user.missing_account.const', 'GET', `/users/${id}`, 'not found')
      return user(id)
    },
    getUserByUsername: async (name: string) => {
      asked.push(`@${name}`)
      const id = [...usernames].find(([, username]) => username === name.toLowerCase())?.[0]
      return id === undefined ? undefined : user(id)
    },
  } as unknown as MattermostApi
  return {
    api,
    asked,
    rename: (id: string, username: string) => void usernames.set(id, username),
    /** From now on, `getUser` fails so (`undefined`: answers again). */
    failWith: (error: Error | undefined) => void (failure = error),
  }
}

const setUp = (users: Readonly<Record<string, string>>, maxUsers?: number) => {
  const clock = manualClock('2024-05-01T10:00:00.000Z')
  const directory = fakeDirectory(users)
  const cache = createUserNameCache(clock, maxUsers === undefined ? {} : { maxUsers })
  return { clock, directory, names: replyUserNames(directory.api, cache), deliveryNames: deliveryUserNames(directory.api, cache) }
}

describe('user names', () => {
  it('asks Mattermost again who holds a name a command gives, once the answer is two minutes old', async () => {
    const { clock, directory, names } = setUp({ a: 'carol' })
    expect(await names.idOf('@carol')).toBe('a')
    directory.rename('a', 'carol.old')
    directory.rename('b', 'carol')
    clock.advance(NAME_TO_ID_MAX_AGE_MS - 1)
    expect(await names.idOf('carol')).toBe('a')
    clock.advance(1)
    expect(await names.idOf('carol')).toBe('b')
  })

  it('asks Mattermost again what a user is called, once the answer is ten minutes old', async () => {
    const { clock, directory, names } = setUp({ a: 'carol' })
    expect(await names.mention('a')).toBe('@carol')
    directory.rename('a', 'caroline')
    clock.advance(ID_TO_NAME_MAX_AGE_MS - 1)
    expect([await names.mention('a'), names.knownMention('a')]).toEqual(['@carol', '@carol'])
    clock.advance(1)
    expect(names.knownMention('a')).toBeUndefined()
    expect(await names.mention('a')).toBe('@caroline')
  })

  it("forgets the former holder's name at once when Mattermost says the name moved", async () => {
    const { clock, directory, names } = setUp({ a: 'carol' })
    expect(await names.mention('a')).toBe('@carol')
    directory.rename('a', 'carol.old')
    directory.rename('b', 'carol')
    clock.advance(NAME_TO_ID_MAX_AGE_MS)
    expect(await names.idOf('carol')).toBe('b')
    expect(names.knownMention('a')).toBeUndefined()
    expect(await names.mention('a')).toBe('@carol.old')
  })

  it('remembers at most `maxUsers`, the least recently used forgotten first', async () => {
    const { directory, names } = setUp({ a: 'alice', b: 'bob', c: 'carol' }, 2)
    for (const id of ['a', 'b', 'a', 'c', 'a', 'b']) await names.mention(id)
    expect(directory.asked).toEqual(['a', 'b', 'c', 'b'])
  })

  describe('while Mattermost cannot say a name', () => {
    const unavailable = new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, 'Mattermost answered 503 three times', 3, undefined)

    it('a reply mentions the raw id, and a delivery throws so that it is tried again', async () => {
      const { directory, names, deliveryNames } = setUp({ a: 'alice' })
      directory.failWith(unavailable)
      expect(await names.mention('a')).toBe('a')
      await expect(deliveryNames.mention('a')).rejects.toBe(unavailable)
      directory.failWith(undefined)
      expect(await deliveryNames.mention('a')).toBe('@alice')
    })

    it('a delivery mentions the raw id of a user Mattermost does not have: asking again cannot help', async () => {
      const { deliveryNames } = setUp({})
      expect(await deliveryNames.mention('gone')).toBe('gone')
    })

    it('both views share what Mattermost said', async () => {
      const { directory, names, deliveryNames } = setUp({ a: 'alice' })
      expect(await deliveryNames.mention('a')).toBe('@alice')
      directory.failWith(unavailable)
      expect(await names.mention('a')).toBe('@alice')
    })
  })
})
