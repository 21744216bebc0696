import { describe, expect, it, vi } from 'vitest'
import { MATTERMOST_UNAVAILABLE, MattermostUnavailableError, type MattermostApi, type MattermostTeam } from '../../client/index.js'
import { createSlashTeamCheck } from './slash-team-check.js'

const teams: Record<string, MattermostTeam> = { ops: { id: 'opsid', name: 'ops', display_name: 'Ops' } }
const apiWith = (getTeamByName: MattermostApi['getTeamByName']) => ({ getTeamByName: vi.fn(getTeamByName) })

describe('the team of a slash request', () => {
  it("is the token's team when the ids match", async () => {
    const api = apiWith(async () => undefined)
    const teamOf = createSlashTeamCheck(api as unknown as MattermostApi)
    expect(await teamOf({ team: 'opsid', token: 't' }, { teamId: 'opsid', teamDomain: 'ops' })).toBe('bound')
    expect(await teamOf({ team: 'opsid', token: 't' }, { teamId: 'devid', teamDomain: 'ops' })).toBe('foreign')
    expect(api.getTeamByName).not.toHaveBeenCalled()
  })

  it("is the token's team by name only when Mattermost says that name is the request's team id", async () => {
    const api = apiWith(async (name) => teams[name])
    const teamOf = createSlashTeamCheck(api as unknown as MattermostApi)
    const ops = { team: 'ops', token: 't' }
    expect(await teamOf(ops, { teamId: 'opsid', teamDomain: 'Ops' })).toBe('bound')
    expect(await teamOf(ops, { teamId: 'devid', teamDomain: 'ops' })).toBe('foreign')
    expect(await teamOf(ops, { teamId: 'devid', teamDomain: 'dev' })).toBe('foreign')
    expect(api.getTeamByName).toHaveBeenCalledTimes(1)
  })

  it('is unconfirmed while Mattermost cannot be asked, and asked again next time', async () => {
    const api = apiWith(async () => {
      throw new MattermostUnavailableError(MATTERMOST_UNAVAILABLE, 'down', 2, undefined)
    })
    const teamOf = createSlashTeamCheck(api as unknown as MattermostApi)
    expect(await teamOf({ team: 'ops', token: 't' }, { teamId: 'opsid', teamDomain: 'ops' })).toBe('unconfirmed')
    api.getTeamByName.mockImplementation(async (name) => teams[name])
    expect(await teamOf({ team: 'ops', token: 't' }, { teamId: 'opsid', teamDomain: 'ops' })).toBe('bound')
  })
})
