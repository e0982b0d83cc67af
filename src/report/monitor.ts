/**
 * How reports show the monitoring measures: Wheeler's z with its marks,
 * p-values adjusted across rows (--adjust) and the dispersion columns; the
 * caption and footer lines that explain them.
 */
import type { ComparisonRow } from '../core/compare.js';
import type { DispersionBase } from '../core/compare-monitor.js';
import { zMark } from '../core/compare-monitor.js';
import { significanceMark, type StatsMode } from '../core/compare-stats.js';
import { ADJUST_WORDS, type AdjustMethod } from '../core/stats/adjust.js';
import { formatPValue, formatScore, roundHalfAway } from '../format/cells.js';
import type { CellValue, ColumnKind } from '../format/grid.js';
import { fmtCount } from './labels.js';

type Row = Omit<ComparisonRow, 'key'>;

/** A column: its header, its kind and how a row (or the total) fills it. */
export interface CellSpec {
  header: string;
  kind: ColumnKind;
  cell: (r: Row) => CellValue;
}

/** A p-value cell: in human formats with its stars (padded so that the digits line up) unless `plain`. */
export function pCell(p: number | null | undefined, human: boolean, plain = false): CellValue {
  if (p === undefined || p === null) return null;
  if (!human) return p;
  return plain ? formatPValue(p) : `${formatPValue(p)}${significanceMark(p).padEnd(2, ' ')}`;
}

/** A z cell: in human formats signed with two decimals and its marks (* |z| ≥ 2, ** |z| ≥ 3). */
export function zCell(z: number | null | undefined, human: boolean): CellValue {
  if (z === undefined || z === null) return null;
  return human ? `${formatScore(z)}${zMark(z).padEnd(2, ' ')}` : z;
}

export interface PairOptions {
  stats: StatsMode | undefined;
  z: boolean;
  human: boolean;
  /** --adjust: an adjusted column after each p column, and the marks move to it. */
  adjusted: boolean;
}

const nth = <T>(v: T | T[] | undefined, i: number): T | undefined => (Array.isArray(v) ? v[i] : v);

/**
 * The statistics columns of one comparison pair: the current window against
 * earlier window `which` (its index), or against the earlier windows' mean.
 */
export function pairColumns(suffix: string, which: number | 'mean', o: PairOptions): CellSpec[] {
  const mean = which === 'mean';
  const pick = <K extends keyof Row>(each: K, vsMean: keyof Row) => {
    return (r: Row) => (mean ? (r[vsMean] as number | null | undefined) : (nth(r[each] as number | number[] | undefined, which) ?? null));
  };
  const out: CellSpec[] = [];
  if (o.stats) {
    const p = pick('pValue', 'pValueVsMean');
    out.push({ header: `p${suffix}`, kind: 'pvalue', cell: (r) => pCell(p(r), o.human, o.adjusted) });
    if (o.adjusted) {
      const adj = pick('pAdjusted', 'pAdjustedVsMean');
      out.push({ header: `p adj${suffix}`, kind: 'pvalue', cell: (r) => pCell(adj(r), o.human) });
    }
    if (o.stats === 'exact') {
      const pe = pick('pExact', 'pExactVsMean');
      out.push({ header: `p exact${suffix}`, kind: 'pvalue', cell: (r) => pCell(pe(r), o.human, o.adjusted) });
      if (o.adjusted) {
        const adj = pick('pExactAdjusted', 'pExactAdjustedVsMean');
        out.push({ header: `p exact adj${suffix}`, kind: 'pvalue', cell: (r) => pCell(adj(r), o.human) });
      }
      const rr = (r: Row) => (mean ? r.rateRatioVsMean : nth(r.rateRatio, which));
      out.push(
        { header: `RR${suffix}`, kind: 'ratio', cell: (r) => rr(r)?.ratio ?? null },
        { header: `RR low${suffix}`, kind: 'ratio', cell: (r) => rr(r)?.low ?? null },
        { header: `RR high${suffix}`, kind: 'ratio', cell: (r) => rr(r)?.high ?? null },
      );
    }
  }
  if (o.z) {
    const z = pick('z', 'zVsMean');
    out.push({ header: `z${suffix}`, kind: 'ratio', cell: (r) => zCell(z(r), o.human) });
  }
  return out;
}

