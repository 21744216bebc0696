import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'cli',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // End-to-end runs open SQLite files and start child processes: slow on a loaded 2-core CI box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
