/**
 * The charts of the HTML report, as Vega-Lite specifications made from a
 * section's JSON and rendered to SVG at build time by Vega's headless
 * renderer (no script and no network request in the page). Each chart has a
 * title and a description (for screen readers and the figure caption), and
 * its marks are named so that they can be counted: `bars_marks`,
 * `labels_marks`, `points_marks`, `lines_marks`.
 */
import { MISSING_LABEL } from '../core/types.js';
import { BLOCK_NAMES } from './facts.js';

/** A chart to draw: its Vega-Lite specification, title and description. */
export interface ChartSpec {
  title: string;
  description: string;
  /** What a reader of the figure is told besides the description (e.g. groups left out). */
  note?: string;
  spec: Record<string, unknown>;
  /** How many marks of each name the chart draws (for tests and the figure's text). */
  marks: Record<string, number>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
/** A value from the JSON as text ('' for anything but a string or number). */
const str = (v: unknown, or = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : or);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const last = <T>(v: T | T[]): T | undefined => (Array.isArray(v) ? v[v.length - 1] : v);

/** Colours that survive colour blindness (and are told apart by arrows and marks too). */
export const UP = '#b2182b';
export const DOWN = '#2166ac';
export const FLAT = '#888888';

/** At most this many groups in a bar chart (the largest changes), and this many panels of small multiples. */
const MAX_BARS = 30;
const MAX_PANELS = 12;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#e6e6e6', domainColor: '#999', tickColor: '#999' },
  title: { fontSize: 13, anchor: 'start', fontWeight: 600 },
  header: { labelFontSize: 11, titleFontSize: 11 },
};

/** The label of a row's key: its group values joined (a missing value in words). */
function keyLabel(key: unknown, groupBy: readonly string[]): string {
  const k = obj(key);
  const parts = groupBy.map((d) => (k[d] === null ? MISSING_LABEL : str(k[d])));
  return parts.join(' · ') || 'All incidents';
}

function significance(p: unknown): string {
  return typeof p !== 'number' ? '' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));

interface Bar {
  label: string;
  change: number;
  text: string;
  dir: 'increase' | 'decrease' | 'no change';
}

/** A sorted bar chart of change per group, with the counts on the bars, a zero line and significance marks. */
function changeBars(title: string, description: string, bars: Bar[], xTitle: string): ChartSpec {
  const sorted = [...bars].sort((a, b) => Math.abs(b.change) - Math.abs(a.change)).slice(0, MAX_BARS);
  sorted.sort((a, b) => b.change - a.change);
  const left = bars.length - sorted.length;
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 180 } };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: { step: 20 },
    data: { values: sorted.map((b) => ({ ...b, end: Math.max(0, b.change) })) },
    layer: [
      {
        name: 'bars',
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y,
          x: { field: 'change', type: 'quantitative', title: xTitle },
          color: {
            field: 'dir',
            type: 'nominal',
            scale: { domain: ['increase', 'decrease', 'no change'], range: [UP, DOWN, FLAT] },
            legend: { title: null, orient: 'bottom' },
          },
        },
      },
      {
        name: 'labels',
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#333' },
        // Past the end of a bar to the right, beside the zero line for one to the left.
        encoding: { y, x: { field: 'end', type: 'quantitative' }, text: { field: 'text' } },
      },
      { name: 'zero', mark: { type: 'rule', color: '#333' }, encoding: { x: { datum: 0 } } },
    ],
  };
  return {
    title,
    description,
    ...(left > 0 ? { note: `The ${sorted.length} largest changes of ${bars.length} groups are drawn; the table has them all.` } : {}),
    spec,
    marks: { bars: sorted.length, labels: sorted.length },
  };
}

function bar(label: string, change: unknown, counts: unknown[], p: unknown): Bar | null {
  if (typeof change !== 'number') return null;
  const c = counts.filter((n): n is number => typeof n === 'number');
  const text = `${c.map(fmt).join(' → ')}${significance(p)}`;
  return { label, change, text, dir: change > 0 ? 'increase' : change < 0 ? 'decrease' : 'no change' };
}

