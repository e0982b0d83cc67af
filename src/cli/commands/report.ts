/** `crimedelta report DEFINITION`: a book of sections (compare, compstat, trend, evaluate, inspect) from one read of the input. */
import { Command, CommanderError, Option } from 'commander';
import type { SectionPlan } from '../report-definition.js';
import type { Override, ReportOptions, ReportOutput } from '../report-run.js';
import { isCrimedeltaError, InputError, UsageError } from '../../errors.js';
import { FORMATS, type Format } from '../../format/index.js';
import type { CommandSpec } from '../command.js';
import type { Messages } from '../messages.js';
import { collect } from '../parse.js';
import { addInputOptions, addRunOptions, type RunFlags, runFlags } from '../shared-options.js';

/** Formats by file extension. */
const EXTENSIONS: Record<string, Format> = {
  html: 'html',
  htm: 'html',
  xlsx: 'xlsx',
  json: 'json',
  csv: 'csv',
  tsv: 'tsv',
  md: 'md',
  txt: 'table',
};

interface ReportFlags extends RunFlags {
  check?: boolean;
  output?: string[];
  format?: Format;
  asOf?: string;
  debug?: boolean;
  sample?: boolean;
}

/** The options added by {@link addInputOptions}, for the report's own command line (its argument is the definition). */
function inputOptions(): Option[] {
  return addInputOptions(new Command()).options as Option[];
}

function formatOf(path: string, given: Format | undefined, where: string): Format {
  if (given) return given;
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  const f = EXTENSIONS[ext];
  if (!f) {
    throw new UsageError(
      'BAD_VALUE',
      `${where}: cannot tell the format of ${path} from its extension: use .html, .xlsx, .json, .csv, .tsv, .md or .txt, or give --format`,
    );
  }
  return f;
}

/** The commands' options, from the program itself (loaded when a report runs: the program lists this command). */
async function catalog() {
  const { COMMANDS } = await import('../registry.js');
  const commands = new Map(COMMANDS.map((spec) => [spec.name, spec.configure(new Command(spec.name).exitOverride())] as const));
  const { optionKey } = await import('../report-definition.js');
  const inputKeys = new Set(inputOptions().map(optionKey));
  const runKeys = new Set((addRunOptions(new Command()).options as Option[]).map(optionKey));
  return { commands, inputKeys, runKeys };
}

/** The typed options of a section for one output format, with the command line's overrides. */
async function sectionOptions(
  o: Pick<ReportOptions, 'def' | 'overrides' | 'asOf' | 'extra'>,
  plan: SectionPlan,
  index: number,
  format: Format,
) {
  // The section's command alone (not the whole program): its declaration, parsed afresh.
  const { COMMANDS } = await import('../registry.js');
  const spec = COMMANDS.find((c) => c.name === plan.command)!;
  let invocation: { files: string[]; cmd: Command } | undefined;
  const cmdDef = spec
    .configure(new Command(spec.name).exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} }))
    .action((files: string[], _opts: unknown, command: Command) => {
      invocation = { files, cmd: command };
    });
  const where = `${o.def.path}:${plan.line}: section ${index + 1} (${plan.command})`;
  const has = (flag: string) => cmdDef.options.some((x) => x.long === flag);
  const argv = [...plan.files, ...plan.argv, ...o.extra, '--format', format];
  if (o.asOf !== undefined && has('--as-of') && !plan.argv.includes('--as-of')) argv.push('--as-of', o.asOf);
  try {
    cmdDef.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      const m = e.message.replace(/^error: /, '').replace(/^option '[^']*' argument '[^']*' is invalid\. (?=--)/, '');
      throw new UsageError('BAD_DEFINITION', `${where}: ${m}`);
    }
    throw e;
  }
  const inv = invocation!;
  for (const ov of o.overrides) {
    if (ov.key === 'as-of' && !has('--as-of')) continue;
    if (inv.cmd.options.some((x) => x.attributeName() === ov.attr)) inv.cmd.setOptionValueWithSource(ov.attr, ov.value, 'cli');
  }
  // --as-of on the command line wins over a section's own.
  try {
    return { spec, opts: await spec.options(inv.files, inv.cmd) };
  } catch (e) {
    throw prefixed(e, where);
  }
}

/** The same error, its message led by the place in the definition. */
function prefixed(e: unknown, where: string): unknown {
  if (!isCrimedeltaError(e)) return e;
  const text = `${where}: ${e.message}`;
  const out = e.exitCode === 2 ? new UsageError(e.code as never, text) : new InputError(e.code as never, text);
  out.stack = e.stack;
  return out;
}

