import { describe, expect, it } from 'vitest'
import { INVALID_BOT_SETTING, parseBotSettings } from './bot-settings.js'

const env = {
  MATTERMOST_URL: 'https://chat.example.com/',
  MATTERMOST_BOT_TOKEN: 'botsecrettoken',
  MATTERMOST_SLASH_TOKEN: 'ops=tokenone, Dev = tokentwo',
  PUBLIC_URL: 'https://bot.example.com',
}

const failure = (input: Record<string, string | undefined>, flags = {}) => {
  try {
    parseBotSettings(input, flags)
  } catch (error) {
    return error as { code: string; setting: string; message: string }
  }
  throw new Error('expected a failure')
}

describe('parseBotSettings', () => {
  it('reads the environment with defaults', () => {
    const settings = parseBotSettings(env)
    expect(settings).toMatchObject({
      mattermostUrl: 'https://chat.example.com',
      slashTokens: [
        { team: 'ops', token: 'tokenone' },
        { team: 'dev', token: 'tokentwo' },
      ],
      port: 3000,
      publicUrl: 'https://bot.example.com',
      trigger: 'incident',
      reactionEmoji: 'rotating_light',
    })
    expect(settings.signingSecret).not.toContain('botsecrettoken')
    expect(settings.signingSecret).toBe(parseBotSettings(env).signingSecret)
  })

  it('needs the slash token to serve, but not to register the slash command that creates it', () => {
    const withoutSlashToken = { ...env, MATTERMOST_SLASH_TOKEN: undefined }
    expect(failure(withoutSlashToken)).toMatchObject({ code: INVALID_BOT_SETTING, setting: 'MATTERMOST_SLASH_TOKEN' })
    expect(parseBotSettings(withoutSlashToken, {}, { requireSlashToken: false }).slashTokens).toEqual([])
    expect(parseBotSettings(env, {}, { requireSlashToken: false }).slashTokens).toHaveLength(2)
  })

  it('refuses a slash token without its team, saying how to write the entry', () => {
    const error = failure({ ...env, MATTERMOST_SLASH_TOKEN: 'ops=tokenone,unboundsecret' })
    expect(error).toMatchObject({ code: INVALID_BOT_SETTING, setting: 'MATTERMOST_SLASH_TOKEN' })
    expect(error.message).toContain('entry 2 is a token without its team')
    expect(error.message).toContain('<team>=<token>')
    expect(error.message).toContain('--register')
    expect(error.message).not.toContain('unboundsecret')
  })

  it('refuses one token bound to two teams', () => {
    const error = failure({ ...env, MATTERMOST_SLASH_TOKEN: 'ops=samesecret,dev=samesecret' })
    expect(error.message).toContain('entry 2 repeats the token of an earlier entry')
    expect(error.message).not.toContain('samesecret')
  })

  it('takes a signing secret of 32 characters or more, and refuses a shorter one without showing it', () => {
    const secret = 'x'.repeat(32)
    expect(parseBotSettings({ ...env, INCIDENT_KIT_SIGNING_SECRET: secret }).signingSecret).toBe(secret)
    const error = failure({ ...env, INCIDENT_KIT_SIGNING_SECRET: 'shortsecret' })
    expect(error).toMatchObject({ code: INVALID_BOT_SETTING, setting: 'INCIDENT_KIT_SIGNING_SECRET' })
    expect(error.message).toContain('at least 32 characters')
    expect(error.message).not.toContain('shortsecret')
  })

  it('lets flags override the environment', () => {
    expect(parseBotSettings(env, { port: 8080, trigger: '/inc' })).toMatchObject({ port: 8080, trigger: 'inc' })
  })

  it('reads a default verbosity and per-team values', () => {
    expect(parseBotSettings(env).verbosity).toEqual({ default: 'all', byTeam: {} })
    expect(parseBotSettings({ ...env, INCIDENT_VERBOSITY: 'key, Ops=assignees' }).verbosity).toEqual({ default: 'key', byTeam: { ops: 'assignees' } })
  })

  it.each([
    ['INCIDENT_VERBOSITY', { ...env, INCIDENT_VERBOSITY: 'loud' }],
    ['INCIDENT_VERBOSITY', { ...env, INCIDENT_VERBOSITY: '=key' }],
    ['MATTERMOST_URL', { ...env, MATTERMOST_URL: undefined }],
    ['MATTERMOST_URL', { ...env, MATTERMOST_URL: 'ftp://chat' }],
    ['MATTERMOST_BOT_TOKEN', { ...env, MATTERMOST_BOT_TOKEN: ' ' }],
    ['MATTERMOST_SLASH_TOKEN', { ...env, MATTERMOST_SLASH_TOKEN: 'ops=a,,dev=b' }],
    ['MATTERMOST_SLASH_TOKEN', { ...env, MATTERMOST_SLASH_TOKEN: 'the ops team=a' }],
    ['MATTERMOST_SLASH_TOKEN', { ...env, MATTERMOST_SLASH_TOKEN: 'ops=not a token' }],
    ['PORT', { ...env, PORT: '70000' }],
    ['PORT', { ...env, PORT: '3e3' }],
    ['PUBLIC_URL', { ...env, PUBLIC_URL: 'not a url' }],
    ['INCIDENT_TRIGGER', { ...env, INCIDENT_TRIGGER: 'two words' }],
  ])('names %s when it is missing or malformed', (setting, input) => {
    const error = failure(input)
    expect(error.code).toBe(INVALID_BOT_SETTING)
    expect(error.setting).toBe(setting)
    expect(error.message.startsWith(setting)).toBe(true)
  })

  it.each([
    ['--port', 'PORT', { port: 'abc' }],
    ['--verbosity', 'INCIDENT_VERBOSITY', { verbosity: 'loud' }],
    ['--mattermost-url', 'MATTERMOST_URL', { mattermostUrl: 'not-a-url' }],
    ['--public-url', 'PUBLIC_URL', { publicUrl: 'ftp://bot' }],
    ['--bot-token', 'MATTERMOST_BOT_TOKEN', { botToken: 'has a space' }],
    ['--slash-token', 'MATTERMOST_SLASH_TOKEN', { slashToken: 'ops=a,,dev=b' }],
    ['--trigger', 'INCIDENT_TRIGGER', { trigger: 'two words' }],
    ['--reaction-emoji', 'INCIDENT_REACTION_EMOJI', { reactionEmoji: 'no emoji' }],
  ])('names the flag %s when the malformed value came from it (the setting is still %s)', (flag, setting, flags) => {
    const error = failure(env, flags)
    expect(error).toMatchObject({ code: INVALID_BOT_SETTING, setting })
    expect(error.message.startsWith(`${flag}: `)).toBe(true)
  })

  it('never puts a secret into an error message', () => {
    const error = failure({ ...env, MATTERMOST_BOT_TOKEN: 'has a space secret', MATTERMOST_SLASH_TOKEN: 'ops=x' })
    expect(error.message).not.toContain('secret')
  })
})
