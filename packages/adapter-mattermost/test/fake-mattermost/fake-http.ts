import type { IncomingMessage, ServerResponse } from 'node:http'
import { newId } from './fake-ids.js'

/** The exact content type Mattermost sends (Client4 parses only this exact string). */
export const JSON_CONTENT_TYPE = 'application/json'
export const FAKE_SERVER_VERSION = '11.9.0.fake'

/** A handler's answer; `headers` add to the defaults. */
export interface FakeAnswer {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** Send `body` as is (a string) with this content type instead of JSON. */
  readonly rawContentType?: string
}

/**
 * An AppError answer, as every non-2xx JSON response of Mattermost (GUIDE §2).
 *
 * @example
 * appError(404, 'app.channel.get_by_name.missing.app_error', 'Channel does not exist.')
 */
export const appError = (status: number, id: string, message: string): FakeAnswer => ({
  status,
  body: { id, message, detailed_error: '', request_id: newId(), status_code: status },
})

export const ok = (body: unknown, status = 200): FakeAnswer => ({ status, body })

export const forbidden = (): FakeAnswer =>
  appError(403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.')

export const invalidParam = (name: string): FakeAnswer =>
  appError(400, 'api.context.invalid_param.app_error', `Invalid or missing ${name} parameter in request URL or body.`)

export const notFound = (id: string, what: string): FakeAnswer => appError(404, id, `${what} not found.`)

/** Reads a request body as text (the fake never needs streaming). */
export const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Writes an answer with Mattermost's headers: exact JSON content type, request and version ids. */
export const writeAnswer = (response: ServerResponse, answer: FakeAnswer): void => {
  const requestId = newId()
  const body = answer.rawContentType === undefined ? JSON.stringify(answer.body) : String(answer.body)
  response.writeHead(answer.status, {
    'Content-Type': answer.rawContentType ?? JSON_CONTENT_TYPE,
    'X-Request-Id': requestId,
    'X-Version-Id': FAKE_SERVER_VERSION,
    ...answer.headers,
  })
  response.end(body)
}

/** The token of an `Authorization: Bearer|BEARER|Token <token>` header, else undefined. */
export const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^(bearer|token)\s+(\S+)$/i.exec(header?.trim() ?? '')
  return match?.[2]
}

/** Counts runes (code points), as Mattermost's length limits do. */
export const runeLength = (text: string): number => [...text].length
