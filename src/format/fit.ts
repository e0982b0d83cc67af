/**
 * Fitting a table to the terminal: label columns shortened with an ellipsis,
 * then the other columns folded into several boxes that each repeat the
 * labels, and caption lines wrapped between words. Only for a table on a
 * terminal; piped output and --wide keep the whole table on one line.
 */
import type { ColumnKind } from './grid.js';

/** Label columns are not shortened below this (nor the ellipsis would say little). */
export const MIN_LABEL = 16;
/** When folding, labels longer than this are shortened first (more data columns per box). */
export const FOLD_LABEL = 24;

/** Columns that belong with the one before them (a % beside its change, a p beside them). */
const FOLLOWS: ReadonlySet<ColumnKind> = new Set(['pct', 'pvalue', 'ratio', 'rateChange']);

/** A plan: the width each column is cut to, and the boxes (each a list of column indexes, labels first). */
export interface FitPlan {
  widths: number[];
  boxes: number[][];
}

/** The width of a box whose columns have these widths (one space each side, a border between and around). */
export function boxWidth(widths: readonly number[]): number {
  return widths.reduce((n, w) => n + w + 3, 1);
}

/**
 * Decides how a table with these column kinds and content widths fits in
 * `width`: as it is; with its leading text columns (the labels) shortened
 * to no less than {@link MIN_LABEL}; or folded into boxes.
 */
export function fitPlan(kinds: readonly ColumnKind[], widths: readonly number[], width: number): FitPlan {
  const all = widths.map((_, i) => i);
  if (boxWidth(widths) <= width) return { widths: [...widths], boxes: [all] };
  let labels = 0;
  while (labels < kinds.length - 1 && kinds[labels] === 'text') labels++;
  const labelIdx = all.slice(0, labels);
  const dataIdx = all.slice(labels);
  const dataWidth = boxWidth(dataIdx.map((i) => widths[i]!)) - 1;
  // Shortening the labels alone may be enough.
  const oneBox = shortenLabels(widths, labelIdx, width - dataWidth, MIN_LABEL);
  if (oneBox) return { widths: oneBox, boxes: [all] };
  // Fold: labels to FOLD_LABEL at most, and shorter still (not below
  // MIN_LABEL) when a box could not hold the widest group, or else the widest
  // column, beside them; then as many column groups per box as fit.
  const groups: number[][] = [];
  for (const i of dataIdx) {
    if (groups.length > 0 && FOLLOWS.has(kinds[i]!)) groups[groups.length - 1]!.push(i);
    else groups.push([i]);
  }
  const capped = widths.map((w, i) => (i < labels ? Math.min(w, FOLD_LABEL) : w));
  const span = (cols: readonly number[]) => cols.reduce((n, i) => n + capped[i]! + 3, 0);
  const widestGroup = Math.max(...groups.map(span));
  const widestColumn = Math.max(...dataIdx.map((i) => span([i])));
  const cut =
    shortenLabels(capped, labelIdx, width - widestGroup, MIN_LABEL) ??
    shortenLabels(capped, labelIdx, width - widestColumn, MIN_LABEL) ??
    capped.map((w, i) => (i < labels ? Math.min(w, MIN_LABEL) : w));
  const labelWidth = boxWidth(labelIdx.map((i) => cut[i]!));
  const boxes: number[][] = [];
  let current: number[] = [];
  let used = labelWidth;
  const place = (cols: number[]) => {
    for (const i of cols) {
      const w = cut[i]! + 3;
      if (current.length > 0 && used + w > width) {
        boxes.push([...labelIdx, ...current]);
        current = [];
        used = labelWidth;
      }
      current.push(i);
      used += w;
    }
  };
  for (const g of groups) {
    const w = g.reduce((n, i) => n + cut[i]! + 3, 0);
    // A group that fits in a fresh box is not split across two.
    if (current.length > 0 && used + w > width && labelWidth + w <= width) {
      boxes.push([...labelIdx, ...current]);
      current = [];
      used = labelWidth;
    }
    place(g);
  }
  if (current.length > 0) boxes.push([...labelIdx, ...current]);
  return { widths: cut, boxes };
}

/**
 * Shortens the label columns (widest first) until together they take no more
 * than `budget` characters of box, none below `floor`; null when that is not
 * enough.
 */
function shortenLabels(widths: readonly number[], labels: readonly number[], budget: number, floor: number): number[] | null {
  const out = [...widths];
  const need = () => boxWidth(labels.map((i) => out[i]!));
  while (need() > budget) {
    let widest = -1;
    for (const i of labels) if (out[i]! > floor && (widest < 0 || out[i]! > out[widest]!)) widest = i;
    if (widest < 0) return null;
    out[widest]!--;
  }
  return out;
}

/** Wraps a line between words to `width` (a word longer than the line stays whole: numbers are never cut). */
export function wrapLine(text: string, width: number, measure: (s: string) => number): string[] {
  if (measure(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The longest caption line shown whole off a terminal; a longer one is cut between words. */
export const MAX_CAPTION = 1000;

/** Cuts a caption line longer than {@link MAX_CAPTION} between words, ending in ` …`. */
export function clipCaption(text: string): string {
  if (text.length <= MAX_CAPTION) return text;
  const cut = text.lastIndexOf(' ', MAX_CAPTION - 2);
  return `${text.slice(0, cut > 0 ? cut : MAX_CAPTION - 2)} \u2026`;
}

/** Cuts text to `width` terminal columns, ending in `…` when cut. */
export function clipToWidth(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (measure(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}\u2026`;
}
