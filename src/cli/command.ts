import type { Command } from 'commander';
import type { CommandOutput } from '../format/index.js';
import type { Io } from '../io/output.js';
import type { MessageOptions, Messages } from './messages.js';

/** What every command's typed options carry: the inputs, where the report goes, and what may fail the run. */
export interface CommandOptions extends MessageOptions {
  files: string[];
  /** `-o FILE`; undefined or '-' for standard output. */
  output?: string | undefined;
}

/**
 * One subcommand: its declaration, its typed options and what it does.
 * Registered in program.ts (methods, so a command of any options type fits the registry's type).
 */
export interface CommandSpec<O extends CommandOptions = CommandOptions> {
  name: string;
  summary: string;
  /** Adds arguments, options and help text (examples) to the commander command. */
  configure(cmd: Command): Command;
  /** The typed options from the parsed command line; combinations of flags are checked here (exit 2). */
  options(files: string[], cmd: Command): O | Promise<O>;
  /** The command writes its own output files (report): --format html/xlsx need no -o here. */
  ownOutputs?: boolean;
  /** Runs with the typed options, saying what it must through `msg`; returns the text for standard output (or -o), or a document piece (--format html, xlsx). */
  run(opts: O, io: Io, msg: Messages): Promise<CommandOutput>;
}
