import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { MattermostLogger } from '../../client/index.js'

const SERVER_ERROR = 500

/** The status of a failed request: Fastify marks the client's mistakes (413, 415, 400) as 4xx, anything else is ours. */
const statusOf = (error: FastifyError): number =>
  error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < SERVER_ERROR ? error.statusCode : SERVER_ERROR

/**
 * Fastify's error handler for the bot. A client's mistake (a body too large, of the wrong type, or
 * unreadable JSON) keeps its 4xx status and Fastify's fixed message, and is logged as a warning:
 * anyone can send those, so they must not fill the error log. Only the method and the path are
 * logged, never the query (a GET slash command carries its token there) nor the body.
 *
 * @example
 * app.setErrorHandler(requestErrorHandler(deps.logger))
 */
export const requestErrorHandler =
  (logger: MattermostLogger) =>
  (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const status = statusOf(error)
    const where = { method: request.method, path: request.url.split('?')[0], status }
    if (status < SERVER_ERROR) {
      logger.warn({ ...where, code: error.code }, 'request refused')
      return reply.code(status).type('application/json').send({ text: `The incident bot refused this request: ${error.message}.` })
    }
    logger.error({ ...where, err: error.message }, 'request failed')
    return reply.code(status).type('application/json').send({ text: 'The incident bot failed to handle this request.' })
  }
