/**
 * The only place numbers are rounded or given separators. Rounding is half
 * away from zero at the shown precision; JSON never comes through here.
 */
import { roundHalfAway } from '../core/stats/percent.js';
import type { CellValue, ColumnKind } from './grid.js';

export { roundHalfAway };

const MINUS = '\u2212';

function thousands(n: number): string {
  const s = String(Math.abs(n));
  const [int, frac] = s.split('.');
  const withSep = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? withSep : `${withSep}.${frac}`;
}

/** Two decimals with thousands separators: 5876 → `5,876.00`. */
function thousands2(n: number): string {
  const [int, frac] = n.toFixed(2).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

function signed(text: string, n: number): string {
  return n > 0 ? `+${text}` : n < 0 ? `${MINUS}${text}` : text;
}

/** A cell as people read it: separators, signs, one decimal, `n/a`. */
export function humanCell(value: CellValue, kind: ColumnKind): string {
  if (value === null) return kind === 'text' ? '' : 'n/a';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count':
      return (value < 0 ? MINUS : '') + thousands(value);
    case 'change':
      return signed(thousands(Math.abs(value)), value);
    case 'pct': {
      const r = roundHalfAway(value, 1);
      return `${signed(Math.abs(r).toFixed(1), r)}%`;
    }
    case 'rate':
      return (value < 0 ? MINUS : '') + thousands2(roundHalfAway(Math.abs(value), 2));
    case 'rateChange': {
      const r = roundHalfAway(value, 2);
      return signed(thousands2(Math.abs(r)), r);
    }
    case 'pvalue':
      return formatPValue(value);
    case 'ratio':
      return roundHalfAway(value, 2).toFixed(2);
    case 'text':
      return String(value);
  }
}

/** p-values: 3 significant digits, and never 0 (`<1e-15`). */
export function formatPValue(p: number): string {
  if (p < 1e-15) return '<1e-15';
  if (p < 0.001) return p.toExponential(1);
  return roundHalfAway(p, 3).toFixed(3);
}

/** A cell for CSV/TSV: plain numbers (no separators, no %), empty for n/a. */
export function plainCell(value: CellValue, kind: ColumnKind): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'pct':
      return String(roundHalfAway(value, 1));
    case 'rate':
    case 'rateChange':
      return String(roundHalfAway(value, 4));
    case 'pvalue':
    case 'ratio':
      // Full precision; a p-value is never 0 (tiny ones print as e.g. 1.2e-40).
      return String(value);
    default:
      return String(value);
  }
}

/** Whether a numeric cell shows a decrease (-1), an increase (1) or neither (0), for colour. */
export function direction(value: CellValue, kind: ColumnKind): -1 | 0 | 1 {
  if (typeof value !== 'number' || (kind !== 'change' && kind !== 'pct' && kind !== 'rateChange')) return 0;
  const v = kind === 'pct' ? roundHalfAway(value, 1) : kind === 'rateChange' ? roundHalfAway(value, 2) : value;
  return v < 0 ? -1 : v > 0 ? 1 : 0;
}

/** A z-score as people read it: signed, two decimals (`+2.00`, `−2.37`). */
export function formatScore(z: number): string {
  const r = roundHalfAway(z, 2);
  return signed(Math.abs(r).toFixed(2), r);
}
