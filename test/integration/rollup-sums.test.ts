/**
 * --rollup: in every format and command, each class row equals the sum of the
 * offense rows beneath it (counts and harm), and the total equals the sum of
 * the class rows (with --map part1 every counted row sits under a class).
 */
import { describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/run-cli.js';

const SAMPLE = 'fixtures/sample-incidents.csv';
const MEASURES = ['--map', 'part1', '--rollup', '--weights', 'fixtures/measures/harm-weights.csv', '--quiet'];
const COMMANDS: [string, string[]][] = [
  ['compare', ['compare', SAMPLE, '--years', '2021..2023', '--span', 'jan-sep', ...MEASURES]],
  ['compare by area', ['compare', SAMPLE, '--years', '2022,2023', '--by', 'offense,area', ...MEASURES]],
  ['trend', ['trend', SAMPLE, '--every', 'quarter', '--years', '2022', ...MEASURES]],
  ['compstat', ['compstat', SAMPLE, '--as-of', '2023-06-30', ...MEASURES]],
];

/** Sums of `values` per parent; the classes' own values; the total's. */
function check(rows: { label: string; level: string; parent: string; values: number[] }[]) {
  const sums = new Map<string, number[]>();
  const classes = new Map<string, number[]>();
  let total: number[] | undefined;
  const add = (m: Map<string, number[]>, k: string, v: number[]) => {
    const s = m.get(k) ?? v.map(() => 0);
    m.set(
      k,
      s.map((x, i) => x + v[i]!),
    );
  };
  for (const r of rows) {
    if (r.level === 'offense') add(sums, r.parent, r.values);
    else if (r.level === 'class') add(classes, r.label, r.values);
    else total = r.values;
  }
  expect(classes.size).toBeGreaterThan(0);
  for (const [cls, v] of classes) expect([cls, sums.get(cls)]).toEqual([cls, v]);
  const all = [...classes.values()].reduce((a, v) => a.map((x, i) => x + v[i]!));
  expect(total).toEqual(all);
}

describe('--rollup: class rows are the sums of their offenses, the total the sum of the classes', () => {
  test.each(COMMANDS)('%s, CSV and TSV', (_name, args) => {
    for (const format of ['csv', 'tsv']) {
      const r = runCli([...args, '--format', format]);
      expect(r.code).toBe(0);
      const table = parse(r.stdout, { delimiter: format === 'csv' ? ',' : '\t', relax_quotes: true });
      const head = table[0]!;
      const level = head.indexOf('level');
      const parent = head.indexOf('parent');
      expect([level, parent]).not.toContain(-1);
      // Count and harm columns: whole numbers in every row (rates and % are left out).
      const cols = head
        .map((_h, i) => i)
        .filter(
          (i) => i > parent && !/%|\/100k|coverage|Trend/.test(head[i]!) && table.slice(1).every((row) => /^-?\d+$/.test(row[i] ?? '')),
        );
      expect(cols.length).toBeGreaterThan(1);
      // Areas: class rows are per area, so the class key is class + area when there is an Area column.
      const area = head.indexOf('Area');
      check(
        table.slice(1).map((row) => ({
          label: row[0]! + (area >= 0 ? `/${row[area]}` : ''),
          level: row[level]!,
          parent: row[parent]! + (area >= 0 && row[parent] ? `/${row[area]}` : ''),
          values: cols.map((i) => Number(row[i])),
        })),
      );
    }
  });
  test.each(COMMANDS.filter(([n]) => n !== 'compstat'))('%s, JSON (counts and harm)', (_name, args) => {
    const r = runCli([...args, '--format', 'json']);
    expect(r.code).toBe(0);
    type Row = {
      key: { offense: string; area?: string | null };
      level?: string;
      parent?: string | null;
      counts: number[];
      harm?: { sum: (number | null)[] };
    };
    const j = JSON.parse(r.stdout) as { rows: Row[]; total: Row };
    const values = (x: Row) => [...x.counts, ...(x.harm?.sum ?? []).map((h) => h ?? 0)];
    const id = (name: string, x: Row) => `${name}/${x.key.area ?? ''}`;
    check([
      ...j.rows.map((x) => ({ label: id(x.key.offense, x), level: x.level!, parent: x.parent ? id(x.parent, x) : '', values: values(x) })),
      { label: '', level: '', parent: '', values: values(j.total) },
    ]);
  });
});

test('compstat, JSON: each block of a class row is the sum of its offenses (counts and harm)', () => {
  const r = runCli([...COMMANDS.find(([n]) => n === 'compstat')![1], '--format', 'json']);
  expect(r.code).toBe(0);
  type Pair = { counts: number[]; harm?: { sum: (number | null)[] } };
  type Row = { key: { offense: string }; level?: string; parent?: string | null } & Record<string, unknown>;
  const j = JSON.parse(r.stdout) as { rows: Row[]; total: Row };
  const values = (x: Row) =>
    Object.values(x)
      .filter((v): v is Pair => typeof v === 'object' && v !== null && 'counts' in v)
      .flatMap((p) => [...p.counts, ...(p.harm?.sum ?? []).map((h) => h ?? 0)]);
  expect(values(j.total).length).toBeGreaterThan(6);
  check([
    ...j.rows.map((x) => ({ label: x.key.offense, level: x.level!, parent: x.parent ?? '', values: values(x) })),
    { label: '', level: '', parent: '', values: values(j.total) },
  ]);
});
