import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decidePlaybook } from '../playbook/decide-playbook.js'
import { initialPlaybookState } from '../playbook/playbook-state.js'
import { given } from '../testing/given-when-then.js'
import { incidentStarted } from '../testing/incident-fixtures.js'
import { decodeCommand, type IncidentCommand, type PlaybookCommand } from './command.js'

// A typed command's type is checked only by the compiler: JavaScript callers and casts pass anything.
const launch = { type: 'LaunchRockets', incidentId: 'i', playbookId: 'p' }
const refused = E.left({ _tag: 'InvalidCommand', field: 'type', message: 'unknown command type "LaunchRockets"' })

describe('a command of no known type', () => {
  it('is an InvalidCommand naming type when decided, not a TypeError', () => {
    expect(given([incidentStarted()]).when(launch as unknown as IncidentCommand).result).toEqual(refused)
    expect(decidePlaybook(launch as unknown as PlaybookCommand, initialPlaybookState)).toEqual(refused)
  })

  it('is the same error when decoded', () => {
    expect(decodeCommand(launch)).toEqual(refused)
  })
})
