import type pg from 'pg'
import { settledWithin } from './settled-within.js'

/** How long closing a connection may wait for the server to see it closed. */
const END_WAIT_MS = 1_000

/**
 * Ends a client of its own (the listener's, a lock's), waiting `waitMs` at most for the server's
 * goodbye, then closing the socket. `client.end()` says goodbye and waits for the server to close
 * its side: a server that stopped answering (a network partition) never does, and the wait
 * lasted the kernel's TCP retransmission timeout (about 15 minutes on Linux), holding `close`.
 *
 * @example
 * await endClient(listenerClient)
 */
export const endClient = async (client: pg.Client, waitMs = END_WAIT_MS): Promise<void> => {
  if (!(await settledWithin(client.end(), waitMs))) client.connection.stream.destroy()
}
