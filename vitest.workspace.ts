/**
 * The test projects, one per package. `vitest.config.ts` loads this list (Vitest 4 reads projects
 * from the config's `test.projects`).
 */
export default [
  'packages/core',
  'packages/projections',
  'packages/adapter-sql',
  'packages/adapter-mattermost',
  'packages/cli',
  'examples',
]
