/** The trend report: counts per period as JSON, and as a wide or long grid. */
import { type Day, formatDay, formatLongDay, parseIsoDay } from '../core/civil.js';
import type { ReadResult } from '../core/ingest.js';
import type { Every } from '../core/periods.js';
import { lastComplete, sparkline, type Trend, type TrendVs } from '../core/trend.js';
import { type LeapDayPolicy, leapDayNote, type WeekStart } from '../core/windows.js';
import type { BandOptions } from '../core/trend-band.js';
import { humanCell } from '../format/cells.js';
import type { CellValue, Grid, GridColumn } from '../format/grid.js';
import { filesText, topLine } from './caption.js';
import { COVERAGE_MARK, coverageFootnotes } from './coverage.js';
import { countedLine, idLine, inputSummary } from './input.js';
import { countOf, groupColumns, keyCells, totalCells } from './labels.js';
import { Z_CAVEAT, zCell } from './monitor.js';

/** The trend flags a report shows. */
export interface TrendReportFlags {
  every: Every;
  vs: TrendVs;
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  top?: number;
  /** --band: the baseline and level of the bands. */
  band?: BandOptions;
  /** --stats z: a z column. */
  z?: boolean;
}

const EVERY_WORD: Record<Every, string> = { week: 'Weekly', month: 'Monthly', quarter: 'Quarterly', year: 'Yearly' };
const VS_TEXT: Record<TrendVs, string> = { previous: 'the previous period', year: 'a year earlier' };

/** The JSON report: the compare shape with `periods` in place of `windows`. */
export function trendJson(t: Trend, flags: TrendReportFlags, asOf: Day, read: ReadResult) {
  return {
    command: 'trend',
    asOf: formatDay(asOf),
    every: flags.every,
    vs: flags.vs,
    ...(flags.every === 'week' ? { weekStart: flags.weekStart } : {}),
    leapDay: flags.leapDay,
    ...(flags.z ? { stats: { z: TREND_Z_JSON } } : {}),
    ...(flags.band ? { band: bandJsonNote(flags.band) } : {}),
    periods: t.periods,
    groupBy: t.groupBy,
    rows: t.rows,
    total: t.total,
    input: inputSummary(read, t.rowsCounted, t.rowsOutsideWindows),
  };
}

/** A period's header: `*` when incomplete; in human formats `⚠` when sparse. */
function periodHeader(p: Trend['periods'][number], human: boolean): string {
  const label = p.complete ? p.label : `${p.label}*`;
  return human && p.coverage?.sparse ? `${label} ${COVERAGE_MARK}` : label;
}

