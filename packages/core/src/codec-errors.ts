import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'

/** io-ts's failures as one line a person can read. */
export const describeCodecErrors = (errors: t.Errors): string => PathReporter.report(E.left(errors)).join('; ')

/**
 * The field of the first failure, like `checklists.0.items.1.title`; empty when the value as a
 * whole failed. The keys io-ts gives intersection and union branches are numbers, like array indexes.
 */
export const firstFailedField = (errors: t.Errors): string =>
  errors[0]?.context.map((c) => c.key).filter(Boolean).join('.') ?? ''
