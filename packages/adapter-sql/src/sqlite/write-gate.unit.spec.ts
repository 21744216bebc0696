import { describe, expect, it } from 'vitest'
import { createWriteGate, NESTED_TRANSACTION } from './write-gate.js'

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('write gate', () => {
  it('runs one work at a time, in the order asked', async () => {
    const gate = createWriteGate()
    const order: string[] = []
    const slow = gate.run(async () => {
      await tick()
      order.push('slow')
    })
    const quick = gate.run(() => order.push('quick'))
    expect(gate.busy).toBe(true)
    await Promise.all([slow, quick])
    expect(order).toEqual(['slow', 'quick'])
    expect(gate.busy).toBe(false)
  })

  it('refuses a run asked from inside the work that holds it, and is free again once that work ends', async () => {
    const gate = createWriteGate()
    const outer = gate.run(async () => {
      await tick()
      await gate.run(() => 'inner')
    })
    await expect(outer).rejects.toMatchObject({ code: NESTED_TRANSACTION })
    expect(await gate.run(() => 'after')).toBe('after')
  })

  it('lets a run that a finished work left behind wait like any other', async () => {
    const gate = createWriteGate()
    let later: Promise<string> | undefined
    await gate.run(() => {
      setTimeout(() => {
        later = gate.run(() => 'later')
      }, 0)
    })
    await tick()
    expect(await later).toBe('later')
  })

  it("does not refuse another gate's run (another store in the same process)", async () => {
    const [a, b] = [createWriteGate(), createWriteGate()]
    expect(await a.run(() => b.run(() => 'b inside a'))).toBe('b inside a')
  })
})
