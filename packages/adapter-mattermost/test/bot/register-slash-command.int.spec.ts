import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMattermostApi, registerSlashCommand, UNKNOWN_TEAM } from '../../src/index.js'
import { skipWithoutSharedSpec, startFakeMattermost, type FakeMattermost } from '../fake-mattermost/index.js'

describe.skipIf(skipWithoutSharedSpec('--register'))('registerSlashCommand (--register TEAM)', () => {
  let fake: FakeMattermost
  beforeAll(async () => {
    fake = await startFakeMattermost({ botRoles: 'system_user system_admin' })
  })
  afterAll(async () => {
    await fake?.close()
  })

  const settings = (publicUrl: string) => ({
    mattermostUrl: '', botToken: '', slashTokens: [], port: 3000, publicUrl, trigger: 'inc', reactionEmoji: 'rotating_light', signingSecret: 's',
  })

  it('creates the command, then updates it in place, giving its token bound to the team', async () => {
    const api = createMattermostApi({ url: fake.url, token: fake.bot.token })
    const first = await registerSlashCommand(api, settings('https://bot.example.com'), fake.team.name)
    expect(first.created).toBe(true)
    expect(first.command).toMatchObject({ trigger: 'inc', url: 'https://bot.example.com/mattermost/slash', method: 'P' })
    expect(first.command.token).toMatch(/^[a-z0-9]{26}$/)
    expect(first.settingEntry).toBe(`ops=${first.command.token}`)
    const second = await registerSlashCommand(api, settings('https://bot2.example.com'), fake.team.name)
    expect(second).toMatchObject({ created: false, command: { id: first.command.id, url: 'https://bot2.example.com/mattermost/slash' } })
    expect(fake.violations).toEqual([])
  })

  it('names an unknown team', async () => {
    const api = createMattermostApi({ url: fake.url, token: fake.bot.token })
    await expect(registerSlashCommand(api, settings('https://bot.example.com'), 'nope')).rejects.toMatchObject({ code: UNKNOWN_TEAM })
  })
})
