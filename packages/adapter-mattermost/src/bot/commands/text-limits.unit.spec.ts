import type { Command } from '@incident-kit/core'
import { describe, expect, it } from 'vitest'
import { TEXT_LIMITS, textLimitProblem } from './text-limits.js'

const on = { incidentId: 'i1' }
const long = (max: number) => 'x'.repeat(max + 1)

describe('textLimitProblem', () => {
  it.each<[string, (text: string) => Command, number]>([
    ['incident name', (name) => ({ type: 'StartIncident', incidentId: 'i1', teamId: 't1', name }), TEXT_LIMITS.incidentName],
    ['description', (description) => ({ type: 'StartIncident', incidentId: 'i1', teamId: 't1', name: 'DB down', description }), TEXT_LIMITS.description],
    ['status update', (message) => ({ type: 'PostStatusUpdate', ...on, message }), TEXT_LIMITS.statusUpdate],
    ['note', (text) => ({ type: 'AddNote', ...on, text }), TEXT_LIMITS.note],
    ['field value', (value) => ({ type: 'SetMetadata', ...on, key: 'customer', value }), TEXT_LIMITS.fieldValue],
    ['milestone', (milestone) => ({ type: 'SetMilestone', ...on, milestone }), TEXT_LIMITS.milestone],
    ['section title', (title) => ({ type: 'AddSection', ...on, title }), TEXT_LIMITS.sectionTitle],
    ['item title', (title) => ({ type: 'AddItem', ...on, sectionId: 's1', title }), TEXT_LIMITS.itemTitle],
    ['item title', (title) => ({ type: 'CreatePlaybook', playbookId: 'p1', teamId: 't1', title: 'DB', checklists: [{ sectionId: 's1', title: 'Triage', items: [{ itemId: 'x', title }] }] }), TEXT_LIMITS.itemTitle],
  ])('the %s: up to its limit, then an error naming it and the limit', (label, command, max) => {
    expect(textLimitProblem(command('x'.repeat(max)))).toBeUndefined()
    const problem = textLimitProblem(command(long(max)))
    expect(problem).toMatchObject({ _tag: 'InvalidCommand' })
    expect(problem?.message).toBe(`the ${label} is too long: ${(max + 1).toLocaleString('en-US')} characters, at most ${max.toLocaleString('en-US')}`)
  })

  it('counts characters as Mattermost does, not UTF-16 units', () => {
    expect(textLimitProblem({ type: 'AddNote', ...on, text: '🚨'.repeat(TEXT_LIMITS.note) })).toBeUndefined()
  })

  it('names the field of the command', () => {
    expect(textLimitProblem({ type: 'PostStatusUpdate', ...on, message: long(TEXT_LIMITS.statusUpdate) })).toMatchObject({ field: 'message' })
  })

  it('has nothing to say about commands without text', () => {
    expect(textLimitProblem({ type: 'SetMetadata', ...on, key: 'severity', value: null })).toBeUndefined()
    expect(textLimitProblem({ type: 'EndIncident', ...on })).toBeUndefined()
  })
})
