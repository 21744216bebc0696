import { describe, expect, it } from 'vitest'
import { parseEvent } from './parse-event.js'

const broadcast = { user_id: '', channel_id: 'c1', team_id: '' }

describe('parseEvent', () => {
  it('parses the JSON strings inside reaction and post events', () => {
    const reaction = { user_id: 'u1', post_id: 'p1', emoji_name: 'fire', create_at: 5 }
    expect(parseEvent({ event: 'reaction_added', data: { reaction: JSON.stringify(reaction) }, broadcast, seq: 4 })).toEqual({
      type: 'reaction_added', channelId: 'c1', reaction, seq: 4,
    })
    const post = { id: 'p1', channel_id: 'c1', user_id: 'u1', root_id: '', message: 'hi', type: '', props: {}, create_at: 1, update_at: 1 }
    expect(parseEvent({ event: 'posted', data: { post: JSON.stringify(post) }, broadcast, seq: 5 })).toEqual({ type: 'posted', channelId: 'c1', post, seq: 5 })
  })

  it('reads user_removed from either side of the broadcast', () => {
    expect(parseEvent({ event: 'user_removed', data: { user_id: 'u2', remover_id: 'u1' }, broadcast, seq: 1 })).toMatchObject({ channelId: 'c1', userId: 'u2', removerId: 'u1' })
    expect(parseEvent({ event: 'user_removed', data: { channel_id: 'c9', remover_id: 'u1' }, broadcast: { user_id: 'u3', channel_id: '', team_id: '' }, seq: 2 })).toMatchObject({
      channelId: 'c9', userId: 'u3',
    })
  })

  it('turns unknown or malformed frames into `other` instead of failing', () => {
    expect(parseEvent({ event: 'typing', data: { parent_id: '' }, broadcast, seq: 1 })).toMatchObject({ type: 'other', event: 'typing' })
    expect(parseEvent({ event: 'reaction_added', data: { reaction: '{not json' }, broadcast, seq: 2 })).toMatchObject({ type: 'other', event: 'reaction_added' })
    expect(parseEvent({ event: 'posted', seq: 3 })).toMatchObject({ type: 'other', broadcast: { channel_id: '' } })
  })
})
