/** `crimedelta inspect`: columns and their roles, date format and range, row counts, top values. */
import type { Command } from 'commander';
import { dataEnd } from '../../core/ingest.js';
import { InspectCollector, inspectReport } from '../../core/inspect.js';
import { mapListing, MapValueCounter } from '../../core/map-listing.js';
import { mapListingGrid, passBack } from '../../report/map-listing.js';
import { tableWidth } from '../../format/color.js';
import { type Format, piece, renderGrid, renderJson } from '../../format/index.js';
import { inspectGrids } from '../../report/inspect.js';
import type { CommandOptions, CommandSpec } from '../command.js';
import { colorContext, type Messages } from '../messages.js';
import { parsePositiveInt, valueParser } from '../parse.js';
import { readIncidents } from '../read-incidents.js';
import {
  addFormatOptions,
  addInputOptions,
  addRunOptions,
  type InputFlags,
  inputFlags,
  type RunFlags,
  runFlags,
} from '../shared-options.js';

interface InspectFlags extends RunFlags, InputFlags {
  format: Format;
  top: number;
  wide?: boolean;
  raw?: boolean;
  output?: string;
}

export interface InspectOptions extends CommandOptions {
  input: InputFlags;
  format: Format;
  top: number;
  wide: boolean;
  raw: boolean;
}

export const inspectCommand: CommandSpec<InspectOptions> = {
  name: 'inspect',
  summary: 'what is in the files: columns and their roles, date format and range, rows skipped, top values',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd.option('--top <n>', 'how many offense and area values to list', valueParser(parsePositiveInt('--top')), 10);
    addFormatOptions(cmd, {
      noColor: 'no colour (inspect prints none; accepted like every command)',
      raw: 'CSV/TSV: keep text cells that start with = + - @ as they are',
    });
    addRunOptions(cmd);
    cmd.addHelpText(
      'after',
      `
Examples:
  crimedelta inspect incidents.csv
  crimedelta inspect Crime_Data_from_2020_to_Present.csv --format json
  crimedelta inspect 2021-*.csv --top 25
  crimedelta inspect incidents.csv --map violent --format csv > violent-map.csv

With --map, inspect lists each value the map reads with its category, class,
rows and the rule that placed it (in CSV/TSV, as a map file to edit and pass
back with --map FILE).`,
    );
    return cmd;
  },
  options(files, cmd) {
    const f = cmd.opts<InspectFlags>();
    return {
      files,
      output: f.output,
      ...runFlags(f),
      input: inputFlags(f),
      format: f.format,
      top: f.top,
      wide: f.wide === true,
      raw: f.raw === true,
    };
  },
  async run(o, io, msg: Messages) {
    const collector = new InspectCollector();
    const values = new MapValueCounter();
    const observe: typeof collector.onFile = (setup) => {
      const a = collector.onFile(setup);
      const b = o.input.map !== undefined ? values.onFile(setup) : undefined;
      return b
        ? (fields) => {
            a(fields);
            b(fields);
          }
        : a;
    };
    const read = await readIncidents(o.files, o.input, ['offense'], io, msg, observe);
    const listing = o.input.map !== undefined ? mapListing(o.input.map, values, read.tally) : undefined;
    if (listing && (o.format === 'csv' || o.format === 'tsv'))
      msg.note(`the --map ${listing.name} listing reads as a map file: ${passBack(listing)}`);
    const report = inspectReport(collector, read.tally, {
      top: o.top,
      dateFormatGiven: o.input.dateFormat !== undefined,
      lastDay: dataEnd(read),
      files: read.files,
    });
    if (read.usedSample) report.files.forEach((f, i) => (f.name = read.files[i]?.name ?? f.name));
    if (report.duplicateHeaders.length) {
      msg.warning(
        null,
        `duplicate column names: ${report.duplicateHeaders.map((h) => `"${h}"`).join(', ')}; the first column of each name is used`,
      );
    }
    if (o.format === 'json') return renderJson(listing ? { ...report, map: listing } : report);
    const grids = inspectGrids(report);
    if (listing) grids.push(mapListingGrid(listing));
    if (o.format === 'html' || o.format === 'xlsx') return piece(o.format, report, grids);
    const opts = { color: false, raw: o.raw, width: tableWidth({ format: o.format, wide: o.wide }, colorContext(io)) };
    // CSV/TSV: the columns, or with --map the listing (a map file).
    if (o.format === 'csv' || o.format === 'tsv') return renderGrid(o.format, listing ? grids[grids.length - 1]! : grids[0]!, opts);
    const human = o.format;
    return grids
      .map((g) => renderGrid(human, g, opts))
      .map((t) => (t.endsWith('\n') ? t : `${t}\n`))
      .join('\n');
  },
};
