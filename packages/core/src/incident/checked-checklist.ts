import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { IncidentError } from '../errors.js'
import { requireChecklistIds, requireText } from './incident-guards.js'

/** An item of a checklist a command gives, an incident's or a playbook's. */
interface CommandItem {
  readonly itemId: string
  readonly title: string
  readonly assigneeId?: string
}

/** A section of a checklist a command gives, holding items of one kind. */
interface CommandSection<I extends CommandItem> {
  readonly sectionId: string
  readonly title: string
  readonly items: readonly I[]
}

/**
 * What one kind of checklist checks of an item besides its ids and title (an incident's due time, a
 * playbook's due offset), given the item's path as the command writes it (`checklists.0.items.1`).
 */
export type ItemCheck<I extends CommandItem> = (path: string, item: I) => E.Either<IncidentError, I>

const checkedItem =
  <I extends CommandItem>(s: number, checkItem: ItemCheck<I>) =>
  (i: number, item: I): E.Either<IncidentError, I> => {
    const path = `checklists.${s}.items.${i}`
    return pipe(
      E.Do,
      E.apS('checked', checkItem(path, item)),
      E.apS('title', requireText(`${path}.title`, item.title)),
      E.map(({ checked, title }) => ({ ...checked, title })),
    )
  }

const checkedSection =
  <I extends CommandItem, S extends CommandSection<I>>(checkItem: ItemCheck<I>) =>
  (s: number, section: S): E.Either<IncidentError, S> =>
    pipe(
      E.Do,
      E.apS('title', requireText(`checklists.${s}.title`, section.title)),
      E.apS('items', E.traverseArrayWithIndex(checkedItem(s, checkItem))(section.items)),
      E.map(({ title, items }) => ({ ...section, title, items: [...items] })),
    )

/**
 * A checklist a command gives, as the checklist commands (`AddSection`, `AddItem`) would take its
 * parts: no empty id, every section and item title trimmed and not blank, and each item through its
 * kind's `checkItem`. `StartIncident` and the playbook commands share it, so that a refusal names
 * the field by position as the command writes it (`checklists.0.items.1.title`) whichever it was.
 *
 * @example
 * checkedChecklist([{ sectionId: 's', title: ' S ', items: [{ itemId: 'a', title: ' ' }] }], (_, item) => E.right(item))
 * // Left(InvalidCommand naming checklists.0.items.0.title)
 */
export const checkedChecklist = <I extends CommandItem, S extends CommandSection<I>>(
  sections: readonly S[],
  checkItem: ItemCheck<I>,
): E.Either<IncidentError, readonly S[]> =>
  pipe(requireChecklistIds(sections), E.chain(E.traverseArrayWithIndex(checkedSection<I, S>(checkItem))))
