import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'

/** io-ts's failures as one line a person can read. */
export const describeCodecErrors = (errors: t.Errors): string => PathReporter.report(E.left(errors)).join('; ')

/** What `keysBranches` reads of a codec: io-ts tags each kind, and a wrapper keeps the codec it wraps as `type`. */
interface Tagged {
  readonly _tag?: string
  readonly type?: Tagged
}
/* These decode through the codec they wrap without a context entry of their own. */
const WRAPPERS = new Set(['ExactType', 'RefinementType', 'ReadonlyType'])

/*
 * io-ts keys the context entry of a union's or an intersection's branch with the branch's number,
 * like an array index, though no one wrote it: `withOptional`'s optional fields sit in branch 1.
 */
const keysBranches = (codec: unknown): boolean => {
  let inner = codec as Tagged
  while (inner.type !== undefined && WRAPPERS.has(inner._tag ?? '')) inner = inner.type
  return inner._tag === 'UnionType' || inner._tag === 'IntersectionType'
}

/**
 * The field of the first failure as the input names it, like `checklists.0.items.1.title`; empty
 * when the value as a whole failed.
 *
 * @example
 * const decoded = commandCodecs.AddItem.decode({ type: 'AddItem', incidentId: 'i', sectionId: 's', title: 't', dueAt: 'soon' })
 * if (E.isLeft(decoded)) firstFailedField(decoded.left) // 'dueAt', where io-ts's context reads 1.dueAt
 */
export const firstFailedField = (errors: t.Errors): string => {
  const context = errors[0]?.context ?? []
  return context
    .filter((entry, index) => entry.key !== '' && !(index > 0 && keysBranches(context[index - 1]!.type)))
    .map((entry) => entry.key)
    .join('.')
}
