import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'projections',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
  },
})
