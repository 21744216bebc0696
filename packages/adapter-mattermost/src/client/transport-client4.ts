import mm from '@mattermost/client'
import type { HttpTransport } from './http-transport.js'
import type { RetryPolicy } from './retry-policy.js'

/** The `@mattermost/client` class instance (a CommonJS module: named ESM imports fail on Node 20). */
export type Client4 = InstanceType<typeof mm.Client4>

interface Client4FetchOptions {
  readonly method?: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

export interface TransportClient4Options {
  readonly siteUrl: string
  readonly token: string
  readonly userAgent?: string
  readonly transport: HttpTransport
  readonly policy: RetryPolicy
  /** Marks every request safe to send twice: for a client used only for idempotent POSTs. */
  readonly idempotent?: boolean
}

/**
 * A Client4 whose requests go through our retrying transport instead of the global `fetch`.
 * Client4 keeps building URLs, headers and bodies; we replace only its fetch step, because its
 * own one drops the response headers (no `Retry-After`) and cannot be given a `fetch`.
 *
 * @example
 * const client = createTransportClient4({ siteUrl, token, transport, policy: DEFAULT_RETRY_POLICY })
 * const me = await client.getMe()
 */
export const createTransportClient4 = (options: TransportClient4Options): Client4 => {
  const client = new mm.Client4()
  client.setUrl(options.siteUrl)
  client.setToken(options.token)
  client.setIncludeCookies(false)
  if (options.userAgent !== undefined) client.setUserAgent(options.userAgent)
  const doFetchWithResponse = async (url: string, fetchOptions: Client4FetchOptions) => {
    const init = client.getOptions(fetchOptions) as { method?: string; body?: unknown; headers: Record<string, string> }
    const answer = await options.transport(
      {
        method: (init.method ?? 'get').toUpperCase(),
        url,
        headers: init.headers,
        ...(typeof init.body === 'string' ? { body: init.body } : {}),
        ...(options.idempotent === true ? { idempotent: true } : {}),
      },
      options.policy,
    )
    return { response: undefined, headers: new Map(answer.headers), data: answer.body }
  }
  // Client4 declares this step private; it is an instance field, so replacing it is reliable.
  Object.assign(client, { doFetchWithResponse })
  return client
}
