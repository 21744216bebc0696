import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_FAILURE, EXIT_OK } from '../cli/cli-errors.js'
import { DEMO_INCIDENT_ID } from '../demo/demo-scenario.js'
import { tempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'

let ws: TempWorkspace
beforeAll(async () => {
  ws = tempWorkspace()
  expect((await ws.run(['demo', '--db', 'sqlite:./demo.db'])).code).toBe(EXIT_OK)
})
afterAll(() => ws.remove())

const exportOf = (...args: string[]) => ws.run(['export', '--db', 'sqlite:./demo.db', ...args])

describe('incident-kit export', () => {
  it('refuses an --incident or --team the database does not hold, as a mistyped database is refused: an empty file would look like an empty log', async () => {
    const incident = await exportOf('--incident', 'demo-leaked-cloud-kye')
    expect(incident).toEqual({ code: EXIT_FAILURE, stdout: '', stderr: 'incident-kit: the database holds no incident demo-leaked-cloud-kye; nothing was exported\n' })
    const team = await exportOf('--team', 'demo-securty')
    expect(team).toEqual({ code: EXIT_FAILURE, stdout: '', stderr: 'incident-kit: the database holds no incident or playbook of team demo-securty; nothing was exported\n' })
    const both = await exportOf('--incident', 'x', '--team', 'y')
    expect(both.stderr).toBe('incident-kit: the database holds no incident x and no incident or playbook of team y; nothing was exported\n')
  })

  it('exports nothing, exit 0, for an incident or team that exists but has no event since --since', async () => {
    const started = JSON.parse((await exportOf('--incident', DEMO_INCIDENT_ID)).stdout.split('\n')[0]!) as { data: { teamId: string } }
    for (const filter of [['--incident', DEMO_INCIDENT_ID], ['--team', started.data.teamId]]) {
      const run = await exportOf(...filter, '--since', '2100-01-01')
      expect(run).toEqual({ code: EXIT_OK, stdout: '', stderr: 'exported 0 events\n' })
    }
  })
})
