import { createServer } from 'node:net'

/**
 * A free TCP port on 127.0.0.1: a bot must know its public URL (for dialogs) before it listens.
 *
 * @example
 * const port = await freePort(); const publicUrl = `http://127.0.0.1:${port}`
 */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))))
    })
  })
