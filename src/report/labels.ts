/** Words the reports share. */
import { type GroupDim, MISSING_LABEL } from '../core/types.js';
import type { GridColumn } from '../format/grid.js';

/** The header of a group column. */
export const DIM_HEADER: Record<GroupDim, string> = { offense: 'Offense', area: 'Area' };
/** The label of the total row, in its first group column. */
export const DIM_TOTAL: Record<GroupDim, string> = { offense: 'All offenses', area: 'All areas' };

/**
 * The group columns: one per grouped dimension; with none (no offense
 * column to group by), one column that holds the total's label.
 */
export function groupColumns(groupBy: readonly GroupDim[]): GridColumn[] {
  return groupBy.length ? groupBy.map((d) => ({ header: DIM_HEADER[d], kind: 'text' as const })) : [{ header: 'Incidents', kind: 'text' }];
}

/** A row's group cells. */
export function keyCells(groupBy: readonly GroupDim[], key: Partial<Record<GroupDim, string | null>>): string[] {
  return groupBy.map((d) => (key[d] === null ? MISSING_LABEL : (key[d] ?? '')));
}

/** The total row's group cells: the label in the first column. */
export function totalCells(groupBy: readonly GroupDim[]): string[] {
  return groupBy.length ? groupBy.map((d, i) => (i === 0 ? DIM_TOTAL[d] : '')) : ['All incidents'];
}

/** `1,234` */
export function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 row`, `2,000 rows`. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${fmtCount(n)} ${n === 1 ? noun : plural}`;
}
