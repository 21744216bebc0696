import { compareIds, compareTimes, msBetween } from '../views/ordering.js'
import { chart, facts, paragraph, table, type Block, type DocumentSection, type RenderDocument } from './document.js'
import { formatDuration, formatOffset, formatTimestamp, NOT_REACHED } from './format.js'
import { itemGantt, itemOutcome } from './item-gantt-chart.js'
import type { PostmortemInput } from './postmortem-input.js'
import { textBars } from './text-bars.js'

/** Metadata keys the summary shows on its own; the custom fields table leaves them out. */
const SUMMARY_KEYS = new Set(['severity', 'description'])

const STATE_LABELS = { checked: 'Done', skipped: 'Skipped', open: 'Open' } as const

/** Where the incident's story ends: its end, or the last thing that happened while it is active. */
const endOf = (input: PostmortemInput): string =>
  input.detail.endedAt ??
  input.timeline.reduce((latest, entry) => (Date.parse(entry.at) > Date.parse(latest) ? entry.at : latest), input.detail.startedAt)

const summarySection = (input: PostmortemInput): DocumentSection => {
  const { detail, mention } = input
  const ended = detail.status === 'ended'
  const progress = detail.progress
  const blocks: Block[] = [
    facts([
      { label: 'Status', value: ended ? 'Ended' : 'Active', tone: ended ? 'good' : 'warn' },
      { label: 'Severity', value: detail.severity ?? 'not set' },
      { label: 'Commander', value: mention(detail.commanderId) },
      { label: 'Reported by', value: mention(detail.reporterId) },
      { label: 'Started', value: formatTimestamp(detail.startedAt) },
      { label: 'Ended', value: formatTimestamp(detail.endedAt) },
      { label: ended ? 'Duration' : 'Active for (so far)', value: formatDuration(msBetween(detail.startedAt, endOf(input))) },
      { label: 'Checklist', value: `${progress.done} of ${progress.total} done (${progress.skipped} skipped)`, tone: progress.open === 0 ? 'good' : 'bad' },
      { label: 'Playbook', value: input.playbookTitle ?? detail.playbookId ?? 'none' },
      { label: 'Channel', value: `~${detail.channel.name}` },
      { label: 'Status updates', value: String(detail.statusUpdates.length) },
      { label: 'Commander changes', value: String(detail.commanderHistory.length - 1) },
    ]),
  ]
  if (detail.description !== null) blocks.push(paragraph(detail.description))
  if (detail.channel.url !== null) blocks.push(paragraph(`Channel link: ${detail.channel.url}`, true))
  return { id: 'summary', title: 'Summary', blocks }
}

const keyTimesSection = (input: PostmortemInput): DocumentSection => {
  const { detail } = input
  const points = [
    { name: 'Incident started', at: detail.startedAt, note: '' },
    ...detail.milestones.map((milestone) => ({
      name: `Milestone: ${milestone.milestone}`,
      at: milestone.at,
      note: `set by ${input.mention(milestone.setBy)} at ${formatTimestamp(milestone.setAt)}`,
    })),
    ...(detail.statusUpdates[0] ? [{ name: 'First status update', at: detail.statusUpdates[0].at, note: '' }] : []),
    ...(detail.endedAt === null ? [] : [{ name: 'Incident ended', at: detail.endedAt, note: '' }]),
  ].sort((a, b) => compareTimes(a.at, b.at))
  const custom = Object.keys(detail.metadata)
    .filter((key) => !SUMMARY_KEYS.has(key))
    .sort(compareIds)
  return {
    id: 'key-times',
    title: 'Key times and fields',
    blocks: [
      table({
        headers: ['Point', 'At', 'From start', 'Note'],
        rows: points.map((point) => [point.name, formatTimestamp(point.at), formatOffset(Date.parse(point.at) - Date.parse(detail.startedAt)), point.note]),
        numeric: [2],
        times: [1],
        empty: 'No key times.',
      }),
      table({
        headers: ['Field', 'Value'],
        rows: custom.map((key) => [key, detail.metadata[key] ?? '']),
        empty: 'No custom fields were set.',
      }),
    ],
  }
}

const commanderSection = (input: PostmortemInput): DocumentSection => {
  const terms = input.detail.commanderHistory
  const end = endOf(input)
  return {
    id: 'commanders',
    title: 'Commander history',
    blocks: [
      table({
        headers: ['Commander', 'From', 'Until', 'Held for', 'Handed over by'],
        rows: terms.map((term, index) => {
          const until = terms[index + 1]?.since ?? input.detail.endedAt
          return [
            input.mention(term.commanderId),
            formatTimestamp(term.since),
            until === null ? 'now' : formatTimestamp(until),
            formatDuration(msBetween(term.since, until ?? end)),
            index === 0 ? `${input.mention(term.changedBy)} (started)` : input.mention(term.changedBy),
          ]
        }),
        numeric: [3],
        times: [1, 2],
        empty: 'No commander.',
      }),
    ],
  }
}

