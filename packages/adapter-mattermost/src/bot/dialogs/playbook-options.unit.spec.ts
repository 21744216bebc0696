import { describe, expect, it } from 'vitest'
import { TEXT_LIMITS } from '../commands/text-limits.js'
import { playbookOptions } from './playbook-options.js'

const playbooks = (...titles: string[]) => titles.map((title, i) => ({ playbookId: `p${i + 1}`, title }))
const labels = (...titles: string[]) => playbookOptions(playbooks(...titles)).map((o) => o.text)

describe('playbookOptions', () => {
  it('labels playbooks by title alone while no other shares it', () => {
    expect(playbookOptions(playbooks('Database outage', 'Drill'))).toEqual([
      { text: 'Database outage', value: 'p1' },
      { text: 'Drill', value: 'p2' },
    ])
  })

  it('adds the number `playbook list` shows to titles that match each other, and only to those', () => {
    expect(labels('Database outage', 'Drill', 'drill!', 'Drills')).toEqual(['Database outage', 'Drill (#2)', 'drill! (#3)', 'Drills'])
  })

  it('tells apart long titles that read the same once cut to fit', () => {
    const long = 'x'.repeat(TEXT_LIMITS.playbookTitle)
    const [first, second] = labels(`${long} one`, `${long} two`)
    expect(first).toBe(`${long} (#1)`)
    expect(second).toBe(`${long} (#2)`)
  })
})
