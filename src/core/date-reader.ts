/**
 * One file's dates, when a column holds more than one layout (monthly
 * exports joined into one file: `2023-01-05` in one part, `1/5/2023 10:00:00
 * AM` in the next). The layout decided from the sample reads first; a row
 * whose date it cannot read waits (in a bounded list) until the values that
 * failed show another unambiguous layout, which is then adopted and the
 * waiting rows are counted again. Only rows no layout reads are skipped.
 *
 * Day-first and month-first are never both adopted for one separator: a
 * value that only fits the other order (`13/01/2023` in a month-first column)
 * is skipped as unreadable and counted, for a warning that the values that fit
 * both orders (`02/01/2023`) were read in the decided one and may be wrong.
 */
import type { Day } from './civil.js';
import { type DateLayout, type DayParser, detectDateLayout, layoutTokens, makeDayParser } from './dates.js';

/** Values of one layout, besides the first, needed before it is adopted (a few typos are not a layout). */
export const ADOPT_AFTER = 5;
/** Rows with an unreadable date kept waiting for a layout; beyond this the oldest are given up as unreadable. */
export const PENDING_CAP = 10_000;
/** While rows wait, a new layout is looked for among the latest this many (a layout's rows come together). */
const RECENT = 200;

/** A row waiting for its date to be read: its projected fields, field count and line. */
export interface PendingRow {
  fields: string[];
  count: number;
  line: number;
  raw: string;
}

/** The layouts a file's dates were read with, and the rows each read (the first one's are the rest). */
export interface LayoutUse {
  tokens: string;
  rows: number;
}

/** Values that only fit the day/month order opposite to the one in use: how many, and the first seen. */
export interface OtherOrder {
  /** The order in use ('mdy': month-first), which the counted values do not fit. */
  order: 'mdy' | 'dmy';
  count: number;
  example: string;
}

const XY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})(?!\d)/;

/**
 * Whether `text` fits only the order opposite to `layout` (day-first when it
 * is month-first, or the other way round), with the same separator.
 */
export function fitsOnlyOtherOrder(text: string, layout: DateLayout): boolean {
  if (layout.order !== 'mdy' && layout.order !== 'dmy') return false;
  const m = XY.exec(text);
  if (!m || m[2] !== layout.sep) return false;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const [month, day] = layout.order === 'mdy' ? [b, a] : [a, b];
  // The order in use reads `day` as the month: it is over 12, and read the other way round the value is a date.
  return day > 12 && day <= 31 && month >= 1 && month <= 12;
}

/** An example of a value that fits both orders, shaped like `other` (a value that fits only the other order). */
export function bothOrdersExample(other: string): string {
  const m = XY.exec(other);
  if (!m) return other;
  const [, a, sep, b, y] = m as unknown as string[];
  const big = Number(a) > 12;
  const keep = big ? b! : a!;
  const small = Number(keep) === 2 ? '1' : '2';
  // Padded like the part kept (`1/25/2023` gives `1/2/2023`, `13/01/2023` gives `02/01/2023`).
  const swapped = keep.length === 2 ? small.padStart(2, '0') : small;
  return big ? `${swapped}${sep}${keep}${sep}${y}` : `${keep}${sep}${swapped}${sep}${y}`;
}

export class DateReader {
  /** Layouts adopted after the first, in order, with their parsers and the rows each read. */
  readonly adopted: { layout: DateLayout; parse: DayParser; rows: number }[] = [];
  private pending: PendingRow[] = [];
  /** Values given up on because they only fit the day/month order opposite to the one in use. */
  otherOrder: OtherOrder | null = null;

  /**
   * `first` parses with the file's layout; `layouts` are the layouts already
   * decided in the run (an ambiguous shape follows one of them); `adopt`
   * false (with --date-format) reads the one format only.
   */
  constructor(
    private readonly first: DayParser,
    private readonly firstLayout: DateLayout | null,
    private readonly toZone: ((utcMs: number) => Day) | undefined,
    private readonly layouts: readonly DateLayout[],
    readonly adopt: boolean,
  ) {}

  /** The civil day of a value, by the first layout or an adopted one; NaN when none reads it. */
  readonly parse = (text: string): Day => {
    const day = this.first(text);
    if (day === day || this.adopted.length === 0) return day;
    for (const a of this.adopted) {
      const d = a.parse(text);
      if (d === d) {
        a.rows++;
        return d;
      }
    }
    return NaN;
  };

