import { createHash } from 'node:crypto'

/** Characters kept as they are in a file name, on every file system and in a shell. */
const UNSAFE_IN_FILE_NAME = /[^A-Za-z0-9._-]/g

/** Hex digits of the id's SHA-256 that tell apart ids whose safe spellings are the same. */
const HASH_DIGITS = 12

/**
 * The file `replay --out` writes an incident's postmortem to: `postmortem-<incidentId>.<extension>`.
 * An id with other characters than `A-Za-z0-9._-` (a slash would name a directory) has each of them
 * replaced by `_`, and gets `~` and a hash of the id appended: without it `second/one` and
 * `second_one` would share a file, the second postmortem overwriting the first. `~` is never kept
 * from an id, so a changed name cannot be the name of another id either.
 *
 * @example
 * postmortemFileName('api-down', 'md') // 'postmortem-api-down.md'
 * postmortemFileName('second/one', 'md') // 'postmortem-second_one~3f1c….md'
 */
export const postmortemFileName = (incidentId: string, extension: string): string => {
  const safe = incidentId.replace(UNSAFE_IN_FILE_NAME, '_')
  const name = safe === incidentId ? safe : `${safe}~${createHash('sha256').update(incidentId).digest('hex').slice(0, HASH_DIGITS)}`
  return `postmortem-${name}.${extension}`
}
