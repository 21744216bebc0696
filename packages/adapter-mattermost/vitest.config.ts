import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'adapter-mattermost',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
  },
})