function compareCharts(j: Obj): ChartSpec[] {
  const groupBy = arr(j.groupBy).map(String);
  const windows = arr(j.windows).map(obj);
  if (!groupBy.length || windows.length < 2) return [];
  const cur = windows[windows.length - 1]!;
  const mean = j.baseline === 'mean';
  const base = mean ? 'the mean of the earlier windows' : str(windows[windows.length - 2]!.label);
  const bars = arr(j.rows)
    .map(obj)
    .map((r) => {
      const counts = arr(r.counts);
      const shown = mean ? [r.baselineMean, counts[counts.length - 1]] : counts.slice(-2);
      const p = mean ? r.pValueVsMean : last(r.pValue);
      return bar(keyLabel(r.key, groupBy), mean ? r.changeVsMean : last(r.change), shown, p);
    })
    .filter((b): b is Bar => b !== null);
  if (!bars.length) return [];
  const stats = arr(j.rows).some((r) => obj(r).pValue !== undefined || obj(r).pValueVsMean !== undefined);
  const what = j.perDay === true ? 'Change in daily rate' : 'Change in count';
  return [
    changeBars(
      `${what}, ${str(cur.label)} vs ${base}, by ${groupBy.join(' and ')}`,
      `Bar chart of the change from ${base} to ${str(cur.label)} for each ${groupBy.join(' and ')}, largest increase first; each bar is labelled with its counts${stats ? ' and * p < 0.05, ** p < 0.01' : ''}.`,
      bars,
      what,
    ),
  ];
}

function compstatCharts(j: Obj): ChartSpec[] {
  const groupBy = arr(j.groupBy).map(String);
  if (!groupBy.length) return [];
  const ytd = arr(j.blocks)
    .map(obj)
    .find((b) => b.name === 'yearToDate');
  const ws = arr(ytd?.windows).map(obj);
  const bars = arr(j.rows)
    .map(obj)
    .map((r) => {
      const y = obj(r.yearToDate);
      return bar(keyLabel(r.key, groupBy), y.change, arr(y.counts), y.pValue);
    })
    .filter((b): b is Bar => b !== null);
  if (!bars.length || ws.length < 2) return [];
  return [
    changeBars(
      `${BLOCK_NAMES.yearToDate}: change ${str(ws[1]!.label)} vs ${str(ws[0]!.label)}, by ${groupBy.join(' and ')}`,
      `Bar chart of the year-to-date change from ${str(ws[0]!.label)} to ${str(ws[1]!.label)} for each ${groupBy.join(' and ')}; each bar is labelled with its counts.`,
      bars,
      'Change in count',
    ),
  ];
}

interface Point {
  group: string;
  period: string;
  start: string;
  count: number;
  complete: boolean;
}

/**
 * A line over the periods: complete periods solid with filled points, an
 * incomplete period (partial, or past the data) a dashed segment and a
 * hollow point, so that it is not read as a drop.
 */
