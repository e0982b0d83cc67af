/** What every report says about its input: the JSON `input` block and the footer's counted line. */
import { countOf } from './labels.js';
import { formatDay } from '../core/civil.js';
import { dataEnd, type ReadResult } from '../core/ingest.js';
import { SKIP_REASONS } from '../core/types.js';

/**
 * The `input` block of every report's JSON. `rowsRead` = `rowsCounted` +
 * `rowsOutsideWindows` + `rowsSkipped` + `rowsFiltered` + `rowsUnmapped`.
 */
export function inputSummary(read: ReadResult, rowsCounted: number, rowsOutsideWindows: number) {
  const { tally } = read;
  const skipped: Record<string, number> = {};
  for (const r of SKIP_REASONS) if (tally.skipped[r] > 0) skipped[r] = tally.skipped[r];
  return {
    files: read.fileNames,
    rowsRead: tally.rowsRead,
    rowsCounted,
    rowsOutsideWindows,
    rowsSkipped: tally.rowsSkipped,
    skipped,
    rowsFiltered: tally.rowsFiltered,
    rowsUnmapped: tally.rowsUnmapped,
    map: read.mapName,
    countDistinct: read.files[0]?.roles.id ?? null,
    dateRange: { min: formatDay(tally.minDay), max: formatDay(dataEnd(read)) },
  };
}

/** The footer line `Counted N rows in the windows, M outside them, K skipped…`. */
export function countedLine(read: ReadResult, rowsCounted: number, rowsOutside: number, where: 'windows' | 'periods'): string {
  const { tally } = read;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const parts = [`${countOf(rowsCounted, 'row')} in the ${where}`];
  if (rowsOutside) parts.push(`${fmt(rowsOutside)} outside them`);
  if (tally.rowsSkipped) parts.push(`${fmt(tally.rowsSkipped)} skipped (see standard error)`);
  if (tally.rowsFiltered) parts.push(`${fmt(tally.rowsFiltered)} left out by --where`);
  if (tally.rowsUnmapped) parts.push(`${fmt(tally.rowsUnmapped)} dropped by --map`);
  return `Counted ${parts.join(', ')}.`;
}

/** `Counting distinct "ID" values (incidents), not rows.` when an id column is counted. */
export function idLine(read: ReadResult): string[] {
  const idCol = read.files[0]?.roles.id;
  return idCol ? [`Counting distinct "${idCol}" values (incidents), not rows.`] : [];
}
