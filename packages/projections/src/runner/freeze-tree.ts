/**
 * Deep-freezes a tree of plain objects and arrays, and returns it. A frozen node is taken as frozen
 * all the way down and not entered (the read model freezes its timeline records as it makes them),
 * so the cost is one visit per node that was still open.
 *
 * @example
 * const model = freezeTree(draft) // Object.isFrozen(model.incidents) === true
 */
export const freezeTree = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  Object.freeze(value)
  if (Array.isArray(value)) for (const element of value) freezeTree(element)
  else for (const key in value) freezeTree(value[key])
  return value
}