function lineLayers(points: Point[]): { values: Record<string, unknown>[]; layer: Record<string, unknown>[] } {
  const x = { field: 'start', type: 'temporal', title: null, axis: { format: '%b %Y', labelOverlap: true } };
  const y = { field: 'count', type: 'quantitative', title: 'Count' };
  // One data set, each row tagged with the layer that draws it: solid lines, dashed segments, points.
  const values: Record<string, unknown>[] = points.filter((p) => p.complete).map((p) => ({ ...p, layer: 'solid', seg: p.group }));
  const byGroup = new Map<string, Point[]>();
  for (const p of points) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  for (const [g, ps] of byGroup) {
    ps.forEach((p, i) => {
      if (p.complete) return;
      // The dashed segments: an incomplete period with its neighbours.
      for (const q of [ps[i - 1], p, ps[i + 1]]) if (q) values.push({ ...q, layer: 'dash', seg: `${g}|${p.period}` });
    });
  }
  for (const p of points) values.push({ ...p, layer: 'point', seg: p.group });
  const only = (layer: string) => [{ filter: `datum.layer === '${layer}'` }];
  return {
    values,
    layer: [
      {
        name: 'lines',
        transform: only('solid'),
        mark: { type: 'line', color: '#444', strokeWidth: 1.5 },
        encoding: { x, y, detail: { field: 'seg' } },
      },
      {
        name: 'dashes',
        transform: only('dash'),
        mark: { type: 'line', color: '#444', strokeDash: [3, 3], strokeWidth: 1.2 },
        encoding: { x, y, detail: { field: 'seg' } },
      },
      {
        name: 'points',
        transform: only('point'),
        mark: { type: 'point', filled: false, size: 22, color: '#444', strokeWidth: 1.2 },
        encoding: {
          x,
          y,
          fill: { field: 'complete', type: 'nominal', scale: { domain: [true, false], range: ['#444', 'white'] }, legend: null },
        },
      },
    ],
  };
}

function trendCharts(j: Obj): ChartSpec[] {
  const groupBy = arr(j.groupBy).map(String);
  const periods = arr(j.periods).map(obj);
  if (!periods.length) return [];
  const pts = (counts: unknown[], group: string): Point[] =>
    periods.map((p, i) => ({
      group,
      period: str(p.label),
      start: str(p.start),
      count: typeof counts[i] === 'number' ? counts[i] : 0,
      complete: p.complete !== false,
    }));
  const incomplete = periods.filter((p) => p.complete === false).length;
  const every = str(j.every, 'period');
  const partial = incomplete ? ' Hollow points on dashed segments are periods the data does not cover in full.' : '';
  const charts: ChartSpec[] = [];
  const total = pts(arr(obj(j.total).counts), 'All');
  charts.push({
    title: `All incidents per ${every}`,
    description: `Line chart of the total count per ${every}, ${str(periods[0]!.label)} to ${str(periods[periods.length - 1]!.label)}.${partial}`,
    spec: (() => {
      const { values, layer } = lineLayers(total);
      return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 560, height: 180, data: { values }, layer };
    })(),
    marks: { points: total.length },
  });
  const rows = arr(j.rows).map(obj);
  if (groupBy.length && rows.length > 1) {
    const sum = (r: Obj) => arr(r.counts).reduce<number>((s, n) => s + (typeof n === 'number' ? n : 0), 0);
    const shown = [...rows].sort((a, b) => sum(b) - sum(a)).slice(0, MAX_PANELS);
    const order = shown.map((r) => keyLabel(r.key, groupBy));
    const points = shown.flatMap((r) => pts(arr(r.counts), keyLabel(r.key, groupBy)));
    charts.push({
      title: `Per ${every}, by ${groupBy.join(' and ')}`,
      description: `Small multiples: one line chart per ${groupBy.join(' and ')} (${shown.length === rows.length ? 'all' : `the ${shown.length} largest of ${rows.length}`}), on a shared time axis; each panel has its own y scale.${partial}`,
      ...(shown.length < rows.length
        ? { note: `The ${shown.length} largest of ${rows.length} groups are drawn; the table has them all.` }
        : {}),
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        data: { values: lineLayers(points).values },
        facet: { field: 'group', type: 'nominal', sort: order, title: null, header: { labelFontWeight: 600 } },
        columns: 3,
        resolve: { scale: { y: 'independent' } },
        spec: { width: 170, height: 90, layer: lineLayers(points).layer },
      },
      marks: { points: points.length },
    });
  }
  return charts;
}

