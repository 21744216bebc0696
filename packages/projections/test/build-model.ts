import * as E from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '@incident-kit/core'
import { buildReadModel, type BuildReadModelOptions, type IncidentReadModel } from '@incident-kit/projections'

/** `buildReadModel` for tests: fails the test on an as-of error instead of returning it. */
export const modelOf = (events: readonly RecordedEvent[], options: BuildReadModelOptions = {}): IncidentReadModel => {
  const built = buildReadModel(events, options)
  if (E.isLeft(built)) throw new Error(built.left.message)
  return built.right
}

export const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from)
