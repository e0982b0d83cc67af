/**
 * The one place errors become messages and exit codes: 0 report written (or
 * the reader closed the pipe), 1 input cannot give a report, 2 command line wrong.
 */
import { CommanderError } from 'commander';
import { renderDocument } from '../document/index.js';
import { type ErrorCode, isCrimedeltaError, UsageError } from '../errors.js';
import { stderrLine } from '../format/sanitize.js';
import { checkOutputPath, ClosedPipe, fdId, type FileId, fileId, type Io, writeFileOut, writeOut } from '../io/output.js';
import type { CommandOptions } from './command.js';
import { Messages } from './messages.js';
import { buildProgram, type Invocation, packageVersion } from './program.js';

/** commander's error codes, as ours. */
const COMMANDER_CODES: Record<string, ErrorCode> = {
  'commander.unknownCommand': 'UNKNOWN_COMMAND',
  'commander.unknownOption': 'UNKNOWN_FLAG',
  'commander.missingMandatoryOptionValue': 'MISSING_FLAG',
  'commander.optionMissingArgument': 'MISSING_FLAG',
  'commander.missingArgument': 'MISSING_FLAG',
};

/** The identities of the input files (standard input for `-` or no FILE), which `-o` must not be. */
function inputIds(files: readonly string[], io: Io): Map<FileId, string> {
  const ids = new Map<FileId, string>();
  for (const f of files.length ? files : ['-']) {
    const id = f === '-' ? fdId(io.stdin.fd ?? 0) : fileId(f);
    if (id !== null && !ids.has(id)) ids.set(id, f === '-' ? 'standard input' : f);
  }
  return ids;
}

/** Writes the one-line message for an error (a stack and its code with --debug) and returns the exit code. */
export function reportError(e: unknown, io: Io, debug: boolean, command?: string): number {
  if (e instanceof ClosedPipe) return 0;
  const line = (text: string) => io.stderr.write(`crimedelta: ${stderrLine(text)}\n`);
  const details = (code: string, stack: string | undefined) => {
    if (!debug) return;
    io.stderr.write(`crimedelta: debug: error code ${code}\n`);
    if (stack) io.stderr.write(`${stack}\n`);
  };
  if (e instanceof CommanderError) {
    if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    // Our value parsers already say which flag and what is expected.
    const msg = e.message.replace(/^error: /, '').replace(/^option '[^']*' argument '[^']*' is invalid\. (?=--)/, '');
    const sub = e.code === 'commander.unknownCommand' ? undefined : command;
    line(`${msg} (see ${sub && sub !== 'help' ? `crimedelta ${sub} --help` : 'crimedelta --help'})`);
    details(COMMANDER_CODES[e.code] ?? 'BAD_VALUE', e.stack);
    return 2;
  }
  if (isCrimedeltaError(e)) {
    line(e.message);
    details(e.code, e.stack);
    return e.exitCode;
  }
  const err = e as Error | undefined;
  line(`internal error: ${err?.message ?? String(e)} (run with --debug for details)`);
  details('INTERNAL', err?.stack);
  return 1;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let invocation: Invocation | undefined;
  const program = buildProgram(io, (inv) => (invocation = inv));
  try {
    await program.parseAsync(argv, { from: 'user' });
    if (!invocation) return 0;
    const { spec, files, cmd } = invocation;
    const opts: CommandOptions = await spec.options(files, cmd);
    const output = opts.output;
    const format = cmd.opts<{ format?: string }>().format;
    if (!spec.ownOutputs && (format === 'html' || format === 'xlsx') && (output === undefined || output === '-')) {
      throw new UsageError('MISSING_FLAG', `--format ${format} writes a file: give -o FILE (it is never written to standard output)`);
    }
    if (typeof output === 'string' && output !== '-') checkOutputPath(output, inputIds(opts.files, io));
    const msg = new Messages(io, opts);
    // A report written to a file is not for the terminal: no colour, not fitted to its width.
    const toFile = typeof output === 'string' && output !== '-';
    const text = await spec.run(opts, toFile ? { ...io, stdout: { isTTY: false } as Io['stdout'] } : io, msg);
    const failures = msg.failures();
    if (failures.length) {
      // --fail-on: the named warnings are errors, and no report is written.
      for (const f of failures) io.stderr.write(`crimedelta: ${stderrLine(f)}\n`);
      return 1;
    }
    if (typeof text !== 'string') {
      const doc = {
        title: `crimedelta ${spec.name}`,
        generator: `crimedelta ${packageVersion()}`,
        sections: [{ command: spec.name, json: text.json, grids: text.grids }],
      };
      await writeFileOut(output!, await renderDocument(text.format, doc));
    } else if (typeof output === 'string' && output !== '-') await writeFileOut(output, text);
    else await writeOut(io.stdout, text);
    // --fail-on alerts: the report is out, and the run still fails (for cron).
    const after = msg.afterReport();
    for (const line of after) io.stderr.write(`crimedelta: ${stderrLine(line)}\n`);
    return after.length ? 1 : 0;
  } catch (e) {
    return reportError(e, io, argv.includes('--debug'), invocation?.spec.name ?? argv.find((a) => !a.startsWith('-')));
  }
}

let guarded = false;

/**
 * The real process as an Io. Once per process it also makes a closed stdout
 * pipe a quiet exit 0, and an error that escapes main (an 'error' event no
 * stream listens to, a rejection nobody awaits) one line with main's exit code.
 */
export function nodeIo(): Io {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, now: () => new Date() };
  if (!guarded) {
    guarded = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
    });
    const escaped = (e: unknown) => process.exit(reportError(e, io, process.argv.includes('--debug')));
    process.on('uncaughtException', escaped);
    process.on('unhandledRejection', escaped);
  }
  return io;
}
