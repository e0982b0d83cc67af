/**
 * One file's dates, when a column holds more than one layout (monthly
 * exports joined into one file: `2023-01-05` in one part, `1/5/2023 10:00:00
 * AM` in the next). The layout decided from the sample reads first; a row
 * whose date it cannot read waits (in a bounded list) until the values that
 * failed show another unambiguous layout, which is then adopted and the
 * waiting rows are counted again. Only rows no layout reads are skipped.
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

export class DateReader {
  /** Layouts adopted after the first, in order, with their parsers and the rows each read. */
  readonly adopted: { layout: DateLayout; parse: DayParser; rows: number }[] = [];
  private pending: PendingRow[] = [];

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

  /** Adopts a layout found by another reader of the same file (a helper thread's part), once; whether it is new. */
  adoptLayout(layout: DateLayout, rows = 0): boolean {
    const tokens = layoutTokens(layout);
    const known = this.adopted.find((a) => layoutTokens(a.layout) === tokens);
    if (known) known.rows += rows;
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
