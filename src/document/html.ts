/**
 * The HTML report: one self-contained page (styles inline, charts as inline
 * SVG, no script, no font or image to fetch) that opens from an email
 * attachment, reads on a phone and prints on A4 or Letter. Per section: the
 * heading, the caption (windows with dates, files, rows), the table (real
 * header cells with scope, numbers right-aligned, changes marked by arrow and
 * colour, significant ones in bold), the notes, and the charts.
 */
import { formatPValue, humanCell } from '../format/cells.js';
import type { CellValue, ColumnKind, Grid, GridColumn } from '../format/grid.js';
import { type ChartSpec, chartSvg, DOWN, sectionCharts, UP } from './charts.js';
import { sectionFacts, sectionTitle } from './facts.js';
import type { Doc, DocSection } from './types.js';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
:root{--ink:#1a1a1a;--muted:#5f6368;--rule:#d0d0d0;--up:${UP};--down:${DOWN}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
h1{font-size:1.5rem;margin:0 0 4px}
h2{font-size:1.2rem;margin:28px 0 4px;padding-top:8px;border-top:2px solid var(--ink)}
.meta,.caption,.notes,.legend,figcaption{color:var(--muted);font-size:.85rem}
.caption{margin:2px 0 8px}
.caption p{margin:0}
nav ol{margin:6px 0;padding-left:22px;font-size:.9rem}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:6px 0}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.88rem}
caption{text-align:left;font-weight:600;padding:0 0 4px}
th,td{padding:3px 10px;border:0;white-space:nowrap}
thead th{border-bottom:1px solid var(--ink);font-weight:600;vertical-align:bottom;text-align:right}
thead th.text{text-align:left}
tbody th{font-weight:400;text-align:left}
td.num{text-align:right}
td.text{text-align:left}
tbody tr:nth-child(even){background:#fafafa}
tfoot th,tfoot td{border-top:1px solid var(--rule);font-weight:600}
.up{color:var(--up)}
.down{color:var(--down)}
.sig{font-weight:700}
.sig.up{background:#fbe9eb}
.sig.down{background:#e8f0f8}
.na{color:var(--muted)}
.arrow{font-size:.75em;margin-right:2px}
.notes{margin:4px 0 8px;padding-left:18px}
figure{margin:12px 0}
figure svg{max-width:100%;height:auto}
.legend{margin:4px 0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:600px){body{font-size:14px}th,td{padding:3px 6px}h1{font-size:1.25rem}}
@media print{
  @page{margin:12mm}
  body{font-size:10pt}
  header,main,footer{max-width:none;padding:0}
  nav{display:none}
  .table-wrap{overflow:visible}
  table{font-size:8.5pt}
  section{break-before:page}
  section:first-of-type{break-before:auto}
  tr,figure{break-inside:avoid}
  h2{break-after:avoid}
  tbody tr:nth-child(even){background:none}
  .sig.up,.sig.down{background:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

const NUMERIC: readonly ColumnKind[] = ['count', 'change', 'pct', 'rate', 'rateChange', 'pvalue', 'ratio'];
const CHANGES: readonly ColumnKind[] = ['change', 'pct', 'rateChange'];

/** What the page shows of a grid: the columns kept, the window columns marked, the p column of each change column. */
interface TablePlan {
  keep: number[];
  /** Column index → the p-value column that tests it. */
  pOf: Map<number, number>;
  /** The `small` column (0/1), shown as † beside the row's name. */
  small: number;
  /** Header → coverage word, for window columns the data does not cover in full. */
  coverage: Map<string, string>;
  /** Index of the last group (label) column. */
  lastLabel: number;
}

function plan(grid: Grid): TablePlan {
  const cols = grid.columns;
  const coverage = new Map<string, string>();
  const keep: number[] = [];
  let small = -1;
  cols.forEach((c, i) => {
    if (c.kind === 'text' && c.header.endsWith(' coverage') && i > 0) {
      const v = grid.rows[0]?.[i] ?? grid.total?.[i];
      coverage.set(c.header.slice(0, -' coverage'.length), typeof v === 'string' ? v : 'incomplete');
      return;
    }
    if (c.header === 'small' && c.kind === 'count') {
      small = i;
      return;
    }
    keep.push(i);
  });
  const pOf = new Map<number, number>();
  let from = 0;
  cols.forEach((c, i) => {
    if (c.kind !== 'pvalue' || c.header.startsWith('p exact')) return;
    for (let k = from; k < i; k++) if (CHANGES.includes(cols[k]!.kind)) pOf.set(k, i);
    from = i + 1;
  });
  let lastLabel = -1;
  for (let i = 0; i < cols.length && cols[i]!.kind === 'text'; i++) lastLabel = i;
  return { keep, pOf, small, coverage, lastLabel };
}

function headerCell(c: GridColumn, p: TablePlan): string {
  const cls = NUMERIC.includes(c.kind) ? 'num' : 'text';
  // A window the data does not cover in full: marked by a sign and its word, not by colour.
  const label = [...p.coverage.keys()].find((l) => c.header === l || c.header.endsWith(` ${l}`) || c.header.startsWith(`${l} `));
  const mark =
    label !== undefined ? ` <abbr title="${esc(p.coverage.get(label)!)}: the data does not cover all of this window">⚠</abbr>` : '';
  return `<th scope="col" class="${cls}">${esc(c.header)}${mark}</th>`;
}

function dataCell(v: CellValue, c: GridColumn, row: readonly CellValue[], col: number, p: TablePlan, asHeader: boolean): string {
  const kind = c.kind;
  if (kind === 'text' || typeof v === 'string') {
    let text = v === null ? '' : String(v);
    if (col === p.lastLabel && p.small >= 0 && row[p.small] === 1) text += ' †';
    return asHeader ? `<th scope="row">${esc(text)}</th>` : `<td class="text">${esc(text)}</td>`;
  }
  if (v === null) return `<td class="num na">n/a</td>`;
  const classes = ['num'];
  let shown = esc(humanCell(v, kind));
  if (kind === 'pvalue') {
    const mark = v < 0.01 ? '**' : v < 0.05 ? '*' : '';
    shown = `${esc(formatPValue(v))}${mark ? `<span class="mark">${mark}</span>` : ''}`;
    if (mark) classes.push('sig');
  }
  if (CHANGES.includes(kind)) {
    const pCol = p.pOf.get(col);
    const pv = pCol !== undefined ? row[pCol] : undefined;
    const sig = typeof pv === 'number' && pv < 0.05;
    const dir = shownDirection(v, kind);
    if (dir !== 0) {
      classes.push(dir > 0 ? 'up' : 'down');
      shown = `<span class="arrow" aria-hidden="true">${dir > 0 ? '▲' : '▼'}</span>${shown}`;
    }
    if (sig) classes.push('sig');
  }
  return `<td class="${classes.join(' ')}" data-value="${v}">${shown}</td>`;
}

function shownDirection(v: number, kind: ColumnKind): number {
  const t = humanCell(v, kind);
  return t.startsWith('+') ? 1 : t.startsWith('\u2212') ? -1 : 0;
}

function table(grid: Grid, caption: string): string {
  const p = plan(grid);
  const cols = grid.columns;
  const head = `<thead><tr>${p.keep.map((i) => headerCell(cols[i]!, p)).join('')}</tr></thead>`;
  const row = (r: readonly CellValue[]) =>
    `<tr>${p.keep.map((i, k) => dataCell(r[i] ?? null, cols[i]!, r, i, p, k === 0 && cols[i]!.kind === 'text')).join('')}</tr>`;
  const body = `<tbody>${grid.rows.map(row).join('\n')}</tbody>`;
  const foot = grid.total ? `<tfoot>${row(grid.total)}</tfoot>` : '';
  return `<div class="table-wrap"><table><caption class="sr">${esc(caption)}</caption>${head}\n${body}${foot}</table></div>`;
}

/** The legend of a table with change columns: arrows and words, not colour alone. */
function legend(grid: Grid): string {
  const kinds = grid.columns.map((c) => c.kind);
  if (!kinds.some((k) => CHANGES.includes(k))) return '';
  const stats = kinds.includes('pvalue');
  const small = grid.columns.findIndex((c) => c.header === 'small' && c.kind === 'count');
  const parts = [
    `<span class="up">▲ increase</span>`,
    `<span class="down">▼ decrease</span>`,
    stats ? '<span class="sig">bold and shaded: p &lt; 0.05 (* p &lt; 0.05, ** p &lt; 0.01)</span>' : '',
    small >= 0 && [...grid.rows, grid.total ?? []].some((r) => r[small] === 1) ? '† small counts: the % change and p-value say little' : '',
    'n/a: no % change from 0',
  ].filter(Boolean);
  return `<p class="legend">${parts.join(' · ')}</p>`;
}

async function figure(c: ChartSpec): Promise<string> {
  const svg = await chartSvg(c);
  const marks = Object.entries(c.marks)
    .map(([k, n]) => `${k}:${n}`)
    .join(' ');
  return `<figure class="chart" data-marks="${esc(marks)}">${svg}<figcaption>${esc(c.description)}${c.note ? ` ${esc(c.note)}` : ''}</figcaption></figure>`;
}

async function section(s: DocSection, i: number): Promise<string> {
  const title = sectionTitle(s, i);
  const id = `s${i + 1}`;
  const parts: string[] = [
    `<section id="${id}" aria-labelledby="${id}-h" data-command="${esc(s.command)}">`,
    `<h2 id="${id}-h">${esc(title)}</h2>`,
  ];
  if (s.note) parts.push(`<p class="note">${esc(s.note)}</p>`);
  s.grids.forEach((g, k) => {
    if (g.caption.length) parts.push(`<div class="caption">${g.caption.map((l) => `<p>${esc(l)}</p>`).join('')}</div>`);
    parts.push(table(g, k === 0 ? title : `${title} (${k + 1})`));
    parts.push(legend(g));
    for (const m of g.more ?? []) parts.push(table(m, `${title}: ${m.columns.map((c) => c.header).join(', ')}`));
    if (g.footer.length) parts.push(`<ul class="notes">${g.footer.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);
  });
  for (const c of sectionCharts(s.command, s.json)) parts.push(await figure(c));
  parts.push('</section>');
  return parts.filter(Boolean).join('\n');
}

export async function renderHtml(doc: Doc): Promise<string> {
  const facts = doc.sections.map(sectionFacts);
  const asOfs = [...new Set(facts.map((f) => f.asOf).filter((a): a is string => a !== null))];
  // The files as the counting sections name them (inspect names the bundled sample by its path).
  const named = facts.filter((_, i) => doc.sections[i]!.command !== 'inspect');
  const files = [...new Set((named.length ? named : facts).flatMap((f) => f.files))];
  const meta = [
    asOfs.length ? `As of ${asOfs.join(', ')}` : '',
    files.length ? `${files.length === 1 ? 'File' : 'Files'}: ${files.join(', ')}` : '',
    doc.generator,
  ].filter(Boolean);
  const sections: string[] = [];
  for (const [i, s] of doc.sections.entries()) sections.push(await section(s, i));
  const nav =
    doc.sections.length > 1
      ? `<nav aria-label="Sections"><ol>${doc.sections.map((s, i) => `<li><a href="#s${i + 1}">${esc(sectionTitle(s, i))}</a></li>`).join('')}</ol></nav>`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(doc.generator)}">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(doc.title)}</h1>
<p class="meta">${meta.map(esc).join(' · ')}</p>
${doc.note ? `<p>${esc(doc.note)}</p>` : ''}
${nav}
</header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
