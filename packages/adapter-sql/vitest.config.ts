import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'adapter-sql',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
  },
})
