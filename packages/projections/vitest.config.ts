import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'projections',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // Property tests run hundreds of generated logs; on a loaded 2-core CI box 5 s is too tight.
    testTimeout: 60_000,
  },
})
