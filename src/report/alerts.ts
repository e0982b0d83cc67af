/** The alerts report: the groups outside their limits as JSON, and as a grid for table, md, csv and tsv. */
import type { AlertRow, Alerts } from '../core/alerts.js';
import type { PeriodOut } from '../core/baseline.js';
import { parseIsoDay } from '../core/civil.js';
import type { ReadResult } from '../core/ingest.js';
import { windowDatesText } from '../core/windows.js';
import { roundHalfAway } from '../format/cells.js';
import type { CellValue, Grid, GridColumn } from '../format/grid.js';
import { filesText } from './caption.js';
import { countedLine, idLine, inputSummary } from './input.js';
import { countOf, fmtCount, groupColumns, keyCells } from './labels.js';
import { pCell, zCell } from './monitor.js';

const PERIOD_WORD = { week: 'week', '28d': '28 days', month: 'month' } as const;
const PERIODS_WORD = { week: 'weeks', '28d': '28-day periods', month: 'months' } as const;

/** The JSON report: `alerts` lists the groups outside their limits (empty when none is). */
export function alertsJson(a: Alerts, asOf: string, read: ReadResult) {
  return {
    command: 'alerts',
    asOf,
    every: a.every,
    period: a.period,
    incomplete: a.incomplete,
    baseline: a.baseline,
    level: a.level,
    minCount: a.minCount,
    limits: 'exact Poisson limits around the expected count (SciPy poisson.interval(level, expected))',
    test: 'exact two-sided Poisson test of the observed count against the expected one (twice the smaller tail); z = 2(sqrt(observed) - sqrt(expected))',
    groupBy: a.groupBy,
    alerts: a.alerts.map(alertJson),
    groupsJudged: a.groupsJudged,
    groupsWithin: a.groupsWithin,
    groupsBelowMinCount: a.groupsBelowMinCount,
    medianVarianceToMean: a.medianVarianceToMean,
    input: inputSummary(read, a.rowsCounted, a.rowsOutsideWindows),
  };
}

function alertJson(r: AlertRow) {
  return {
    key: r.key,
    observed: r.observed,
    expected: r.expected,
    lower: r.lower,
    upper: r.upper,
    z: r.z,
    pValue: r.pValue,
    direction: r.direction,
    baselineCounts: r.baselineCounts,
    varianceToMean: r.varianceToMean,
  };
}

const dates = (p: PeriodOut) => windowDatesText({ label: p.label, start: parseIsoDay(p.start)!, end: parseIsoDay(p.end)! });

/** `the 8 weeks before (Jul 31 – Sep 24, 2023) and the same dates in 2 earlier years`. */
function baselineText(a: Alerts): string {
  const parts: string[] = [];
  const prev = a.baseline.periods.filter((p) => p.source === 'previous');
  if (prev.length) {
    const span = dates({ ...prev[0]!, start: prev[prev.length - 1]!.start });
    parts.push(`the ${prev.length === 1 ? PERIOD_WORD[a.every] : `${prev.length} ${PERIODS_WORD[a.every]}`} before (${span})`);
  }
  const seasonal = a.baseline.periods.filter((p) => p.source === 'seasonal').length;
  const same = a.every === 'month' ? 'month' : 'dates';
  if (seasonal) parts.push(seasonal === 1 ? `the same ${same} a year earlier` : `the same ${same} in the ${seasonal} years before`);
  return parts.join(' and ');
}

/** `week 2023-W39 (Sep 25 – Oct 1, 2023)`, `28 days Sep 4 – Oct 1, 2023`. */
function periodText(a: Alerts): string {
  return a.every === '28d' ? `28 days ${dates(a.period)}` : `${PERIOD_WORD[a.every]} ${a.period.label} (${dates(a.period)})`;
}

const level = (a: Alerts) => `${roundHalfAway(a.level * 100, 2)}%`;

