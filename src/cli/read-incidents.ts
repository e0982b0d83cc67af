/**
 * The input half of every counting command: which files, opened how, read into
 * a tally, with the as-of day decided and the skipped rows reported.
 */
import { statSync } from 'node:fs';
import type { Tally } from '../core/aggregate.js';
import { type Day, civilFromDay, dayFromCivil, daysInMonth, formatDay, formatLongDay } from '../core/civil.js';
import { strayEnd } from '../core/stray.js';
import { closest, didYouMean, onlyCaseMatch } from '../core/suggest.js';
import { whereValue } from '../core/count-rule.js';
import { type IngestResult, ingest, type ReadResult, type RecordSource } from '../core/ingest.js';
import { type GroupDim, MISSING_KEY, SKIP_LABELS, SKIP_REASONS } from '../core/types.js';
import { InputError, UsageError } from '../errors.js';
import { displayName, openRecords } from '../io/input.js';
import { loadCrosswalk, loadMap } from '../io/maps.js';
import { measureSpec, reportMap } from './map-notes.js';
import type { FileSetup } from '../core/ingest.js';
import { fdId, type FileId, fileId, fsReason, type Io } from '../io/output.js';
import { samplePath } from '../io/sample.js';
import { stderrLine } from '../format/sanitize.js';
import { countOf } from '../report/labels.js';
import type { Messages } from './messages.js';
import { parseAsOf } from './parse.js';
import { readerSettings } from './settings.js';
import { ReadProgress } from './progress.js';
import { type InputFlags, roleFlags } from './shared-options.js';
import { sharedRead } from './shared-read.js';

/** The machine's local civil date (for `--as-of today` and `yesterday`). */
export function localToday(io: Io): Day {
  const n = io.now();
  return dayFromCivil(n.getFullYear(), n.getMonth() + 1, n.getDate());
}

/**
 * The latest civil date anywhere on Earth now (UTC+14 is at most one day
 * ahead of UTC): a date after it is in the future in every zone, so the rule
 * that drops future dates from the default as-of day does not depend on the
 * machine's zone.
 */
export function latestDateOnEarth(io: Io): Day {
  const n = io.now();
  return dayFromCivil(n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate()) + 1;
}

/**
 * Reads the first chunk of a redirected standard input: null when it ends
 * without data, else a stream that replays that chunk and the rest.
 */
