/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML report in a real browser (Debian's chromium, driven by
 * playwright-core; .ci/run installs it): no console error, no network
 * request, the tables' text equals the JSON, every chart has the expected
 * number of marks; screenshots at desktop and phone width go to test-output/.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { humanCell } from '../../src/format/cells.js';
import { ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { ATLANTA_FILES, INPUT_ARGV, SECTIONS, writeAtlanta } from '../helpers/report-fixture.js';

const CHROMIUM = process.env.CRIMEDELTA_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  console.warn(
    `\n${'!'.repeat(78)}\n!! SKIPPED: the HTML report browser tests: no chromium at ${CHROMIUM}\n!! (apt-get install chromium, or set CRIMEDELTA_CHROMIUM; .ci/run installs it)\n${'!'.repeat(78)}\n`,
  );
}
const maybe = haveBrowser ? describe : describe.skip;

type Obj = Record<string, unknown>;
type Row = { key: Record<string, string | null>; counts: number[]; change: number; pctChange: number | null; pValue?: number };

maybe('the HTML report in chromium', () => {
  let browser: Browser;
  const made = writeAtlanta('report-browser', ['report.html', 'report.json']);
  const run = runCli(['report', made.def, '--quiet']);
  const json = () =>
    JSON.parse(runCli(['report', made.def, '--quiet', '--format', 'json', '-o', '-']).stdout) as { sections: { report: Obj }[] };
  const shots = join(ROOT, 'test-output', 'screenshots');
  mkdirSync(shots, { recursive: true });

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  test('no console error, no network request; tables equal the JSON; charts have their marks; screenshots', async () => {
    expect(run.code).toBe(0);
    const report = json();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const url = pathToFileURL(join(made.dir, 'report.html')).href;
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);

    // Sections, headings, one table each (inspect: several).
    const sections = await page.$$eval('main > section', (ss) =>
      ss.map((s) => ({
        command: s.getAttribute('data-command'),
        heading: s.querySelector('h2')!.textContent,
        tables: s.querySelectorAll('table').length,
      })),
    );
    expect(sections.map((s) => s.command)).toEqual(['compstat', 'compare', 'compare', 'trend', 'inspect', 'evaluate']);
    expect(sections[1]!.heading).toBe('Year to date by offense');

    // The compare tables: each row's text is the JSON's numbers as the table formats them.
    for (const i of [1, 2]) {
      const j = report.sections[i]!.report as { rows: Row[]; total: Omit<Row, 'key'>; groupBy: string[] };
      const cells = await page.$$eval(`#s${i + 1} table tbody tr`, (trs) =>
        trs.map((tr) => [...tr.children].map((c) => c.textContent.replace(/[▲▼]/g, '').trim())),
      );
      expect(cells).toHaveLength(j.rows.length);
      j.rows.forEach((r, k) => {
        const want = [
          ...j.groupBy.map((d) => r.key[d] ?? '(missing)'),
          ...r.counts.map((n) => humanCell(n, 'count')),
          humanCell(r.change, 'change'),
          humanCell(r.pctChange, 'pct'),
          ...(r.pValue !== undefined ? [`${humanCell(r.pValue, 'pvalue')}${r.pValue < 0.01 ? '**' : r.pValue < 0.05 ? '*' : ''}`] : []),
        ];
        expect(cells[k]!.map((c) => c.replace(/ †$/, ''))).toEqual(want);
      });
      const total = await page.$$eval(`#s${i + 1} table tfoot td`, (tds) => tds.map((c) => c.getAttribute('data-value')));
      expect(total.slice(0, 3).map(Number)).toEqual([...j.total.counts, j.total.change]);
    }

    // Every numeric cell of every table carries its value; CompStat's year to date equals the JSON.
    const cs = report.sections[0]!.report as {
      rows: { key: { offense: string }; yearToDate: { counts: number[]; pctChange: number | null } }[];
    };
    const heads = await page.$$eval('#s1 thead th', (ths) => ths.map((t) => t.textContent.replace(/ ⚠$/, '')));
    const ytd = heads.indexOf('YTD 2021');
    const ytdCells = await page.$$eval(
      `#s1 tbody tr`,
      (trs, c) => trs.map((tr) => Number(tr.children[c]!.getAttribute('data-value'))),
      ytd,
    );
    expect(ytdCells).toEqual(cs.rows.map((r) => r.yearToDate.counts[1]));

    // Charts: marks as many as the JSON has groups, periods or sets.
    const marks = await page.$$eval('figure.chart', (fs) =>
      fs.map((f) => ({
        section: f.closest('section')!.id,
        expected: f.getAttribute('data-marks'),
        bars: f.querySelectorAll('g.bars_marks > path').length,
        labels: f.querySelectorAll('g.labels_marks > text').length,
        points: f.querySelectorAll('g.points_marks > path').length,
        title: f.querySelector('svg > title')?.textContent ?? null,
        desc: f.querySelector('svg > desc')?.textContent ?? null,
        role: f.querySelector('svg')!.getAttribute('role'),
      })),
    );
    const j = (i: number) => report.sections[i]!.report as Obj & { rows: unknown[]; periods: unknown[] };
    const trendPeriods = j(3).periods.length;
    const inspectPeriods = ((j(4) as Obj).rowsByPeriod as { periods: unknown[] }).periods.length;
    const want = [
      { section: 's1', bars: j(0).rows.length, labels: j(0).rows.length, points: 0 },
      { section: 's2', bars: j(1).rows.length, labels: j(1).rows.length, points: 0 },
      { section: 's3', bars: j(2).rows.length, labels: j(2).rows.length, points: 0 },
      { section: 's4', bars: 0, labels: 0, points: trendPeriods },
      { section: 's4', bars: 0, labels: 0, points: trendPeriods * Math.min(12, j(3).rows.length) },
      { section: 's5', bars: inspectPeriods, labels: 0, points: 0 },
      { section: 's6', bars: 4, labels: 4, points: 0 },
    ];
    expect(marks.map(({ section, bars, labels, points }) => ({ section, bars, labels, points }))).toEqual(want);
    for (const m of marks) {
      expect(m.role).toBe('img');
      expect(m.title).toBeTruthy();
      expect(m.desc).toBeTruthy();
      const told = Object.fromEntries(
        m
          .expected!.split(' ')
          .map((kv) => kv.split(':'))
          .map(([k, v]) => [k, Number(v)]),
      );
      for (const [k, v] of Object.entries(told)) expect((m as unknown as Record<string, number>)[k]).toBe(v);
    }

    // Table headers have scope; the numbers are right-aligned.
    const scopes = await page.$$eval('thead th', (ths) => ths.every((t) => t.getAttribute('scope') === 'col'));
    expect(scopes).toBe(true);
    const align = await page.$eval('#s2 tbody td.num', (td) => getComputedStyle(td).textAlign);
    expect(align).toBe('right');

    await page.screenshot({ path: join(shots, 'report-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone, the page does not scroll sideways (wide tables scroll in their own box).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(shots, 'report-phone.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(shots, 'report-a4.pdf'), format: 'A4' });
    await page.pdf({ path: join(shots, 'report-letter.pdf'), format: 'Letter' });
    await page.close();
  }, 120_000);

  test('--format html on a command alone: the same table as in the report', async () => {
    const s = SECTIONS[1]!;
    const out = join(made.dir, 'compare.html');
    const r = runCli([s.argv[0]!, ...ATLANTA_FILES, ...INPUT_ARGV, ...s.argv.slice(1), '--format', 'html', '-o', out]);
    expect(r.code).toBe(0);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(out).href);
    const alone = await page.$$eval('table', (ts) => ts.map((t) => t.textContent));
    await page.goto(pathToFileURL(join(made.dir, 'report.html')).href);
    const inReport = await page.$$eval('#s2 table', (ts) => ts.map((t) => t.textContent.replace('Year to date by offense', '1. compare')));
    expect(alone).toEqual(inReport);
    await page.close();
  }, 60_000);
});