export function alertsGrid(a: Alerts, read: ReadResult, human: boolean): Grid {
  const columns: GridColumn[] = [
    ...groupColumns(a.groupBy),
    { header: 'Observed', kind: 'count' },
    { header: 'Expected', kind: 'rate' },
    { header: 'Lower', kind: 'count' },
    { header: 'Upper', kind: 'count' },
    { header: 'z', kind: 'ratio' },
    { header: 'p', kind: 'pvalue' },
    { header: 'Direction', kind: 'text' },
    { header: 'Baseline var/mean', kind: 'ratio' },
  ];
  const rows: CellValue[][] = a.alerts.map((r) => [
    ...keyCells(a.groupBy, r.key),
    r.observed,
    r.expected,
    r.lower,
    r.upper,
    zCell(r.z, human),
    pCell(r.pValue, human, true),
    r.direction,
    r.varianceToMean,
  ]);
  const caption = [
    `Alerts · ${periodText(a)} · ${level(a)} Poisson limits · ${filesText(read.fileNames)} (${fmtCount(read.tally.rowsRead)} rows)`,
    `Expected from ${baselineText(a)}.`,
  ];
  if (a.incomplete) caption.push(incompleteText(a.incomplete));
  return { caption, columns, rows, footer: alertsFooter(a, read) };
}

/** `2023-10 (Oct 1 – Oct 31, 2023) is not complete: not judged.` */
export function incompleteText(p: PeriodOut): string {
  return `${p.label} (${dates(p)}) is not complete in the data: not judged.`;
}

function alertsFooter(a: Alerts, read: ReadResult): string[] {
  const out: string[] = [];
  const n = a.alerts.length;
  if (a.groupsJudged === 0) out.push(`No group judged: every expected count is under --min-count ${a.minCount}.`);
  else
    out.push(
      n === 0
        ? `No alerts: ${a.groupsJudged === 1 ? 'the 1 group judged is within its' : `all ${fmtCount(a.groupsJudged)} groups judged are within their`} ${level(a)} limits.`
        : `${countOf(n, 'group')} outside ${n === 1 ? 'its' : 'their'} limits; ${fmtCount(a.groupsWithin)} within.`,
    );
  if (a.groupsBelowMinCount > 0)
    out.push(`${countOf(a.groupsBelowMinCount, 'group')} with an expected count under --min-count ${a.minCount} not judged.`);
  out.push(
    `Expected: the baseline's daily rate × the period's days; Lower, Upper: the exact Poisson ${level(a)} limits around it.`,
    'z = 2(√observed − √expected); p: exact two-sided Poisson test of the observed count against the expected one (twice the smaller tail).',
  );
  const expectedByChance = a.groupsJudged * (1 - a.level);
  const chance = roundHalfAway(expectedByChance, expectedByChance < 0.1 ? 2 : 1).toFixed(expectedByChance < 0.1 ? 2 : 1);
  if (a.groupsJudged > 0)
    out.push(`With ${countOf(a.groupsJudged, 'group')} judged, about ${chance} would fall outside ${level(a)} limits by chance alone.`);
  if (a.medianVarianceToMean !== null) {
    out.push(
      `Baseline variance/mean: median ${roundHalfAway(a.medianVarianceToMean, 2).toFixed(2)} across the groups judged (about 1 for Poisson counts; well above 1, the limits are too narrow).`,
    );
  }
  if (a.baseline.uncovered.length) {
    out.push(
      `${countOf(a.baseline.uncovered.length, 'baseline period')} left out: the data does not cover ${a.baseline.uncovered.length === 1 ? 'it' : 'them'} (${a.baseline.uncovered.map((p) => p.label).join(', ')}).`,
    );
  }
  if (a.baseline.sparse.length) {
    out.push(
      `${countOf(a.baseline.sparse.length, 'baseline period')} left out: far fewer rows than the others (${a.baseline.sparse.map((p) => p.label).join(', ')}).`,
    );
  }
  out.push(...idLine(read));
  out.push(countedLine(read, a.rowsCounted, a.rowsOutsideWindows, 'periods'));
  return out;
}