export const reportCommand: CommandSpec<ReportOptions> = {
  name: 'report',
  ownOutputs: true,
  summary:
    'a report of several sections (compare, compstat, trend, evaluate, inspect) from a YAML definition: HTML, XLSX, JSON or tables, reading the input once',
  configure(cmd: Command) {
    cmd.argument('<definition>', 'the report definition (YAML or JSON): title, input, as-of, sections, output');
    cmd
      .option('--check', 'check the definition (keys, values, files exist) without reading data')
      .option(
        '-o, --output <file>',
        'write the report here instead of the outputs the definition lists (repeatable; format from the extension)',
        collect,
      )
      .addOption(
        new Option('--format <format>', 'format of -o or standard output (default: from the extension; table on standard output)').choices(
          FORMATS,
        ),
      )
      .option('--as-of <date>', "override the definition's as-of day: YYYY-MM-DD, today or yesterday");
    for (const o of inputOptions()) cmd.addOption(o);
    addRunOptions(cmd);
    cmd.addHelpText(
      'after',
      `
A definition names the input once, then the sections; each section is one
command with its options in command-line words (as in its --help, without the
dashes), and an optional heading and note. Files and outputs are relative to
the definition's folder. The input is read once for all the sections. Flags
given here (-o, --format, --as-of, the input flags) override the definition.

  title: Weekly crime report
  input:
    files: [incidents-*.csv]
    area-col: district
  as-of: yesterday
  sections:
    - compstat: {}
      heading: CompStat
    - compare: {years: "2022,2023", span: ytd, by: area, stats: true}
      heading: Year to date by district
    - trend: {every: week, years: "2023"}
  output: [weekly.html, weekly.xlsx]

Examples:
  crimedelta report weekly.yaml
  crimedelta report weekly.yaml --check
  crimedelta report weekly.yaml --as-of 2024-03-31 -o past-week.html
  crimedelta report weekly.yaml --format json > weekly.json`,
    );
    return cmd;
  },
  async options(_files, cmd) {
    const f = cmd.opts<ReportFlags>();
    const path = String(cmd.processedArgs[0] ?? cmd.args[0]);
    const { loadDefinition } = await import('../report-definition.js');
    const fromCli = (attr: string) => cmd.getOptionValueSource(attr) === 'cli';
    const def = loadDefinition(path, await catalog(), f.sample === true);
    const overrides: Override[] = [];
    for (const o of inputOptions()) {
      const attr = o.attributeName();
      if (fromCli(attr)) overrides.push({ key: o.long!.replace(/^--/, ''), attr, value: cmd.getOptionValue(attr) });
    }
    if (f.sample) for (const s of def.sections) s.files = [];
    let outputs: ReportOutput[];
    if (f.output?.length)
      outputs = f.output.map((p) => ({ path: p, format: p === '-' ? (f.format ?? 'table') : formatOf(p, f.format, '-o') }));
    else if (def.output.length)
      outputs = def.output.map((p) => ({ path: p, format: p === '-' ? (f.format ?? 'table') : formatOf(p, undefined, def.path) }));
    else outputs = [{ path: '-', format: f.format ?? 'table' }];
    for (const out of outputs) {
      if (out.path === '-' && (out.format === 'html' || out.format === 'xlsx')) {
        throw new UsageError('MISSING_FLAG', `--format ${out.format} writes a file: give -o FILE (it is never written to standard output)`);
      }
    }
    const run = runFlags({
      ...f,
      ...(f.failOn === undefined && def.failOn ? { failOn: def.failOn as RunFlags['failOn'] } : {}),
      ...(f.maxSkipped === undefined && def.maxSkipped !== undefined ? { maxSkipped: def.maxSkipped } : {}),
    });
    const o: ReportOptions = {
      files: [],
      output: undefined,
      ...run,
      def,
      check: f.check === true,
      outputs,
      overrides,
      extra: [...(f.quiet ? ['--quiet'] : []), ...(f.debug ? ['--debug'] : [])],
    };
    const asOf = f.asOf ?? def.asOf;
    if (asOf !== undefined) o.asOf = asOf;
    if (f.asOf !== undefined) overrides.push({ key: 'as-of', attr: 'asOf', value: f.asOf });
    // Every section's flags are checked now, before any data is read.
    for (const [i, s] of def.sections.entries()) await sectionOptions(o, s, i, 'xlsx');
    return o;
  },
  async run(o, io, msg: Messages) {
    const { runReport } = await import('../report-run.js');
    return runReport(o, io, msg, sectionOptions);
  },
};

export type SectionOptionsFn = typeof sectionOptions;
