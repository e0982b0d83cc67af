/** What the commands say on standard error, and what they ask of the terminal. */
import type { ColorContext } from '../format/color.js';
import { stderrLine } from '../format/sanitize.js';
import type { Io } from '../io/output.js';

/** Notes go to standard error unless --quiet. */
export function warner(io: Io, quiet: boolean | undefined): (m: string) => void {
  return (m) => {
    if (!quiet) io.stderr.write(`crimedelta: note: ${stderrLine(m)}\n`);
  };
}

/** The terminal facts the colour rule needs. */
export function colorContext(io: Io): ColorContext {
  return { isTTY: io.stdout.isTTY === true, noColorEnv: Boolean(io.env.NO_COLOR) };
}
