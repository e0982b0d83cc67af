/**
 * What a run says on standard error, at three levels: notes (routine, hidden
 * by --quiet), warnings (the data may not support the table: always shown)
 * and the errors main prints. A warning of a kind named by --fail-on is held
 * back and becomes one error line and exit 1, with no report written. A
 * finding that fails the run only once the report is out (`alerts --fail-on
 * alerts`, for cron) is a line said after the report, and exit 1.
 */
import type { ColorContext } from '../format/color.js';
import { stderrLine } from '../format/sanitize.js';
import type { Io } from '../io/output.js';

/** The kinds of warning --fail-on can name. */
export const FAIL_KINDS = ['incomplete', 'sparse', 'skipped', 'unmatched'] as const;
export type FailKind = (typeof FAIL_KINDS)[number];

export interface MessageOptions {
  quiet?: boolean | undefined;
  failOn?: readonly FailKind[] | undefined;
  /** Skipped rows (% of rows read) allowed before the `skipped` warning fails the run; with --fail-on skipped alone, 0. */
  maxSkipped?: number | undefined;
}

export class Messages {
  private readonly held: string[] = [];
  private readonly after: string[] = [];
  private readonly said = new Set<string>();
  /** While files are read: their names, and the notes about them grouped by what they say. */
  private fileNotes: { names: readonly string[]; byText: Map<string, { text: string; files: string[] }> } | null = null;

  constructor(
    private readonly io: Io,
    private readonly opts: MessageOptions = {},
  ) {}

  /** Routine information (which column was taken, a file read once…); hidden by --quiet; each said once. */
  readonly note = (text: string): void => {
    if (this.opts.quiet || this.said.has(`n${text}`)) return;
    if (this.fileNotes && this.holdFileNote(text)) return;
    this.said.add(`n${text}`);
    this.io.stderr.write(`crimedelta: note: ${stderrLine(text)}\n`);
  };

  /** Something the reader of the table must know; `kind` lets --fail-on turn it into an error. */
  warning(kind: FailKind | null, text: string): void {
    if (this.said.has(`w${text}`)) return;
    this.said.add(`w${text}`);
    if (kind !== null && this.fails(kind)) this.held.push(`${text} (--fail-on ${kind})`);
    else this.io.stderr.write(`crimedelta: warning: ${stderrLine(text)}\n`);
  }

  /** The skipped-row summary: a warning, and a failure past --max-skipped when --fail-on skipped (or --max-skipped) asks. */
  skipped(text: string, share: number): void {
    const limit = this.opts.maxSkipped ?? 0;
    const failing = this.fails('skipped') && share * 100 > limit;
    const flag = this.opts.failOn?.includes('skipped') ? '--fail-on skipped' : `--max-skipped ${limit}`;
    if (failing) this.held.push(`${text}${limit > 0 ? ` — more than ${limit}%` : ''} (${flag})`);
    else this.io.stderr.write(`crimedelta: warning: ${stderrLine(text)}\n`);
  }

  /**
   * From here until {@link endFiles}, a note that begins with one of these
   * file names is held, and said once for all the files it is about (a
   * folder of monthly exports gives one note, not 36).
   */
  beginFiles(names: readonly string[]): void {
    this.fileNotes = { names: [...names].sort((a, b) => b.length - a.length), byText: new Map() };
  }

  /** Says the held file notes, each once with the files it is about. */
  endFiles(): void {
    const held = this.fileNotes;
    this.fileNotes = null;
    for (const { text, files } of held?.byText.values() ?? []) {
      this.note(files.length === 1 ? `${files[0]}: ${text}` : `${fileList(files)}: ${text}`);
    }
  }

  private holdFileNote(text: string): boolean {
    const held = this.fileNotes!;
    const file = held.names.find((n) => text.startsWith(`${n}: `));
    if (file === undefined) return false;
    const rest = text.slice(file.length + 2);
    // The same note with another example value is the same note.
    const key = rest.replace(/\(e\.g\. "[^"]*"\)/g, '(e.g.)');
    const group = held.byText.get(key);
    if (group === undefined) held.byText.set(key, { text: rest, files: [file] });
    else if (!group.files.includes(file)) group.files.push(file);
    return true;
  }

  private fails(kind: FailKind): boolean {
    if (kind === 'skipped' && this.opts.maxSkipped !== undefined) return true;
    return this.opts.failOn?.includes(kind) === true;
  }

  /** A line for after the report: the report is written, then the line, and the run ends with exit 1. */
  failAfterReport(text: string): void {
    this.after.push(text);
  }

  /** The lines {@link failAfterReport} gathered. */
  afterReport(): readonly string[] {
    return this.after;
  }

  /** The held warnings, one line each: when there is any, the run fails (exit 1) and writes no report. */
  failures(): readonly string[] {
    return this.held;
  }
}

/** Several files named in a note: all of them up to 3, else the first and last. */
function fileList(files: readonly string[]): string {
  const n = files.length;
  return n <= 3 ? `${n} files (${files.join(', ')})` : `${n} files (${files[0]} … ${files[n - 1]})`;
}

/** The terminal facts the colour rule needs. */
export function colorContext(io: Io): ColorContext {
  const env = Number(io.env.COLUMNS);
  const tty = (io.stdout as { columns?: number }).columns;
  const columns = Number.isInteger(env) && env >= 20 ? env : tty !== undefined && tty >= 20 ? tty : 80;
  return { isTTY: io.stdout.isTTY === true, noColorEnv: Boolean(io.env.NO_COLOR), columns };
}
