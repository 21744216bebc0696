/**
 * The stylesheet of every HTML document, inlined so that a file works offline. System fonts only;
 * prints on paper without the background colours.
 */
export const DOCUMENT_CSS = `
:root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --soft: #f9fafb; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: var(--ink); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 24px 48px; }
header.document { background: #111827; color: #f9fafb; padding: 28px 32px; border-radius: 10px; margin-bottom: 20px; }
header.document h1 { margin: 0 0 6px; font-size: 26px; line-height: 1.25; overflow-wrap: anywhere; }
header.document p { margin: 0; color: #d1d5db; }
nav.contents { margin-top: 14px; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13px; }
nav.contents a { color: #93c5fd; text-decoration: none; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin-bottom: 16px; }
section h2 { margin: 0 0 14px; font-size: 18px; }
p { margin: 0 0 12px; overflow-wrap: anywhere; }
p.muted { color: var(--muted); font-style: italic; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 10px; margin: 0 0 12px; }
dl.facts div { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
dl.facts dt { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
dl.facts dd { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
dl.facts .good dd { color: #047857; } dl.facts .warn dd { color: #b45309; } dl.facts .bad dd { color: #b91c1c; }
.table-wrap { overflow-x: auto; margin: 0 0 12px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
td { min-width: 5em; } td:first-child { max-width: 22em; } td.number { min-width: 0; } td.time { white-space: nowrap; }
th { background: var(--soft); font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); vertical-align: bottom; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
td.number { white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fcfcfd; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; background: #e5e7eb; color: #374151; white-space: nowrap; }
.badge-done { background: #dcfce7; color: #166534; } .badge-done-after-being-unchecked { background: #fef3c7; color: #92400e; }
.badge-open, .badge-not-done { background: #fee2e2; color: #991b1b; } .badge-skipped { background: #f3f4f6; color: #4b5563; }
ul { margin: 0 0 12px; padding-left: 20px; } li { margin: 3px 0; overflow-wrap: anywhere; }
figure.chart { margin: 4px 0 16px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
figure.chart .plot { overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
footer.document { color: var(--muted); font-size: 13px; text-align: center; margin-top: 20px; }
@media print { body { background: #fff; } header.document { background: #fff; color: var(--ink); border: 1px solid var(--line); }
  header.document p, nav.contents a { color: var(--muted); } section { break-inside: avoid-page; } }
`
