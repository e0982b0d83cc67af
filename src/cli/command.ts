import type { Command } from 'commander';
import type { Io } from '../io/output.js';

/** One subcommand: its declaration and what it does. Registered in program.ts. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Adds arguments, options and help text (examples) to the commander command. */
  configure(cmd: Command): Command;
  /** Runs with the parsed positional files and options; returns the text for standard output. */
  run(files: string[], opts: Record<string, unknown>, io: Io): Promise<string>;
}
