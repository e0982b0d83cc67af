/**
 * A report over the three Atlanta COBRA files (real data, see fixtures/README.md)
 * with six sections, and the same sections as separate commands: what the
 * report tests compare.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export const ATLANTA = 'fixtures/real/atlanta-cobra';
export const ATLANTA_FILES = [
  `${ATLANTA}/COBRA-2020(NEW RMS 9-30 12-31).csv`,
  `${ATLANTA}/COBRA-2020-OldRMS-09292020.csv`,
  `${ATLANTA}/COBRA-2021.csv`,
];

/** The sections: their definition text and the same command line. */
export const SECTIONS: { yaml: string; argv: string[] }[] = [
  { yaml: '  - compstat: {stats: true}\n    heading: CompStat', argv: ['compstat', '--stats', '--as-of', '2021-06-30'] },
  {
    yaml: '  - compare: {years: "2020,2021", span: jan-jun, stats: true}\n    heading: Year to date by offense',
    argv: ['compare', '--years', '2020,2021', '--span', 'jan-jun', '--stats', '--as-of', '2021-06-30'],
  },
  {
    yaml: '  - compare:\n      years: "2020,2021"\n      span: jan-jun\n      by: area\n      top: 12\n    heading: Year to date by beat\n    note: The twelve beats with the most incidents.',
    argv: ['compare', '--years', '2020,2021', '--span', 'jan-jun', '--by', 'area', '--top', '12', '--as-of', '2021-06-30'],
  },
  {
    yaml: '  - trend: {every: month, years: "2020..2021"}',
    argv: ['trend', '--every', 'month', '--years', '2020..2021', '--as-of', '2021-06-30'],
  },
  { yaml: '  - inspect: {}', argv: ['inspect'] },
  {
    yaml: '  - evaluate:\n      target: "505,206"\n      control: "210,303"\n      before: 2020-01-01..2020-06-30\n      after: 2021-01-01..2021-06-30\n    heading: Beats 505 and 206',
    argv: [
      'evaluate',
      '--target',
      '505,206',
      '--control',
      '210,303',
      '--before',
      '2020-01-01..2020-06-30',
      '--after',
      '2021-01-01..2021-06-30',
    ],
  },
];

/** The input flags of every section (given once in the definition). */
export const INPUT_ARGV = ['--area-col', 'beat'];

export function definitionText(outputs: string[]): string {
  return [
    'title: Atlanta COBRA sample',
    'input:',
    `  files: ["${join(ROOT, ATLANTA)}/COBRA-*.csv"]`,
    '  area-col: beat',
    'as-of: "2021-06-30"',
    'sections:',
    ...SECTIONS.map((s) => s.yaml),
    `output: [${outputs.join(', ')}]`,
    '',
  ].join('\n');
}

/** A fresh folder under the test output (kept for a look after the run; git ignores it). */
export function outputDir(name: string): string {
  const base = join(ROOT, 'test-output');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${name}-`));
}

/** Writes the Atlanta definition into a new folder; returns the folder and the definition's path. */
export function writeAtlanta(name: string, outputs = ['report.html', 'report.xlsx', 'report.json']): { dir: string; def: string } {
  const dir = outputDir(name);
  const def = join(dir, 'atlanta.yaml');
  writeFileSync(def, definitionText(outputs));
  return { dir, def };
}