  /**
   * Keeps a row whose date no layout reads. When the waiting values show a
   * new layout it is adopted and `recount` gets every waiting row again (the
   * ones it still cannot read come back here); rows given up on (past the
   * cap) go to `giveUp`.
   */
  wait(row: PendingRow, recount: (row: PendingRow) => void, giveUp: (row: PendingRow) => void): void {
    // The other day/month order is never adopted: no need to wait.
    const inUse = this.orderOf(row.raw);
    if (inUse) {
      this.countOtherOrder(inUse, 1, row.raw);
      giveUp(row);
      return;
    }
    this.pending.push(row);
    const n = this.pending.length;
    if (n % ADOPT_AFTER === 0 && this.tryAdopt(ADOPT_AFTER, RECENT)) this.replay(recount);
    else if (n >= PENDING_CAP) {
      // Keep the newest half: a layout that starts late is still caught.
      const old = this.pending.splice(0, n >> 1);
      for (const r of old) giveUp(r);
    }
  }

  /**
   * The end of the file: what waits (with `extra` rows from another part) is
   * tried with the layouts adopted meanwhile (also from another part), then a
   * last adoption on what is left; every row left is given up on.
   */
  finish(recount: (row: PendingRow) => void, giveUp: (row: PendingRow) => void, extra: readonly PendingRow[] = []): void {
    this.pending.push(...extra);
    this.replay(recount);
    if (this.tryAdopt(ADOPT_AFTER, Infinity)) this.replay(recount);
    const left = this.pending;
    this.pending = [];
    for (const r of left) giveUp(r);
  }

  /** The rows waiting (for a helper thread to hand to the main one). */
  takePending(): PendingRow[] {
    const p = this.pending;
    this.pending = [];
    return p;
  }

  /** Adds values another reader of the same file (a helper thread's part) gave up on as the other order. */
  countOtherOrder(order: 'mdy' | 'dmy', count: number, example: string): void {
    if (this.otherOrder) this.otherOrder.count += count;
    else this.otherOrder = { order, count, example };
  }

  /** The order in use that `text` does not fit while the opposite one does (undefined when that is not so). */
  private orderOf(text: string): 'mdy' | 'dmy' | undefined {
    for (const l of this.inUse()) if (fitsOnlyOtherOrder(text, l)) return l.order as 'mdy' | 'dmy';
    return undefined;
  }

  private inUse(): DateLayout[] {
    const out = this.adopted.map((a) => a.layout);
    if (this.firstLayout) out.unshift(this.firstLayout);
    return out;
  }

  /** Adopts a layout found by another reader of the same file (a helper thread's part), once; whether it is new. */
  adoptLayout(layout: DateLayout, rows = 0): boolean {
    const tokens = layoutTokens(layout);
    const known = this.adopted.find((a) => layoutTokens(a.layout) === tokens);
    // Never the other day/month order of a layout in use with the same separator.
    const opposite = (l: DateLayout) =>
      (l.order === 'mdy' && layout.order === 'dmy') || (l.order === 'dmy' && layout.order === 'mdy') ? l.sep === layout.sep : false;
    if (known) known.rows += rows;
    else if (this.inUse().some(opposite)) return false;
    else if (this.firstLayout === null || layoutTokens(this.firstLayout) !== tokens) {
      this.adopted.push({ layout, parse: makeDayParser(layout, this.toZone), rows });
      return true;
    }
    return false;
  }

  /**
   * The layouts used, most rows first (whichever the sample met first): the
   * first layout's rows are `readRows` minus the others'.
   */
  uses(readRows: number): LayoutUse[] {
    if (this.firstLayout === null || this.adopted.every((a) => a.rows === 0)) return [];
    const others = this.adopted.filter((a) => a.rows > 0).map((a) => ({ tokens: layoutTokens(a.layout), rows: a.rows }));
    const rest = readRows - others.reduce((s, o) => s + o.rows, 0);
    return [{ tokens: layoutTokens(this.firstLayout), rows: rest }, ...others].sort(
      (a, b) => b.rows - a.rows || (a.tokens < b.tokens ? -1 : 1),
    );
  }

  /** Looks for an unambiguous layout among the latest `recent` waiting values (at least `min` of them) that none in use reads. */
  private tryAdopt(min: number, recent: number): boolean {
    if (!this.adopt || this.pending.length < min) return false;
    const latest = this.pending.length > recent ? this.pending.slice(-recent) : this.pending;
    const det = detectDateLayout(latest.map((r) => r.raw));
    let layout: DateLayout | undefined;
    if (det.kind === 'ok') layout = det.layout;
    else if (det.kind === 'ambiguous') {
      // Month-first or day-first as a layout of the same separator already read this run.
      const prior = [this.firstLayout, ...this.layouts].find((p) => p && (p.order === 'mdy' || p.order === 'dmy') && p.sep === det.sep);
      if (prior) layout = det.layoutFor(prior.order as 'mdy' | 'dmy');
    }
    if (!layout) return false;
    const parse = makeDayParser(layout, this.toZone);
    const reads = latest.filter((r) => !Number.isNaN(parse(r.raw))).length;
    return reads >= min && this.adoptLayout(layout);
  }

  private replay(recount: (row: PendingRow) => void): void {
    const rows = this.pending;
    this.pending = [];
    for (const r of rows) recount(r);
  }
}
