import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeCommand } from './command.js'

describe('decoding commands at the edge', () => {
  it('accepts a valid command and drops unknown fields', () => {
    expect(decodeCommand({ type: 'CheckItem', incidentId: 'i1', itemId: 'x', admin: true })).toEqual(E.right({ type: 'CheckItem', incidentId: 'i1', itemId: 'x' }))
  })

  it('names the unknown type or the bad field', () => {
    expect(decodeCommand({ type: 'DropTables' })).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'type' }))
    expect(decodeCommand(null)).toMatchObject(E.left({ _tag: 'InvalidCommand', field: 'type' }))
    expect(decodeCommand({ type: 'SetItemDue', incidentId: 'i1', itemId: 'x', dueAt: 'tomorrow' })).toMatchObject(E.left({ _tag: 'InvalidCommand', field: expect.stringContaining('dueAt') }))
    expect(decodeCommand({ type: 'AddItem', incidentId: 'i1', title: 'x' })).toMatchObject(E.left({ _tag: 'InvalidCommand', field: expect.stringContaining('sectionId') }))
  })
})
