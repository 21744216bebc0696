import { manualClock } from '@incident-kit/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventPosts, eventually, seedUsers, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

/** The bot's clock: a due time in days and a milestone a year back fall on other days than this one. */
const NOW = '2026-03-01T10:00:00.000Z'

describe.skipIf(skipWithoutSharedSpec('dated times end to end'))('times on another day than today, through a fake Mattermost', { timeout: 30_000 }, () => {
  let h: Harness
  let alice: string
  let channelId: string

  /** `/incident <text>` typed by alice in the incident's channel: the reply's text. */
  const say = async (text: string) => (await h.fake.sendSlashCommand({ userId: alice, channelId, text })).response?.text ?? ''
  /** The bot's post in the incident's channel that contains `text`, once it is there. */
  const postWith = (text: string) => eventually(() => eventPosts(h, channelId).find((p) => p.message.includes(text)))

  beforeAll(async () => {
    h = await startHarness()
    ;[alice] = seedUsers(h, 'alice') as [string]
    await h.startBot({ clock: manualClock(NOW) })
    channelId = await startIncidentThroughDialog(h, alice, { name: 'Workers stuck' })
    await say('add section Work')
    await say('add Restart things')
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
  })
  afterAll(async () => {
    await h?.close()
  })

  it('a due time days ahead is told with its date, in the reply and in the channel, as the pinned summary shows it', async () => {
    expect(await say('due 1 3d')).toBe('**Restart things** is due at 2026-03-04 10:00 UTC.')
    const post = await postWith('due at')
    expect(post.message).toContain('set **Restart things** due at 2026-03-04 10:00 UTC')
    const summary = await eventually(() =>
      [...h.fake.state.posts.values()].find((p) => p.channel_id === channelId && p.props.incident_kit_summary && JSON.stringify(p.props.attachments ?? []).includes('due 2026-03-04 10:00 UTC')),
    )
    expect(summary.is_pinned).toBe(true)
  })

  it('a milestone marked at a time on another day is told with its date, in the reply and in the channel', async () => {
    expect(await say('milestone detected at 2025-01-05T09:00Z')).toBe('Marked **detected** at 2025-01-05 09:00 UTC.')
    const post = await postWith('marked **detected**')
    expect(post.message).toContain('marked **detected** at 2025-01-05 09:00 UTC')
  })

  it('records zero spec violations', () => {
    expect(h.fake.violations).toEqual([])
  })
})