function evaluateCharts(j: Obj): ChartSpec[] {
  const sets: [string, string][] = [
    ['target', 'Target'],
    ['control', 'Control'],
    ['displacement', 'Displacement'],
    ['displacementControl', 'Displacement control'],
  ];
  const values = sets.flatMap(([k, name]) => {
    const s = obj(j[k]);
    if (typeof s.before !== 'number') return [];
    return [
      { set: name, when: 'before', count: s.before },
      { set: name, when: 'after', count: s.after as number },
    ];
  });
  if (!values.length) return [];
  return [
    {
      title: 'Before and after, by set of areas',
      description: `Grouped bar chart of the incidents counted before and after in each set of areas (${values.map((v) => `${v.set} ${v.when} ${fmt(v.count)}`).join(', ')}).`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 420,
        height: { step: 16 },
        data: { values },
        layer: [
          {
            name: 'bars',
            mark: 'bar',
            encoding: {
              y: { field: 'set', type: 'nominal', sort: null, title: null },
              yOffset: { field: 'when', sort: ['before', 'after'] },
              x: { field: 'count', type: 'quantitative', title: 'Count' },
              color: {
                field: 'when',
                sort: ['before', 'after'],
                scale: { range: ['#9e9e9e', '#333333'] },
                legend: { title: null, orient: 'bottom' },
              },
            },
          },
          {
            name: 'labels',
            mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
            encoding: {
              y: { field: 'set', type: 'nominal', sort: null },
              yOffset: { field: 'when', sort: ['before', 'after'] },
              x: { field: 'count', type: 'quantitative' },
              text: { field: 'count', format: ',' },
            },
          },
        ],
      },
      marks: { bars: values.length, labels: values.length },
    },
  ];
}

function inspectCharts(j: Obj): ChartSpec[] {
  const r = obj(j.rowsByPeriod);
  const periods = arr(r.periods).map(obj);
  if (periods.length < 2) return [];
  const values = periods.map((p) => ({
    period: str(p.period),
    rows: p.rows as number,
    complete: p.complete !== false ? 'complete' : 'partial',
  }));
  const unit = str(r.unit, 'period');
  return [
    {
      title: `Rows per ${unit}`,
      description: `Bar chart of the rows per ${unit}, ${values[0]!.period} to ${values[values.length - 1]!.period}; partial ${unit}s are drawn hollow.`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 560,
        height: 160,
        data: { values },
        layer: [
          {
            name: 'bars',
            mark: { type: 'bar', stroke: '#444', strokeWidth: 0.8 },
            encoding: {
              x: { field: 'period', type: 'ordinal', title: null, axis: { labelAngle: -60, labelOverlap: true } },
              y: { field: 'rows', type: 'quantitative', title: 'Rows' },
              fill: {
                field: 'complete',
                scale: { domain: ['complete', 'partial'], range: ['#666', 'white'] },
                legend: { title: null, orient: 'bottom' },
              },
            },
          },
        ],
      },
      marks: { bars: values.length },
    },
  ];
}

/** The charts of a section, by its command. */
export function sectionCharts(command: string, json: unknown): ChartSpec[] {
  const j = obj(json);
  switch (command) {
    case 'compare':
      return compareCharts(j);
    case 'compstat':
      return compstatCharts(j);
    case 'trend':
      return trendCharts(j);
    case 'evaluate':
      return evaluateCharts(j);
    case 'inspect':
      return inspectCharts(j);
    default:
      return [];
  }
}

let counter = 0;

/** Renders a chart to SVG text with Vega (loaded here), ids made unique in the page, with a title and description for screen readers. */
export async function chartSvg(chart: ChartSpec): Promise<string> {
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const full = { ...chart.spec, title: chart.title, description: chart.description, config: CONFIG, background: 'white' };
  const compiled = vl.compile(full as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const n = ++counter;
    const prefix = `c${n}-`;
    const uniq = svg
      .replace(/\bid="([^"]+)"/g, `id="${prefix}$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
      .replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    return uniq.replace(
      /^<svg([^>]*)>/,
      `<svg$1 role="img" aria-labelledby="${prefix}title ${prefix}desc"><title id="${prefix}title">${esc(chart.title)}</title><desc id="${prefix}desc">${esc(chart.description)}</desc>`,
    );
  } finally {
    view.finalize();
  }
}