async function peekStdin(io: Io): Promise<AsyncIterable<Buffer> | null> {
  const it = (io.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.length === 0) first = await it.next();
  if (first.done) return null;
  const head = first.value;
  return (async function* () {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
}

export async function readIncidents(
  files: string[],
  flags: InputFlags,
  groupBy: readonly GroupDim[],
  io: Io,
  msg: Messages,
  observe?: (setup: FileSetup) => ((fields: readonly string[]) => void) | undefined,
): Promise<ReadResult> {
  // Inside a report, the sections' reads are one read (see shared-read.ts).
  const shared = sharedRead();
  if (shared) return shared(files, flags, groupBy, observe);
  return readFiles(files, flags, groupBy, io, msg, observe);
}

/** Reads the files (what {@link readIncidents} does outside a report). */
export async function readFiles(
  files: string[],
  flags: InputFlags,
  groupBy: readonly GroupDim[],
  io: Io,
  msg: Messages,
  observe?: (setup: FileSetup) => ((fields: readonly string[]) => void) | undefined,
): Promise<ReadResult> {
  const { inputs, stdin } = await resolveInputs(files, flags, io, msg);
  if (flags.columns && flags.header !== false)
    throw new UsageError('FLAG_CONFLICT', '--columns names the columns of files without a header: give --no-header too');
  if (flags.map === undefined && (flags.mapCol !== undefined || flags.unmapped !== undefined)) {
    throw new UsageError('FLAG_CONFLICT', `${flags.mapCol !== undefined ? '--map-col' : '--unmapped'} needs --map`);
  }
  const map = flags.map !== undefined ? loadMap(flags.map) : undefined;
  for (const n of map?.notes ?? []) msg.warning(null, n);
  const measure = measureSpec(flags);
  const opts = {
    encoding: flags.encoding,
    stdin: stdin as NodeJS.ReadableStream,
    maxRecordSize: flags.maxRecordSize,
    settings: readerSettings(io.env),
  };
  const sources = inputs.map((f) => (): Promise<RecordSource> => openRecords(f, opts));
  const total = inputs.includes('-') ? null : inputs.reduce((n, f) => n + statSync(f).size, 0);
  const progress = new ReadProgress(
    { isTTY: io.stderr.isTTY === true, quiet: flags.quiet === true, env: io.env.CRIMEDELTA_PROGRESS },
    io.stderr,
    total,
  );
  let result: IngestResult;
  // Notes about several files are said once, for all of them, when reading ends.
  if (inputs.length > 1) msg.beginFiles(inputs);
  try {
    result = await ingest(sources, {
      roles: roleFlags(flags),
      ...(flags.header === false ? { noHeader: flags.columns ? { names: flags.columns } : {} } : {}),
      warn: (m: string) => {
        progress.stop();
        msg.note(m);
      },
      warning: (m: string, kind?: 'skipped') => {
        progress.stop();
        msg.warning(kind ?? null, m);
      },
      ...(flags.dateFormat !== undefined ? { dateFormat: flags.dateFormat } : {}),
      ...(flags.tz !== undefined ? { tz: flags.tz } : {}),
      groupBy,
      strict: flags.strict === true,
      ...(flags.where ? { where: flags.where } : {}),
      ...(map
        ? {
            map: {
              map,
              ...(flags.mapCol !== undefined ? { column: flags.mapCol } : {}),
              ...(flags.unmapped !== undefined ? { unmapped: flags.unmapped } : {}),
              ...(flags.rollup ? { rollup: true } : {}),
              crosswalk: loadCrosswalk,
            },
          }
        : {}),
      ...(flags.countCol !== undefined ? { countCol: flags.countCol } : {}),
      ...(measure ? { measure } : {}),
      ...(observe ? { observe } : {}),
      onBatch: progress.onBatch,
    });
  } finally {
    progress.stop();
    msg.endFiles();
  }
  reportRead(result, flags, io, msg);
  if (map) reportMap(result, flags, map, flags.unmapped ?? map.defaultUnmapped, msg);
  const usedSample = flags.sample === true;
  return {
    ...result,
    // The bundled sample is named as in the captions, wherever the project lies.
    ...(usedSample ? { files: result.files.map((f) => ({ ...f, name: 'sample-incidents.csv' })) } : {}),
    fileNames: usedSample ? ['sample-incidents.csv'] : inputs.map((f) => (f === '-' ? 'stdin' : f)),
    usedSample,
    mapName: flags.map ?? null,
  };
}

/**
 * The files to read: FILE arguments (the same file named twice read once, a
 * missing one an error before any is read), --sample, or standard input.
 */
async function resolveInputs(
  files: string[],
  flags: InputFlags,
  io: Io,
  msg: Messages,
): Promise<{ inputs: string[]; stdin: AsyncIterable<Buffer> }> {
  let inputs = files;
  let stdin: AsyncIterable<Buffer> = io.stdin as AsyncIterable<Buffer>;
  if (flags.sample === true) {
    if (inputs.length) throw new UsageError('FLAG_CONFLICT', '--sample reads the bundled sample: give it without FILE arguments');
    inputs = [samplePath()];
  } else if (inputs.length === 0) {
    // Without FILE, standard input is the input unless it is a terminal; the
    // bundled sample is read only when asked for (--sample), never instead of
    // an empty pipe or /dev/null (`IN=""; crimedelta compstat $IN` from cron).
    if (io.stdin.isTTY) {
      throw new UsageError(
        'NO_INPUT',
        'no input: give one or more CSV files, pipe CSV data in, or add --sample to see a report on the bundled sample',
      );
    }
    const piped = await peekStdin(io);
    if (!piped) {
      throw new InputError(
        'EMPTY_INPUT',
        'no input rows: standard input is empty (give FILE arguments, pipe CSV data, or --sample for the bundled sample)',
      );
    }
    inputs = ['-'];
    stdin = piped;
  }
  // The same file named twice (a glob plus the file itself, a hard link, `-`
  // and /dev/stdin) would count its rows twice: same device and inode, read once.
  const seen = new Map<FileId, string>();
  inputs = inputs.filter((f) => {
    const id = f === '-' ? fdId(io.stdin.fd ?? 0) : fileId(f);
    if (id === null) return true;
    const first = seen.get(id);
    if (first !== undefined) {
      msg.note(`${displayName(f)} is the same file as ${displayName(first)}: read once`);
      return false;
    }
    seen.set(id, f);
    return true;
  });
  for (const f of inputs) {
    if (f === '-') continue;
    try {
      statSync(f);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw code === 'ENOENT'
        ? new InputError('NO_SUCH_FILE', `${f}: no such file`)
        : new InputError('UNREADABLE_FILE', `${f}: cannot read (${fsReason(e)})`);
    }
  }
  return { inputs, stdin };
}

/** What the run says once the files are read: rows left out or dropped, values that matched nothing, skipped rows. */
function reportRead(result: IngestResult, flags: InputFlags, io: Io, msg: Messages): void {
  const { tally } = result;
  const fmt = (n: number) => n.toLocaleString('en-US');
  if (tally.rowsFiltered > 0) {
    msg.note(
      `${fmt(tally.rowsFiltered)} of ${fmt(tally.rowsRead)} rows left out by --where ${flags.where!.map((w) => w.text).join(' --where ')}`,
    );
  }
  (flags.where ?? []).forEach((w, clause) => {
    const seen = tally.whereSeen[clause] ?? new Set<string>();
    for (const v of w.values) {
      if (seen.has(whereValue(v)) || seen.size === 0) continue;
      const spelled = [...seen].filter((s) => s !== MISSING_KEY);
      // A value the data spells only in another case was counted in the data's spelling (see the note).
      if (onlyCaseMatch(v, spelled) !== undefined) continue;
      msg.warning('unmatched', `--where ${w.text}: no row has "${v}" in column "${w.column}"${didYouMean(closest(v, spelled))}`);
    }
  });
  if (flags.debug)
    for (const f of result.files) io.stderr.write(`crimedelta: debug: ${stderrLine(`${f.name}: read by ${f.reading ?? 'records'}`)}\n`);
  reportSkipped(tally, msg);
  if (tally.ids && tally.rowsWithoutId > 0)
    msg.note(
      `${countOf(tally.rowsWithoutId, 'row')} ${tally.rowsWithoutId === 1 ? 'has' : 'have'} an empty id; each is counted as an incident of its own`,
    );
}

/** The skipped-row summary on standard error: counts by reason with the first place of each. */
export function reportSkipped(tally: Tally, msg: Messages): void {
  if (tally.rowsSkipped === 0) return;
  const parts = SKIP_REASONS.filter((r) => tally.skipped[r] > 0).map((r) => {
    const f = tally.firstSkip[r]!;
    const v = f.value !== undefined ? ` ${JSON.stringify(f.value)}` : '';
    return `${tally.skipped[r].toLocaleString('en-US')} ${SKIP_LABELS[r]} (first: ${f.file}:${f.line}${v})`;
  });
  msg.skipped(
    `skipped ${tally.rowsSkipped.toLocaleString('en-US')} of ${tally.rowsRead.toLocaleString('en-US')} rows: ${parts.join('; ')}`,
    tally.rowsSkipped / Math.max(1, tally.rowsRead),
  );
}

/**
 * The as-of day: given, or the latest incident date not in the future anywhere on Earth
 * (dates in the future are typing errors more often than not, and would
 * otherwise move every default window). Month-only data ends at month end.
 */
export function decideAsOf(asOfFlag: string | undefined, read: ReadResult, io: Io, msg: Messages, windowsUseIt = true): Day {
  if (asOfFlag !== undefined) return parseAsOf(asOfFlag, localToday(io));
  const today = latestDateOnEarth(io);
  const { tally } = read;
  let latest = tally.maxDay;
  if (latest > today) {
    let future = 0;
    let best = -Infinity;
    for (const [day, n] of tally.allDays) {
      if (day > today) future += n;
      else if (day > best) best = day;
    }
    msg.warning(
      null,
      `${countOf(future, 'row')} ${future === 1 ? 'is' : 'are'} dated in the future (after ${formatDay(today)}, today's date somewhere on Earth; latest ${formatDay(latest)}); the as-of day is the latest date before them — give --as-of to choose`,
    );
    latest = Number.isFinite(best) ? best : latest;
  }
  if (read.monthly) {
    const c = civilFromDay(latest);
    latest = dayFromCivil(c.y, c.m, daysInMonth(c.y, c.m));
  } else if (windowsUseIt) {
    const days = latest === tally.maxDay ? tally.allDays : new Map([...tally.allDays].filter(([d]) => d <= latest));
    const stray = strayEnd(days);
    if (stray) {
      const daysAfter = Math.max(1, stray.latest - stray.lastFull);
      const perDay = stray.expectedAfter / daysAfter;
      const rate = (n: number) => (n >= 10 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 10) / 10));
      const after =
        daysAfter === 1
          ? `only ${countOf(stray.rowsAfter, 'row')} ${stray.rowsAfter === 1 ? 'is' : 'are'} dated ${formatLongDay(stray.latest)}`
          : `only ${countOf(stray.rowsAfter, 'row')} ${stray.rowsAfter === 1 ? 'is' : 'are'} dated in the ${daysAfter} days after ${formatLongDay(stray.lastFull)}${stray.rowsAfter >= daysAfter ? ` (about ${rate(stray.rowsAfter / daysAfter)} a day)` : ''}`;
      msg.warning(
        'incomplete',
        `the latest date, ${formatLongDay(stray.latest)}, ends the default windows, but ${after}, against about ${rate(perDay)} a day before it (a partial day, or stray dates): give --as-of ${formatDay(stray.lastFull)} to end on the last full day`,
      );
    }
  }
  return latest;
}
