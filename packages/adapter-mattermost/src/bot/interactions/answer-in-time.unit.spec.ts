import { describe, expect, it } from 'vitest'
import { eventually } from '@incident-kit/core/testing'
import { createLateWork } from '../runtime/late-work.js'
import { answerInTime } from './answer-in-time.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const recorder = () => {
  const lines: string[] = []
  const keep = (level: string) => (object: Readonly<Record<string, unknown>>, message?: string) => void lines.push(`${level} ${message ?? ''} ${JSON.stringify(object)}`)
  return { lines, logger: { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') } }
}

/**
 * The reply is due 50 ms after the call: the request came 2.45 s of the 2.5 s deadline ago. An
 * outcome starting with `refused` is a refusal.
 */
const options = (logger: ReturnType<typeof recorder>['logger'], afterLateReply?: (outcome: string, refusal: string | undefined) => Promise<void>) => ({
  receivedAt: Date.now() - 2_450,
  whenLate: 'late',
  whenFailed: 'failed',
  lateWork: createLateWork(),
  refusalIn: (outcome: string) => (outcome.startsWith('refused') || outcome === 'failed' ? outcome : undefined),
  logger,
  what: 'button click',
  logContext: { userId: 'u1' },
  ...(afterLateReply ? { afterLateReply } : {}),
})

describe('answering in time', () => {
  it("answers with the work's outcome when it comes before the deadline", async () => {
    const { logger } = recorder()
    const late: string[] = []
    expect(await answerInTime(pause(5).then(() => 'done'), options(logger, async (outcome) => void late.push(outcome)))).toBe('done')
    await pause(80)
    expect(late).toEqual([])
  })

  it('answers at the deadline while the work carries on, then hands over its outcome', async () => {
    const { logger } = recorder()
    const late: string[] = []
    const started = Date.now()
    expect(await answerInTime(pause(150).then(() => 'done'), options(logger, async (outcome) => void late.push(outcome)))).toBe('late')
    expect(Date.now() - started).toBeLessThan(140)
    expect(await eventually(() => late[0])).toBe('done')
  })

  it('tracks the work that carries on after the early reply until its outcome is handed over', async () => {
    const { logger } = recorder()
    const lateWork = createLateWork()
    let handOver: () => void = () => undefined
    const handedOver = new Promise<void>((resolve) => (handOver = resolve))
    expect(await answerInTime(pause(100).then(() => 'done'), { ...options(logger, () => handedOver), lateWork })).toBe('late')
    expect(lateWork.running()).toBe(1)
    handOver()
    await lateWork.settled(5_000)
    expect(lateWork.running()).toBe(0)
  })

  it('counts the deadline of 2.5 s from when the request came, when given', async () => {
    const { logger } = recorder()
    const started = Date.now()
    expect(await answerInTime(pause(1_000).then(() => 'done'), { ...options(logger), receivedAt: started - 2_450 })).toBe('late')
    expect(Date.now() - started).toBeLessThan(500)
  })

  it('answers a failure in words and logs it as an error, also when it comes late', async () => {
    const { lines, logger } = recorder()
    expect(await answerInTime(Promise.reject(new Error('database down')), options(logger))).toBe('failed')
    expect(lines).toEqual([expect.stringMatching(/^error button click failed .*"userId":"u1".*database down/)])
    const late: string[] = []
    const failingLate = pause(100).then(() => Promise.reject(new Error('still down')))
    expect(await answerInTime(failingLate, options(logger, async (outcome) => void late.push(outcome)))).toBe('late')
    expect(await eventually(() => late[0])).toBe('failed')
  })

  it('logs a refusal that comes after the early reply as a warning, saying why, and hands it over with its words', async () => {
    const { lines, logger } = recorder()
    const late: Array<string | undefined> = []
    const handOver = async (_outcome: string, refusal: string | undefined) => void late.push(refusal)
    expect(await answerInTime(pause(100).then(() => 'done'), options(logger, handOver))).toBe('late')
    expect(await answerInTime(pause(100).then(() => 'refused: only members'), options(logger, handOver))).toBe('late')
    await eventually(() => late.length === 2 || undefined)
    expect(late.sort()).toEqual(['refused: only members', undefined])
    expect(lines).toEqual([expect.stringMatching(/^warn button click refused after the early reply .*"userId":"u1".*"refusal":"refused: only members"/)])
  })

  it('logs a late outcome that cannot be delivered as a warning', async () => {
    const { lines, logger } = recorder()
    const undeliverable = async () => {
      throw new Error('response_url expired')
    }
    expect(await answerInTime(pause(100).then(() => 'done'), options(logger, undeliverable))).toBe('late')
    expect(await eventually(() => lines.find((line) => line.startsWith('warn')))).toContain('response_url expired')
  })
})
