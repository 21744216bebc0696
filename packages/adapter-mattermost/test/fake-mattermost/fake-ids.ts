import { randomBytes } from 'node:crypto'

/** Mattermost's base32 alphabet for 26-character ids. */
const ID_ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769'
export const ID_LENGTH = 26

/**
 * A fresh 26-character id over Mattermost's alphabet, as the server mints them.
 *
 * @example
 * newId() // 'k3x1...' (26 characters)
 */
export const newId = (): string =>
  [...randomBytes(ID_LENGTH)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('')

/** True for a 26-character lowercase alphanumeric id. */
export const isId = (value: string): boolean => /^[a-z0-9]{26}$/.test(value)
