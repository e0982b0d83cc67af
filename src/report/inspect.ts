/** The inspect report as grids: a summary with the columns, then the top offense and area values. */
import { countOf } from './labels.js';
import type { InspectReport } from '../core/inspect.js';
import { skipLabel } from '../core/inspect.js';
import type { Grid } from '../format/grid.js';

const fmt = (n: number) => n.toLocaleString('en-US');
/** The longest bar of the rows-per-period chart, in characters. */
const BAR_WIDTH = 30;

/** The report as grids for table and md (csv/tsv: the columns grid only). */
export function inspectGrids(r: InspectReport): Grid[] {
  const lines: string[] = [];
  const files = r.files.map((f) => f.name);
  lines.push(
    `${files.length <= 3 && files.join(', ').length <= 80 ? files.join(', ') : countOf(files.length, 'file')}: ${countOf(r.rowsRead, 'row')} read, ${fmt(r.rowsUsable)} usable, ${fmt(r.rowsSkipped)} skipped`,
  );
  const how = r.files[0]!.detectedBy;
  const by = (h: string) => (h === 'preset' ? `preset ${r.preset}` : h === 'flag' ? 'flag' : 'detected');
  lines.push(
    `Date: "${r.roles.date}" (${by(how.date)}), format ${r.dateFormat}${r.dateExample && !(r.files[0]!.dateLayouts && r.files[0]!.dateLayouts.length > 1) ? `, e.g. "${r.dateExample}"` : ''}; range ${r.dateRange.min} … ${r.dateRange.max}`,
  );
  const layoutsText = (l: { tokens: string; rows: number }[] | null) =>
    l && l.length > 1 ? `; ${l.length} date layouts: ${l.map((x) => `${x.tokens} (${fmt(x.rows)} rows)`).join(', ')}` : '';
  if (r.files.length > 1) {
    for (const f of r.files) {
      lines.push(
        `  ${f.name}: ${f.dateRange ? `${f.dateRange.min} … ${f.dateRange.max}` : 'no usable dates'}${layoutsText(f.dateLayouts)}`,
      );
    }
  } else if (layoutsText(r.files[0]!.dateLayouts)) lines.push(`  ${layoutsText(r.files[0]!.dateLayouts).slice(2)}`);
  lines.push(
    r.roles.offense === null
      ? 'Offense: none (every row counts as one incident: totals and --by area; give --offense-col to name one)'
      : `Offense: "${r.roles.offense}" (${by(how.offense)}), ${fmt(r.offenseCount)} distinct value${r.offenseCount === 1 ? '' : 's'}`,
  );
  lines.push(
    `Area: ${r.roles.area !== null ? `"${r.roles.area}", ${fmt(r.areaCount)} distinct value${r.areaCount === 1 ? '' : 's'}` : 'none (give --area-col for --by area)'}`,
  );
  if (r.offenseCandidates.length) {
    const list = r.offenseCandidates.map((o) => `"${o.column}" (${fmt(o.distinct)}${o.distinctCapped ? '+' : ''} values)`).join(', ');
    lines.push(`  other offense columns: ${list}; --offense-col NAME uses one`);
  }
  if (r.ids) {
    lines.push(
      `Id: "${r.ids.column}"${r.roles.id === null ? (r.idGuessed ? ' (guessed from its name, not applied)' : ' (suggested, not applied)') : ''}: ${fmt(r.ids.distinct)} distinct over ${fmt(r.ids.rowsWithId)} rows${r.ids.rowsWithoutId ? `, ${fmt(r.ids.rowsWithoutId)} rows without an id` : ''}`,
    );
    lines.push(`  ${r.rowsPerId}`);
  } else lines.push('Id: none known (give --id-col to count distinct incidents)');
  for (const [reason, n] of Object.entries(r.skipped)) {
    const f = r.firstSkipped[reason]!;
    lines.push(
      `Skipped: ${fmt(n)} ${skipLabel(reason)} (first: ${f.file}:${f.line}${f.value !== undefined ? ` ${JSON.stringify(f.value)}` : ''})`,
    );
  }
  lines.push(
    r.duplicateRows === 0
      ? `Duplicate rows: none${r.duplicateRowsComplete ? '' : ' among the rows remembered'}`
      : `Duplicate rows: ${fmt(r.duplicateRows)} row${r.duplicateRows === 1 ? '' : 's'} equal to an earlier row, field for field${r.duplicateRowsComplete ? '' : ' (at least: not every row was remembered)'}`,
  );
  if (r.rowsFiltered) lines.push(`Left out by --where: ${fmt(r.rowsFiltered)}`);
  if (r.rowsUnmapped) lines.push(`Dropped by --map: ${fmt(r.rowsUnmapped)}`);
  if (r.duplicateHeaders.length) {
    lines.push(`Duplicate column names: ${r.duplicateHeaders.map((h) => `"${h}"`).join(', ')} (the first column of each name is used)`);
  }
  lines.push(`Same columns for compare: ${r.compareFlags}`);
  const columns: Grid = {
    caption: lines,
    columns: [
      { header: 'Column', kind: 'text' },
      { header: 'Role', kind: 'text' },
      { header: 'Filled', kind: 'count' },
      { header: 'Distinct', kind: 'text' },
      { header: 'Example', kind: 'text' },
    ],
    rows: r.columns.map((c) => [
      c.name,
      c.role ?? '',
      c.filled,
      `${fmt(c.distinct)}${c.distinctCapped ? '+' : ''}`,
      (c.example ?? '').slice(0, 40),
    ]),
    footer: [],
  };
  const topGrid = (title: string, header: string, values: { value: string; count: number }[], total: number): Grid => ({
    caption: [title],
    columns: [
      { header, kind: 'text' },
      { header: 'Rows', kind: 'count' },
    ],
    rows: values.map((v) => [v.value, v.count]),
    footer: total > values.length ? [`${countOf(total - values.length, 'more value')} not shown (--top N)`] : [],
  });
  const bp = r.rowsByPeriod;
  const most = Math.max(1, ...bp.periods.map((p) => p.rows));
  const bar = (n: number, complete: boolean) => (complete ? '█' : '░').repeat(Math.round((n / most) * BAR_WIDTH));
  const partial = bp.periods.some((p) => !p.complete);
  const periods: Grid = {
    caption: [`Rows per ${bp.unit}: ${bp.sparkline}`],
    columns: [
      { header: bp.unit === 'year' ? 'Year' : 'Month', kind: 'text' },
      { header: 'Rows', kind: 'count' },
      { header: '', kind: 'text' },
    ],
    rows: bp.periods.map((p) => [p.complete ? p.period : `${p.period}*`, p.rows, bar(p.rows, p.complete)]),
    footer: [
      ...(partial
        ? [`* A ${bp.unit} the data covers only in part (░ in the chart, · in the sparkline): its count is not comparable.`]
        : []),
      ...(bp.strayEarlyRows
        ? [
            `${fmt(bp.strayEarlyRows)} row${bp.strayEarlyRows === 1 ? '' : 's'} with stray early dates (before ${bp.periods[0]?.period ?? ''}) not shown.`,
          ]
        : []),
    ],
  };
  const grids = [columns];
  if (bp.periods.length) grids.push(periods);
  if (r.roles.offense !== null) grids.push(topGrid(`Top offense values ("${r.roles.offense}")`, 'Offense', r.offenses, r.offenseCount));
  if (r.roles.area !== null) grids.push(topGrid(`Top area values ("${r.roles.area}")`, 'Area', r.areas, r.areaCount));
  return grids;
}
