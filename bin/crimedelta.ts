#!/usr/bin/env node
import { isCrimedeltaError } from '../src/errors.js';
import { main } from '../src/cli/main.js';
import { stderrLine } from '../src/format/sanitize.js';

// A reader that goes away (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

// Last line of defence: an error that escapes main (an 'error' event that no
// stream listens to, a rejection nobody awaits) is still one line, never a
// stack trace, with the exit code main would give it.
const debug = process.argv.includes('--debug');
const escaped = (e: unknown) => {
  const err = e as Error;
  if (isCrimedeltaError(e)) process.stderr.write(`crimedelta: ${stderrLine(err.message)}\n`);
  else process.stderr.write(`crimedelta: internal error: ${stderrLine(err?.message ?? String(e))} (run with --debug for details)\n`);
  if (debug && err?.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(isCrimedeltaError(e) ? e.exitCode : 1);
};
process.on('uncaughtException', escaped);
process.on('unhandledRejection', escaped);

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  now: () => new Date(),
});
