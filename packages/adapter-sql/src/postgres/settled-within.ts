/**
 * Waits for `work` to settle, `waitMs` at most: true when it did (fulfilled or rejected), false
 * when the time ran out first. The timer is cleared either way, so it never holds the process.
 *
 * @example
 * if (!(await settledWithin(client.end(), 1_000))) client.connection.stream.destroy()
 */
export const settledWithin = async (work: Promise<unknown>, waitMs: number): Promise<boolean> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)))
  const settled = work.then(
    () => true as const,
    () => true as const,
  )
  try {
    return await Promise.race([settled, timedOut])
  } finally {
    clearTimeout(timer)
  }
}