/** --dispersion: expected, the difference, its z and p (and p adjusted); empty on the total row. */
export function dispersionColumns(o: { perDay: boolean; human: boolean; adjusted: boolean }): CellSpec[] {
  const day = o.perDay ? ' /day' : '';
  const out: CellSpec[] = [
    {
      header: `Expected${day}`,
      kind: 'rate',
      cell: (r) => (r.dispersion ? (o.perDay ? (r.dispersion.expectedPerDay ?? null) : r.dispersion.expected) : null),
    },
    {
      header: `Diff${day}`,
      kind: 'rateChange',
      cell: (r) => {
        const d = r.dispersion;
        if (!d) return null;
        return o.perDay && r.rates ? r.rates[r.rates.length - 1]! - (d.expectedPerDay ?? 0) : d.difference;
      },
    },
    { header: 'z disp', kind: 'ratio', cell: (r) => zCell(r.dispersion?.z, o.human) },
    { header: 'p disp', kind: 'pvalue', cell: (r) => pCell(r.dispersion?.pValue, o.human, o.adjusted) },
  ];
  if (o.adjusted) out.push({ header: 'p disp adj', kind: 'pvalue', cell: (r) => pCell(r.dispersion?.pAdjusted, o.human) });
  return out;
}

export const Z_FOOTER =
  "z: Wheeler's Poisson z-score 2(√current − √earlier), the earlier count scaled to the current window's days. * |z| ≥ 2, ** |z| ≥ 3.";

/** What z takes for granted, under every z footer. */
export const Z_CAVEAT =
  'z takes the earlier count as a known rate: between two single windows its spread is about √2, so |z| ≥ 3 is the safer line.';

export const Z_JSON = "Wheeler's Poisson z-score 2(sqrt(current) - sqrt(earlier)), the earlier count scaled to the current window's days";

/** JSON: the method and how many tests each family held. */
export function adjustJsonNote(a: { method: AdjustMethod; tests: number }): Record<string, unknown> {
  return {
    method: a.method,
    tests: a.tests,
    note: 'each column of p-values adjusted across the rows (all groups); pAdjusted beside pValue',
  };
}

/** JSON: the overall change the groups are held against and the measures. */
export function dispersionJsonNote(d: DispersionBase): Record<string, unknown> {
  return {
    ratio: d.ratio,
    ratePerDay: d.ratePerDay,
    earlier: d.earlier,
    current: d.current,
    expected: "earlier count (earlier windows pooled) × the ratio of all groups' counts",
    z: '(observed - expected) / sqrt(expected)',
    test: 'exact two-sided Poisson test of the observed count against the expected one (twice the smaller tail)',
  };
}

export function dispersionFooter(): string[] {
  return [
    "Expected: the group's earlier count × the overall ratio in the caption; Diff: observed − expected.",
    'z disp: (observed − expected)/√expected; p disp: exact two-sided Poisson test of the observed count against the expected one (twice the smaller tail). A group with no earlier count has neither.',
    "Both take the expected count as exact: when a group's earlier count is about as large as its current one, z disp is about √(1 + ratio) too large.",
  ];
}

const ratioText = (x: number) => roundHalfAway(x, 3).toFixed(3);

/** `Dispersion: expected current = earlier × 1.020, the ratio of all groups' counts (2,504 / 2,455)`. */
export function dispersionCaption(d: DispersionBase, perDay: boolean, pooled: boolean): string {
  if (d.ratio === null) return 'Dispersion: no incidents in the earlier windows, so no overall ratio to hold the groups against.';
  const perDayText = perDay && d.ratePerDay !== null ? `; daily rates ${ratioText(d.ratePerDay)}` : '';
  const earlier = pooled ? 'the earlier windows pooled' : 'earlier';
  return `Dispersion: expected current = ${earlier} × ${ratioText(d.ratio)}, the ratio of all groups' counts (${fmtCount(d.current)} / ${fmtCount(d.earlier)})${perDayText}`;
}

/** The caption line that says how many tests were adjusted together. */
export function adjustCaption(a: { method: AdjustMethod; tests: number }, groups: number, shown: number): string {
  const all = shown < groups ? `, all ${fmtCount(groups)} groups (not only the ${fmtCount(shown)} shown)` : '';
  return `p-values adjusted together (--adjust ${a.method}): ${fmtCount(a.tests)} tests in each p column${all}`;
}

export function adjustFooter(method: AdjustMethod): string {
  const words = method === 'none' ? 'nothing' : ADJUST_WORDS[method];
  return `p adj: the p-values of each column adjusted across the rows by ${words}; the marks (* < 0.05, ** < 0.01) follow the adjusted values, the total row is not a test.`;
}
