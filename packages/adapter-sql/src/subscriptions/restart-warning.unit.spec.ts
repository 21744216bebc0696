import { describe, expect, it } from 'vitest'
import { subscriptionRestartedWarning } from './restart-warning.js'

describe('subscriptionRestartedWarning', () => {
  it('names the subscriber, the pause and the error', () => {
    expect(subscriptionRestartedWarning('notifier', new Error('Connection terminated unexpectedly'), 400)).toEqual({
      code: 'SUBSCRIPTION_RESTARTED',
      subscriber: 'notifier',
      error: 'Connection terminated unexpectedly',
      retryInMs: 400,
      message: 'subscriber "notifier" restarts from its checkpoint in 400 ms after a database outage: Connection terminated unexpectedly',
    })
  })

  it('hides the password of any URL in the error message', () => {
    const warning = subscriptionRestartedWarning('notifier', new Error('cannot reach postgres://ik:s3cret@db:5432/ops (timeout)'), 100)
    expect(warning.error).toBe('cannot reach postgres://ik:***@db:5432/ops (timeout)')
    expect(warning.message).not.toContain('s3cret')
  })
})
