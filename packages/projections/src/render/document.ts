import type { TopLevelSpec } from 'vega-lite'

/**
 * A document as blocks of plain text, before it becomes Markdown or HTML. Every string here is
 * user-facing text, never markup: each writer escapes it for its format, so postmortems and
 * reports are built once and cannot inject markup in either.
 */
export type Block =
  | { readonly kind: 'paragraph'; readonly text: string; readonly muted?: boolean }
  | { readonly kind: 'facts'; readonly facts: readonly Fact[] }
  | { readonly kind: 'table'; readonly table: Table }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'chart'; readonly chart: Chart }

/** A labelled value of a summary; `tone` colours it in HTML. */
export interface Fact {
  readonly label: string
  readonly value: string
  readonly tone?: 'good' | 'warn' | 'bad' | 'neutral'
}

export interface Table {
  readonly headers: readonly string[]
  readonly rows: readonly (readonly string[])[]
  /** Columns holding numbers or durations are right-aligned. */
  readonly numeric?: readonly number[]
  /** Columns holding timestamps are kept on one line. */
  readonly times?: readonly number[]
  /** Columns holding an outcome (`Done`, `Skipped`, ...) shown as a coloured badge in HTML. */
  readonly badges?: readonly number[]
  /** What an empty table says instead. */
  readonly empty: string
}

/** A chart: a Vega-Lite spec for HTML and text bars for Markdown. */
export interface Chart {
  readonly title: string
  /** Says in words what the chart shows: the SVG's accessible name. */
  readonly description: string
  readonly spec: TopLevelSpec
  readonly textLines: readonly string[]
}

export interface DocumentSection {
  /** The anchor, `[a-z-]` only. */
  readonly id: string
  readonly title: string
  readonly blocks: readonly Block[]
}

export interface RenderDocument {
  readonly title: string
  readonly subtitle: string
  readonly sections: readonly DocumentSection[]
  /** Where the numbers come from (log position or period): the same for the same log. */
  readonly footer: string
}

/**
 * Shorthands that keep document builders readable.
 *
 * @example
 * const section = { id: 'notes', title: 'Notes', blocks: [paragraph('Written after the review.'), list(['Rotate keys'])] }
 */
export const paragraph = (text: string, muted = false): Block => ({ kind: 'paragraph', text, muted })
export const facts = (list: readonly Fact[]): Block => ({ kind: 'facts', facts: list })
export const table = (value: Table): Block => ({ kind: 'table', table: value })
export const list = (items: readonly string[]): Block => ({ kind: 'list', items })
export const chart = (value: Chart): Block => ({ kind: 'chart', chart: value })
