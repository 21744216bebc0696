import { readFileSync } from 'node:fs'

interface PackageJson {
  readonly version: string
}

/**
 * The version of `@incident-kit/cli`, read from its package.json so that `incident-kit --version`
 * says what is installed and a release bumps the version in one place.
 */
export const CLI_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson).version
