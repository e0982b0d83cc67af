/** What a section's JSON says about what was compared: the as-of day, the windows with dates, the input counts. */
import type { DocSection } from './types.js';

export interface WindowFact {
  /** The block (CompStat) or '' for a command's own windows. */
  block: string;
  label: string;
  start: string;
  end: string;
  days: number;
  /** '' when the data covers the window; else incomplete or sparse. */
  coverage: string;
}

export interface SectionFacts {
  asOf: string | null;
  windows: WindowFact[];
  files: string[];
  rowsRead: number | null;
  rowsCounted: number | null;
  rowsSkipped: number | null;
  rowsFiltered: number | null;
  rowsUnmapped: number | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The CompStat blocks in words. */
export const BLOCK_NAMES: Record<string, string> = {
  weekToDate: 'Week to date',
  last28Days: 'Last 28 days',
  yearToDate: 'Year to date',
  yearToDateVs2YearsEarlier: 'Year to date vs 2 years earlier',
};

function windowFact(block: string, w: unknown): WindowFact {
  const o = obj(w);
  const c = obj(o.coverage);
  const coverage = c.sparse === true ? 'sparse' : c.complete === false ? 'incomplete' : '';
  return { block, label: str(o.label), start: str(o.start), end: str(o.end), days: num(o.days) ?? 0, coverage };
}

export function sectionFacts(s: DocSection): SectionFacts {
  const j = obj(s.json);
  const input = obj(j.input);
  let windows: WindowFact[] = [];
  if (Array.isArray(j.windows)) windows = j.windows.map((w) => windowFact('', w));
  else if (Array.isArray(j.blocks)) {
    windows = j.blocks.flatMap((b) => {
      const o = obj(b);
      const name = BLOCK_NAMES[String(o.name)] ?? String(o.name);
      return Array.isArray(o.windows) ? o.windows.map((w) => windowFact(name, w)) : [];
    });
  } else if (Array.isArray(j.periods)) {
    // A trend: its periods, each with its dates and whether the data covers it.
    windows = j.periods.map((p) => {
      const f = windowFact('', p);
      const o = obj(p);
      return { ...f, coverage: o.complete === false ? 'incomplete' : f.coverage };
    });
  }
  const files = Array.isArray(input.files)
    ? input.files.map(String)
    : Array.isArray(j.files)
      ? j.files.map((f) => String(obj(f).name ?? f))
      : [];
  return {
    asOf: typeof j.asOf === 'string' ? j.asOf : null,
    windows,
    files,
    rowsRead: num(input.rowsRead) ?? num(j.rowsRead),
    rowsCounted: num(input.rowsCounted) ?? num(j.rowsUsable),
    rowsSkipped: num(input.rowsSkipped) ?? num(j.rowsSkipped),
    rowsFiltered: num(input.rowsFiltered) ?? num(j.rowsFiltered),
    rowsUnmapped: num(input.rowsUnmapped) ?? num(j.rowsUnmapped),
  };
}

/** A section's heading: its own, or the command's name. */
export function sectionTitle(s: DocSection, i: number): string {
  return s.heading ?? `${i + 1}. ${s.command}`;
}
