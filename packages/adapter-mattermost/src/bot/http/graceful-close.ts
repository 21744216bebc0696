import type { FastifyInstance } from 'fastify'

/**
 * Counts the requests being answered, from when their body was read to when their response ended
 * or their connection closed, and returns how to close the server: stop taking connections (a
 * request on a connection already open gets a 503), answer the requests in flight, then close every
 * connection. Fastify's own `close()` closes the connections that are idle when it begins; one that
 * was busy then and is idle after stays open until its keep-alive timeout (72 s), and `close()`
 * waits for it. A request whose body is still arriving is not waited for: once the server closes,
 * Node no longer enforces the request timeout, and Mattermost sends its bodies at once. An answer
 * is bounded by the reply deadline.
 *
 * @example
 * const close = closeWhenAnswered(app)
 * await app.listen({ port })
 * await close()
 */
export const closeWhenAnswered = (app: FastifyInstance): (() => Promise<void>) => {
  let inFlight = 0
  let onAnswered: (() => void) | undefined
  app.addHook('preHandler', async (_request, reply) => {
    inFlight += 1
    reply.raw.once('close', () => {
      inFlight -= 1
      if (inFlight === 0) onAnswered?.()
    })
  })
  const answered = () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (onAnswered = resolve)))
  return async () => {
    const closing = app.close()
    await answered()
    app.server.closeAllConnections()
    await closing
  }
}
