import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { postmortemFileName } from './postmortem-file-name.js'

describe('postmortemFileName', () => {
  it('keeps an id of safe characters as it is', () => {
    expect(postmortemFileName('demo-leaked-cloud-key', 'md')).toBe('postmortem-demo-leaked-cloud-key.md')
    expect(postmortemFileName('second_one', 'html')).toBe('postmortem-second_one.html')
  })

  it('replaces other characters and appends a hash of the id, so that no two ids share a file', () => {
    expect(postmortemFileName('second/one', 'md')).toMatch(/^postmortem-second_one~[0-9a-f]{12}\.md$/)
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b)
        expect(postmortemFileName(a, 'md')).not.toBe(postmortemFileName(b, 'md'))
      }),
    )
  })
})
