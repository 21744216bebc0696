import { createCommandHandler, systemClock, uuidGenerator } from '@incident-kit/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { skipWithoutSharedSpec } from '../fake-mattermost/index.js'
import { eventually, seedUsers, slashTo, startHarness, startIncidentThroughDialog, type Harness } from './bot-harness.js'

const eventsOfType = async (h: Harness, type: string) => (await h.store.readAll({ after: '', limit: 100_000 })).events.filter((e) => e.type === type)

describe.skipIf(skipWithoutSharedSpec('playbook titles end to end'))('one active playbook per title in a team, through a fake Mattermost', { timeout: 30_000 }, () => {
  let h: Harness
  let alice: string
  let mallory: string

  /** `/incident <text>` typed by `userId` in Town Square: the reply's text. */
  const say = async (userId: string, text: string) => (await h.fake.sendSlashCommand({ userId, channelId: h.fake.townSquare.id, text })).response?.text ?? ''
  /** The playbook options of a start dialog opened by alice (left unsubmitted). */
  const offeredPlaybooks = async () => {
    const before = h.fake.state.dialogsOpened.length
    await say(alice, 'start')
    const dialog = await eventually(() => h.fake.state.dialogsOpened[before])
    return dialog.dialog.elements.find((e) => e.name === 'playbook')?.options ?? []
  }
  /** A playbook recorded straight in the log, as before `playbook create` refused taken titles. */
  const recordPlaybook = (playbookId: string, teamId: string, title: string) =>
    createCommandHandler({ store: h.store, clock: systemClock, ids: uuidGenerator }).handle(
      { type: 'CreatePlaybook', playbookId, teamId, title, checklists: [{ sectionId: 's1', title: 'Steps', items: [{ itemId: 'i1', title: `Step of ${playbookId}` }] }] },
      { commandId: `record-${playbookId}`, actorId: mallory },
    )

  beforeAll(async () => {
    h = await startHarness()
    ;[alice, mallory] = seedUsers(h, 'alice', 'mallory') as [string, string]
    await h.startBot()
  })
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(h.logs.join('\n'))
  })
  afterAll(async () => {
    await h?.close()
  })

  it('refuses a title an active playbook of the team has, however its case, spacing or punctuation differ', async () => {
    expect(await say(alice, 'playbook create Database outage\n## Triage\n- Check dashboards')).toContain('Created the playbook **Database outage**')
    const taken =
      ':warning: this team already has a playbook titled **Database outage** (number 1 in `playbook list`; `playbook show 1` shows it). Give the new playbook another title.'
    for (const title of ['Database outage', '  DATABASE OUTAGE  ', 'database-outage!']) {
      expect(await say(mallory, `playbook create ${title}\nbroadcast: ~town-square\n## Triage\n- Post here`)).toBe(taken)
    }
    expect(await eventsOfType(h, 'playbook.created')).toHaveLength(1)
    expect((await offeredPlaybooks()).map((o) => o.text)).toEqual(['Database outage'])
  })

  it('takes a title only an archived playbook or another team has, and a redelivered create answers as the first did', async () => {
    expect(await say(alice, 'playbook create Failover drill')).toContain('Created the playbook **Failover drill**')
    expect(await say(alice, 'playbook archive failover drill')).toBe('Archived the playbook **Failover drill**.')
    expect(await say(alice, 'playbook create Failover drill')).toContain('Created the playbook **Failover drill**')
    await recordPlaybook('elsewhere', 'another-team', 'Cache flush')
    const create = { userId: alice, userName: 'alice', channelId: h.fake.townSquare.id, text: 'playbook create Cache flush', triggerId: 'cache-flush-1' }
    for (let delivery = 1; delivery <= 2; delivery += 1) {
      const answer = (await (await slashTo(h, h.bots[0]!.url, create)).json()) as { text?: string }
      expect(answer.text).toContain('Created the playbook **Cache flush**')
    }
  })

  it('labels playbooks already sharing a title by their number in `playbook list`, in the start dialog and when a title matches several', async () => {
    await recordPlaybook('legacy-a', h.fake.team.id, 'Legacy drill')
    await recordPlaybook('legacy-b', h.fake.team.id, 'Legacy drill')
    // Namesakes keep the order of their ids: legacy-a is listed first.
    const [a, b] = (await say(alice, 'playbook list')).split('\n').filter((line) => line.endsWith('. Legacy drill')).map((line) => line.split('.')[0])
    const options = await offeredPlaybooks()
    expect(options.map((o) => o.text)).toEqual(['Cache flush', 'Database outage', 'Failover drill', `Legacy drill (#${a})`, `Legacy drill (#${b})`])
    expect(await say(alice, 'playbook archive legacy drill')).toBe(`:warning: "legacy drill" matches ${a}. Legacy drill, ${b}. Legacy drill: use the playbook's number`)
    const channelId = await startIncidentThroughDialog(h, alice, { name: 'Drill day', playbook: options.find((o) => o.text === `Legacy drill (#${b})`)!.value })
    const info = await h.fake.sendSlashCommand({ userId: alice, channelId, text: 'info' })
    expect(JSON.stringify(info.response?.attachments)).toContain('Step of legacy-b')
  })

  it('records zero spec violations', () => {
    expect(h.fake.violations).toEqual([])
  })
})
