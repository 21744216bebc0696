import { redactDatabaseUrl } from '@incident-kit/adapter-sql'
import type { CliIo } from '../cli/cli-io.js'
import { databaseUrlFor } from '../cli/open-store.js'

/** Characters a POSIX shell passes on unchanged; a word with any other is single-quoted. */
const SHELL_PLAIN_WORD = /^[\w@%+=:,./-]+$/

const shellWord = (text: string) => (SHELL_PLAIN_WORD.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`)

/**
 * The commands to run after the demo: export the log of the database it played into, then replay
 * it. `--db` names that database unless `export` without it reads the same one (the default file,
 * and no `DATABASE_URL`). The password never shows: a URL with one is printed redacted, with a word
 * to put it back.
 *
 * @example
 * await demoNextSteps('sqlite:/srv/demo.db', { env: {}, cwd: '/srv' })
 * // 'Next: npx incident-kit export --db sqlite:/srv/demo.db > log.jsonl; npx incident-kit replay log.jsonl --format markdown'
 */
export const demoNextSteps = async (url: string, io: Pick<CliIo, 'env' | 'cwd'>): Promise<string> => {
  const exportFindsIt = !io.env.DATABASE_URL && url === (await databaseUrlFor(undefined, { env: {}, cwd: io.cwd }))
  const shown = redactDatabaseUrl(url)
  const db = exportFindsIt ? '' : ` --db ${shellWord(shown)}`
  const password = shown === url ? '' : '\n(put the database\'s password back in place of ***)'
  return `Next: npx incident-kit export${db} > log.jsonl; npx incident-kit replay log.jsonl --format markdown${password}`
}
