/**
 * What the helper thread runs for one part of a file (loaded by
 * count-worker.ts when its first part arrives): counts the records in bytes
 * [start, end), which start on a record boundary, with the main thread's
 * plan. Lines in the reply count from the start of the part.
 */
import { Tally } from '../../core/aggregate.js';
import { zoneDayConverter } from '../../core/dates.js';
import { dateParser, fileCounters, type SkipRow } from '../../core/count-rule.js';
import { DateReader } from '../../core/date-reader.js';
import { type CompiledMap, compileMap } from '../../core/maps.js';
import type { SkipReason } from '../../core/types.js';
import { byteRowCounter } from '../scanner/byte-counter.js';
import { readChunks } from '../chunks.js';
import type { WorkerJob, WorkerReply } from './protocol.js';
import { CsvScanner, ScanError } from '../scanner/scanner.js';

/** Groups beyond which the helper gives its part back to the main thread. */
const MAX_GROUPS = 65_536;

/** --strict met a row that cannot be used: ends the part, to be reported by the main thread. */
class StrictStop extends Error {
  constructor(
    readonly reason: SkipReason,
    readonly line: number,
    readonly value: string | undefined,
  ) {
    super('strict');
  }
}

export async function countPart(data: WorkerJob): Promise<WorkerReply> {
  const { job } = data;
  const toZone = job.tz !== undefined ? zoneDayConverter(job.tz) : undefined;
  const parse = dateParser(job.dates, toZone);
  const tally = new Tally(false);
  let mapFn: CompiledMap | null = null;
  if (job.map) {
    const { loadCrosswalk, loadMap } = await import('../maps.js');
    const map = loadMap(job.map.name);
    const crosswalk = map.text ? loadCrosswalk(job.map.preset) : null;
    mapFn = compileMap(map, { system: job.map.system, crosswalk }, job.map.unmapped, {
      rollup: job.map.rollup === true,
      record: (v, outcome, cls, rule) => tally.notePlacement(v, outcome, cls, rule),
    });
  }
  const skip: SkipRow = (reason, line, value) => {
    if (job.strict) throw new StrictStop(reason, line, value);
    tally.skip(reason, { file: '', line }, value);
  };
  // Dates no layout reads wait here and go back with the part: the main thread tries the whole file's layouts on them.
  const reader = new DateReader(parse, 'layout' in job.dates ? job.dates.layout : null, toZone, [], !('tokens' in job.dates));
  const { count: take, recount } = fileCounters(job.plan, reader, mapFn, tally, skip, job.strict, job.measure);
  const scanner = new CsvScanner({ delimiter: data.delimiter, resume: true, maxRecordSize: data.maxRecordSize });
  scanner.project(job.cols);
  if (data.direct)
    scanner.sink = byteRowCounter(job, { tally, skip, parse: reader.parse, mapFn, fallback: take, recount }, scanner.decodeField);
  const progress = new Float64Array(data.progress);
  try {
    for await (const chunk of readChunks(data.fd, { start: data.start, end: data.end }, { on: true })) {
      scanner.write(chunk, take);
      progress[0]! += chunk.length;
      progress[1] = tally.rowsRead;
      // Groups by the hundred thousand (an id-like column used as the area):
      // a second tally to send and merge costs more than the thread saves.
      if (tally.groups.length > MAX_GROUPS) {
        return { kind: 'failed', message: `more than ${MAX_GROUPS.toLocaleString('en-US')} groups` };
      }
    }
    scanner.end(take);
  } catch (e) {
    if (e instanceof ScanError && e.code === 'CSV_RECORD_TOO_LARGE') return { kind: 'too-large', line: e.start };
    if (e instanceof ScanError) return { kind: 'unclosed', start: e.start, line: e.line };
    if (e instanceof StrictStop) {
      return e.value === undefined
        ? { kind: 'strict', reason: e.reason, line: e.line }
        : { kind: 'strict', reason: e.reason, line: e.line, value: e.value };
    }
    throw e;
  }
  return {
    kind: 'ok',
    part: {
      ...tally.export(),
      layouts: reader.adopted.map((a) => ({ layout: a.layout, rows: a.rows })),
      pending: reader.takePending(),
      otherOrder: reader.otherOrder,
    },
  };
}