const statusUpdatesSection = (input: PostmortemInput): DocumentSection => ({
  id: 'status-updates',
  title: 'Status updates',
  blocks: [
    table({
      headers: ['From start', 'At', 'By', 'Update'],
      rows: input.detail.statusUpdates.map((update) => [
        formatOffset(Date.parse(update.at) - Date.parse(input.detail.startedAt)),
        formatTimestamp(update.at),
        input.mention(update.authorId),
        update.message,
      ]),
      numeric: [0],
      times: [1],
      empty: 'No status update was posted.',
    }),
  ],
})

const checklistSection = (input: PostmortemInput): DocumentSection => ({
  id: 'checklist',
  title: 'Checklist outcome',
  blocks: [
    table({
      headers: ['Section', 'Item', 'Outcome', 'Assignee', 'Last completed', 'Last changed by'],
      rows: input.detail.sections.flatMap((section) =>
        section.items.map((item) => [
          section.title,
          item.title,
          STATE_LABELS[item.state],
          item.assigneeId === null ? NOT_REACHED : input.mention(item.assigneeId),
          formatTimestamp(item.lastCompletedAt),
          `${input.mention(item.lastChangedBy)}, ${formatTimestamp(item.lastChangedAt)}`,
        ]),
      ),
      times: [4],
      badges: [2],
      empty: 'The incident had no checklist.',
    }),
  ],
})

const itemDurationsSection = (input: PostmortemInput): DocumentSection => {
  const { detail, itemDurations } = input
  const start = Date.parse(detail.startedAt)
  const end = endOf(input)
  const gantt = itemGantt({ startedAt: detail.startedAt, endAt: end, items: itemDurations })
  const blocks: Block[] = []
  if (itemDurations.length > 0) {
    blocks.push(
      chart({
        title: 'When each item was worked on',
        description: `Gantt chart of ${itemDurations.length} checklist items from when each was added to when it was last checked (a skipped one: when it was skipped; an open one: the end).`,
        spec: gantt.spec,
        textLines: textBars(gantt.rows.map((row) => ({ ...row, note: `${row.outcome}, ${row.from}–${row.to} ${gantt.unit.name}` }))),
      }),
    )
  }
  blocks.push(
    table({
      headers: ['Item', 'Outcome', 'From start', 'From added', 'Checked', 'Unchecked'],
      rows: itemDurations.map((item) => [
        item.title,
        itemOutcome(item),
        formatDuration(item.msFromStart),
        formatDuration(item.msFromAdded),
        String(item.timesChecked),
        String(item.timesUnchecked),
      ]),
      numeric: [2, 3, 4, 5],
      badges: [1],
      empty: 'The incident had no checklist items.',
    }),
    paragraph(
      `Slowest first. Durations run to each checked item's last completion; items not checked have none. In the chart, skipped items end when they were skipped and open items at ${formatTimestamp(end)} (${formatOffset(Date.parse(end) - start)}).`,
      true,
    ),
  )
  return { id: 'item-durations', title: 'Item durations', blocks }
}

const timelineSection = (input: PostmortemInput): DocumentSection => ({
  id: 'timeline',
  title: 'Timeline',
  blocks: [
    table({
      headers: ['From start', 'At', 'What happened'],
      rows: input.timeline.map((entry) => [formatOffset(entry.offsetFromStart), formatTimestamp(entry.at), entry.text]),
      numeric: [0],
      times: [1],
      empty: 'Nothing happened.',
    }),
  ],
})

/**
 * The postmortem of one incident as a document: summary, key times and fields, commander history,
 * status updates, checklist outcome, item durations (with a Gantt chart) and the full timeline.
 * Depends on the input only (no clock), so the same log gives the same bytes.
 *
 * @example
 * writeMarkdown(postmortemDocument(postmortemInput(model, 'i1')!))
 */
export const postmortemDocument = (input: PostmortemInput): RenderDocument => {
  const lastRecorded = input.timeline.reduce((latest, entry) => (latest === '' || Date.parse(entry.recordedAt) > Date.parse(latest) ? entry.recordedAt : latest), '')
  return {
    title: `Postmortem: ${input.detail.name}`,
    subtitle: `Incident ${input.detail.incidentId} of team ${input.detail.teamId}, started ${formatTimestamp(input.detail.startedAt)}`,
    sections: [
      summarySection(input),
      keyTimesSection(input),
      commanderSection(input),
      statusUpdatesSection(input),
      checklistSection(input),
      itemDurationsSection(input),
      timelineSection(input),
    ],
    footer: `Built from the ${input.timeline.length} events of the incident's log, the last recorded ${formatTimestamp(lastRecorded || null)}. Times in UTC.`,
  }
}
