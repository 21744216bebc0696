/*
 * PostgreSQL stores neither U+0000 (in text or jsonb) nor a UTF-16 surrogate without its pair (not
 * UTF-8), and refuses the whole statement. SQLite keeps both, so an event it accepted could not be
 * copied to PostgreSQL later. Every store therefore refuses such text, whatever its database.
 */
const textProblem = (s: string): string | undefined => {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)'
  if (!s.isWellFormed()) return 'contains a lone UTF-16 surrogate (not valid Unicode)'
  return undefined
}

/* What JSON would turn into something else (`null`, a string) or cannot write at all. */
const notJsonProblem = (value: unknown): string | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `is ${value}, which JSON has no number for`
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol' || value === undefined) {
    return `is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON cannot carry`
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype === Object.prototype || prototype === null) return undefined
  return `is a ${(value as object).constructor?.name ?? 'class instance'}, not plain JSON (give its JSON form)`
}

const childPath = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`

const named = (path: string) => (path === '' ? 'the value' : path)

/**
 * The first part of a JSON value that no store can keep as given, described with its path, or
 * `undefined` when all of it is storable: text with a NUL character or a lone surrogate (keys
 * included), or anything JSON does not carry as it is (a bigint, a function, `undefined` in an
 * array, `NaN`, a `Date` or other class instance). An object property that is `undefined` counts as
 * absent, as in JSON.
 *
 * @example
 * unstorableJson({ text: 'a\u0000b' }, 'data') // 'data.text contains a NUL character (U+0000)'
 * unstorableJson({ at: new Date() }, 'data') // 'data.at is a Date, not plain JSON (give its JSON form)'
 * unstorableJson({ text: 'fine' }, 'data') // undefined
 */
export const unstorableJson = (value: unknown, path: string): string | undefined => {
  if (typeof value === 'string') {
    const problem = textProblem(value)
    return problem === undefined ? undefined : `${named(path)} ${problem}`
  }
  const notJson = notJsonProblem(value)
  if (notJson !== undefined) return `${named(path)} ${notJson}`
  if (typeof value !== 'object' || value === null) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableJson(value[i], childPath(path, i))
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = textProblem(key)
    if (keyProblem !== undefined) return `a key of ${named(path)} ${keyProblem}`
    if (child === undefined) continue
    const found = unstorableJson(child, childPath(path, key))
    if (found !== undefined) return found
  }
  return undefined
}
