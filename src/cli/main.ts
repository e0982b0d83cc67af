/**
 * The only place errors become messages and exit codes: 0 report written (or
 * the reader closed the pipe), 1 input cannot give a report, 2 command line wrong.
 */
import { CommanderError } from 'commander';
import { isCrimedeltaError } from '../errors.js';
import { checkOutputPath, ClosedPipe, fdId, type FileId, fileId, type Io, writeFileOut, writeOut } from '../io/output.js';
import { stderrLine } from '../format/sanitize.js';
import { buildProgram, type Invocation } from './program.js';

/** One line with no control characters: messages quote file names and values from the data. */
const oneLine = stderrLine;

/** The identities of the input files (standard input for `-` or no FILE), by which `-o` must not be one of them. */
function inputIds(files: readonly string[], io: Io): Map<FileId, string> {
  const ids = new Map<FileId, string>();
  for (const f of files.length ? files : ['-']) {
    const id = f === '-' ? fdId(io.stdin.fd ?? 0) : fileId(f);
    if (id !== null && !ids.has(id)) ids.set(id, f === '-' ? 'standard input' : f);
  }
  return ids;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let invocation: Invocation | undefined;
  const program = buildProgram(io, (inv) => (invocation = inv));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    if (!invocation) return 0;
    const output = invocation.opts.output;
    if (typeof output === 'string' && output !== '-') checkOutputPath(output, inputIds(invocation.files, io));
    const text = await invocation.spec.run(invocation.files, invocation.opts, io);
    if (typeof output === 'string' && output !== '-') await writeFileOut(output, text);
    else await writeOut(io.stdout, text);
    return 0;
  } catch (e) {
    if (e instanceof ClosedPipe) return 0;
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      // Our value parsers already say which flag and what is expected.
      const msg = e.message.replace(/^error: /, '').replace(/^option '[^']*' argument '[^']*' is invalid\. (?=--)/, '');
      const sub = e.code === 'commander.unknownCommand' ? undefined : (invocation?.spec.name ?? argv.find((a) => !a.startsWith('-')));
      const hint = sub && sub !== 'help' ? `crimedelta ${sub} --help` : 'crimedelta --help';
      io.stderr.write(`crimedelta: ${oneLine(msg)} (see ${hint})\n`);
      return 2;
    }
    if (isCrimedeltaError(e)) {
      io.stderr.write(`crimedelta: ${oneLine(e.message)}\n`);
      if (debug && e.stack) io.stderr.write(`${e.stack}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`crimedelta: internal error: ${oneLine(err?.message ?? String(e))} (run with --debug for details)\n`);
    if (debug && err?.stack) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