function footerLines(t: Trend, flags: TrendReportFlags, read: ReadResult): string[] {
  const out: string[] = [];
  const incomplete = t.periods.filter((p) => !p.complete);
  if (incomplete.length) {
    out.push(
      `* Incomplete: ${incomplete.map((p) => p.label).join(', ')} ${incomplete.length === 1 ? 'reaches' : 'reach'} outside the dates covered (before the data or the range, or after the as-of day); no change is shown for ${incomplete.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (flags.every === 'week')
    out.push(`Weeks start on ${flags.weekStart === 'mon' ? 'Monday (ISO week numbers)' : 'Sunday (epi week numbers)'}.`);
  out.push(...idLine(read));
  const note = leapDayNote(
    flags.leapDay,
    t.periods.map((p) => ({ label: p.label, start: parseDayStrict(p.start), end: parseDayStrict(p.end) })),
  );
  if (note) out.push(note);
  if (flags.z)
    out.push(
      `z: Wheeler's Poisson z-score 2(√count − √earlier), the earlier count scaled to the period's days. * |z| ≥ 2, ** |z| ≥ 3.`,
      Z_CAVEAT,
    );
  if (flags.band) out.push(...bandFooter(flags.band, flags.every));
  const shown = flags.top !== undefined ? topLine(t.rows.length, t.groupCount) : undefined;
  if (shown) out.push(shown);
  out.push(countedLine(read, t.rowsCounted, t.rowsOutsideWindows, 'periods'));
  return out;
}

const TREND_Z_JSON =
  "Wheeler's Poisson z-score 2(sqrt(count) - sqrt(earlier count)) of each period against its comparison period, scaled to the period's days";

const BAND_MARK = { above: '\u25b2', below: '\u25bc' } as const;

function bandJsonNote(b: BandOptions) {
  return {
    previous: b.previous,
    seasonal: b.seasonal,
    level: b.level,
    expected: "the baseline periods' daily rate × the period's days",
    limits: 'exact Poisson limits around the expected count (SciPy poisson.interval(level, expected))',
  };
}

const EVERY_PLURAL: Record<Every, string> = { week: 'weeks', month: 'months', quarter: 'quarters', year: 'years' };

/** What the band is, in one or two footer lines. */
function bandFooter(b: BandOptions, every: Every): string[] {
  const from = [
    ...(b.previous ? [`the ${b.previous} ${b.previous === 1 ? every : EVERY_PLURAL[every]} before`] : []),
    ...(b.seasonal ? [b.seasonal === 1 ? 'the same dates a year earlier' : `the same dates in the ${b.seasonal} years before`] : []),
  ].join(' and ');
  return [
    `Band (--band): each complete period's expected count from ${from} (their daily rate × the period's days), with exact Poisson ${roundPct(b.level)} limits; ${BAND_MARK.above} above, ${BAND_MARK.below} below them.`,
  ];
}

const roundPct = (level: number) => `${Math.round(level * 10000) / 100}%`;

/** A period's count with its band mark (human formats): ` ▲`, ` ▼`, or two spaces so the digits line up. */
function bandCell(count: number, band: Trend['rows'][number]['band'], i: number): CellValue {
  const o = band?.[i]?.outside;
  return `${humanCell(count, 'count')}${o ? ` ${BAND_MARK[o]}` : '  '}`;
}

function parseDayStrict(s: string): Day {
  return parseIsoDay(s)!;
}

function caption(t: Trend, flags: TrendReportFlags, range: { start: Day; end: Day }, read: ReadResult): string {
  const first = t.periods[0]!;
  const last = t.periods[t.periods.length - 1]!;
  const span = first === last ? first.label : `${first.label} – ${last.label}`;
  return [
    `${EVERY_WORD[flags.every]} · ${span} (${t.periods.length} ${t.periods.length === 1 ? 'period' : 'periods'}) · ${formatLongDay(range.start)} – ${formatLongDay(range.end)}`,
    `${filesText(read.fileNames)} (${countOf(read.tally.rowsRead, 'row')})`,
  ].join(' · ');
}

/** Wide: one row per group, one column per period, a sparkline, the last known change. */
export function trendWideGrid(t: Trend, flags: TrendReportFlags, range: { start: Day; end: Day }, read: ReadResult, spark: boolean): Grid {
  const columns: GridColumn[] = groupColumns(t.groupBy);
  for (const p of t.periods) columns.push({ header: periodHeader(p, spark), kind: 'count' });
  if (spark) columns.push({ header: 'Trend', kind: 'text' });
  const last = lastComplete(t.total.vsCounts.map((v) => v !== null));
  if (last >= 0) columns.push({ header: 'Change', kind: 'change' }, { header: '% Change', kind: 'pct' });
  if (last >= 0 && flags.z) columns.push({ header: 'z', kind: 'ratio' });
  const complete = t.periods.map((p) => p.complete);
  const marks = spark && flags.band !== undefined;
  const tail = (r: Omit<Trend['rows'][number], 'key'>): CellValue[] => {
    const out: CellValue[] = marks ? r.counts.map((c, i) => bandCell(c, r.band, i)) : [...r.counts];
    if (spark) out.push(sparkline(r.counts, complete));
    if (last >= 0) out.push(r.change[last] ?? null, r.pctChange[last] ?? null);
    if (last >= 0 && flags.z) out.push(zCell(r.z?.[last], spark));
    return out;
  };
  const footer = footerLines(t, flags, read);
  if (spark)
    footer.unshift(
      ...coverageFootnotes(
        t.periods.filter((p) => p.coverage?.sparse),
        'period',
      ),
    );
  if (last >= 0) {
    const p = t.periods[last]!;
    const vsText = flags.vs === 'year' && flags.every === 'week' ? `${p.vs.start}..${p.vs.end}` : p.vs.label;
    footer.unshift(`Change: ${p.label} against ${vsText} (${VS_TEXT[flags.vs]}).`);
  }
  return {
    caption: [caption(t, flags, range, read)],
    columns,
    rows: t.rows.map((r) => [...keyCells(t.groupBy, r.key), ...tail(r)]),
    total: [...totalCells(t.groupBy), ...tail(t.total)],
    footer,
  };
}

/** Long: one row per group and period, with the count it is compared with and the change. */
export function trendLongGrid(t: Trend, flags: TrendReportFlags, range: { start: Day; end: Day }, read: ReadResult, human = false): Grid {
  const columns: GridColumn[] = groupColumns(t.groupBy);
  columns.push(
    { header: 'Period', kind: 'text' },
    { header: 'Start', kind: 'text' },
    { header: 'End', kind: 'text' },
    { header: 'Complete', kind: 'text' },
    { header: 'Count', kind: 'count' },
    { header: flags.vs === 'year' ? 'Year earlier' : 'Previous', kind: 'count' },
    { header: 'Change', kind: 'change' },
    { header: '% Change', kind: 'pct' },
  );
  if (flags.z) columns.push({ header: 'z', kind: 'ratio' });
  if (flags.band)
    columns.push(
      { header: 'Expected', kind: 'rate' },
      { header: 'Lower', kind: 'count' },
      { header: 'Upper', kind: 'count' },
      { header: 'Band', kind: 'text' },
    );
  const rows: CellValue[][] = [];
  const extra = (r: Omit<Trend['rows'][number], 'key'>, i: number): CellValue[] => {
    const out: CellValue[] = [];
    if (flags.z) out.push(zCell(r.z?.[i], human));
    const b = r.band?.[i];
    if (flags.band) out.push(b?.expected ?? null, b?.lower ?? null, b?.upper ?? null, b?.outside ?? '');
    return out;
  };
  const add = (key: string[], r: Omit<Trend['rows'][number], 'key'>) =>
    t.periods.forEach((p, i) =>
      rows.push([
        ...key,
        p.label,
        p.start,
        p.end,
        p.complete ? 'yes' : 'no',
        r.counts[i]!,
        r.vsCounts[i] ?? null,
        r.change[i] ?? null,
        r.pctChange[i] ?? null,
        ...extra(r, i),
      ]),
    );
  for (const r of t.rows) add(keyCells(t.groupBy, r.key), r);
  add(totalCells(t.groupBy), t.total);
  return { caption: [caption(t, flags, range, read)], columns, rows, footer: footerLines(t, flags, read) };
}
