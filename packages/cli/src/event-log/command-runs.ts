/** What places an event in a run of a command: its stream and its command. */
export interface CommandRunKey {
  readonly streamId: string
  readonly commandId: string
}

/**
 * Whether two events (or an event and a run) belong to the same run of a command. A store appends
 * a command's events at once, to one stream, so in a log a command's events are one run:
 * consecutive lines of one stream and one command.
 *
 * @example
 * sameCommandRun({ streamId: 'incident-1', commandId: 'c1' }, { streamId: 'incident-1', commandId: 'c1' }) // true
 * sameCommandRun({ streamId: 'incident-1', commandId: 'c1' }, { streamId: 'incident-2', commandId: 'c1' }) // false
 */
export const sameCommandRun = (a: CommandRunKey, b: CommandRunKey): boolean => a.streamId === b.streamId && a.commandId === b.commandId
