import { createCommandHandler, manualClock, systemClock, uuidGenerator, type Clock, type Command } from '@incident-kit/core'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { POST_MESSAGE_MAX_RUNES, runeLength } from '../../src/bot/render/post-size.js'
import { seedUsers, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

/** A reply too long for one post, as a team with a long history gets it: whole lines, and a count of the rest. */
const expectWholeLines = (text: string) => {
  expect(runeLength(text)).toBeLessThanOrEqual(POST_MESSAGE_MAX_RUNES)
  expect(text).not.toContain('(cut: too long')
}

describe.skipIf(skipWithoutSharedSpec('long replies end to end'))('replies longer than a Mattermost post, through a fake Mattermost', { timeout: 60_000 }, () => {
  let h: Harness
  let alice: string

  /** Records a command as the CLI or another replica would, at the clock's time. */
  const record = async (command: Command, clock: Clock = systemClock) => {
    const done = await createCommandHandler({ store: h.store, clock, ids: uuidGenerator }).handle(command, { commandId: `${command.type}-${uuidGenerator.next()}`, actorId: alice })
    if (E.isLeft(done)) throw new Error(done.left.message)
  }
  const say = async (channelId: string, text: string) => (await h.fake.sendSlashCommand({ userId: alice, channelId, text })).response?.text ?? ''

  beforeAll(async () => {
    h = await startHarness()
    alice = seedUsers(h, 'alice')[0]!
    await h.startBot()
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
  })
  afterAll(async () => {
    await h?.close()
  })

  it('timeline shows the newest entries, under their own days, and how many earlier ones it leaves out', async () => {
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Long incident' })
    const incidentId = h.fake.state.channels.get(channelId)!.purpose!.split('incident-kit:')[1]!
    const entriesBefore = (await say(channelId, 'timeline')).split('\n').filter((line) => line.startsWith('- `')).length
    // 60 notes the evening before a day far ahead, and 60 on that day: the newest are all on it.
    const clock = manualClock('2030-01-01T22:00:00.000Z')
    for (let n = 0; n < 120; n += 1) {
      if (n === 60) clock.set('2030-01-02T08:00:00.000Z')
      await record({ type: 'AddNote', incidentId, text: `Note ${n}: `.padEnd(250, 'z') }, clock)
      clock.advance(60_000)
    }
    const text = await say(channelId, 'timeline')
    expectWholeLines(text)
    const shown = [...text.matchAll(/Note (\d+):/g)].map((m) => Number(m[1]))
    expect(shown.at(-1)).toBe(119)
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => 120 - shown.length + i))
    expect(text).toContain(`\n_${entriesBefore + 120 - shown.length} earlier entries not shown._\n**2030-01-02** (UTC)\n`)
    expect(text).not.toContain('2030-01-01')
  })

  it('list shows whole rows of active incidents and how many more there are', async () => {
    for (let n = 0; n < 100; n += 1) {
      await record({ type: 'StartIncident', incidentId: `many-${n}`, teamId: h.fake.team.id, name: `Incident ${n} `.padEnd(120, 'n'), commanderId: alice, channelName: `incident-${n}-`.padEnd(64, 'c'), checklists: [] })
    }
    const text = await say(h.fake.townSquare.id, 'list')
    expectWholeLines(text)
    const [table, note, ...rest] = text.split('\n\n')
    const rows = table!.split('\n').slice(3)
    expect(rows.every((row) => /^\| .* \| \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|$/.test(row))).toBe(true)
    // 101 active incidents: the timeline's and these 100.
    expect(note).toBe(`_${101 - rows.length} more active incidents not shown._`)
    expect(rest).toEqual([])
  })

  it('playbook list shows whole lines and how to reach the playbooks it leaves out', async () => {
    for (let n = 1; n <= 200; n += 1) {
      await record({ type: 'CreatePlaybook', playbookId: `pb-${n}`, teamId: h.fake.team.id, title: `Playbook ${String(n).padStart(3, '0')} `.padEnd(100, 'p'), checklists: [] })
    }
    const text = await say(h.fake.townSquare.id, 'playbook list')
    expectWholeLines(text)
    const lines = text.split('\n')
    const numbered = lines.filter((line) => /^\d+\. Playbook \d{3} p+$/.test(line))
    expect(lines.slice(1, numbered.length + 1)).toEqual(numbered)
    expect(lines.slice(numbered.length + 1)).toEqual(['', `_${200 - numbered.length} more not shown (${numbered.length + 1} to 200): \`playbook show <words of its title>\` finds one by title._`])
    expect(await say(h.fake.townSquare.id, 'playbook show Playbook 200')).toContain('#### Playbook 200')
  })

  it('records zero spec violations', () => {
    expect(h.fake.violations).toEqual([])
  })
})
