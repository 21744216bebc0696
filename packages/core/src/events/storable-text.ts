/*
 * PostgreSQL stores neither U+0000 (in text or jsonb) nor a UTF-16 surrogate without its pair (not
 * UTF-8), and refuses the whole statement. SQLite keeps both, so an event it accepted could not be
 * copied to PostgreSQL later. Every store therefore refuses such text, whatever its database.
 */
const textProblem = (s: string): string | undefined => {
  if (s.includes('\u0000')) return 'a NUL character (U+0000)'
  if (!s.isWellFormed()) return 'a lone UTF-16 surrogate (not valid Unicode)'
  return undefined
}

const childPath = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`

/**
 * The first string in a JSON value (object keys included) that no store can keep, described with
 * its path, or `undefined` when all of it is storable.
 *
 * @example
 * unstorableText({ text: 'a\u0000b' }, 'data') // 'data.text contains a NUL character (U+0000)'
 * unstorableText({ text: 'fine' }, 'data') // undefined
 */
export const unstorableText = (value: unknown, path: string): string | undefined => {
  if (typeof value === 'string') {
    const problem = textProblem(value)
    return problem === undefined ? undefined : `${path === '' ? 'the value' : path} contains ${problem}`
  }
  if (typeof value !== 'object' || value === null) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableText(value[i], childPath(path, i))
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = textProblem(key)
    if (keyProblem !== undefined) return `a key of ${path === '' ? 'the value' : path} contains ${keyProblem}`
    const found = unstorableText(child, childPath(path, key))
    if (found !== undefined) return found
  }
  return undefined
}
