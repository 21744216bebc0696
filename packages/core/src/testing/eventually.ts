/**
 * Polls until `check` gives a value other than `undefined` or `false`, and resolves with it; throws
 * after `ms`. For effects that happen asynchronously (a subscription delivering, a bot posting).
 *
 * @example
 * const lock = await eventually(() => store.tryLock('notifier'))
 */
export const eventually = async <T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms = 10_000): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
