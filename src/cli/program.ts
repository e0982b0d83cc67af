/** Builds the commander program from the one list of commands. */
import { Command } from 'commander';
import type { Io } from '../io/output.js';
import type { CommandSpec } from './command.js';
import { alertsCommand } from './commands/alerts.js';
import { compareCommand } from './commands/compare.js';
import { compstatCommand } from './commands/compstat.js';
import { evaluateCommand } from './commands/evaluate.js';
import { inspectCommand } from './commands/inspect.js';
import { reportCommand } from './commands/report.js';
import { trendCommand } from './commands/trend.js';

import { COMMANDS } from './registry.js';
import { packageVersion } from './version.js';

export { COMMANDS };

COMMANDS.push(compareCommand, trendCommand, compstatCommand, inspectCommand, evaluateCommand, alertsCommand, reportCommand);

export { packageVersion };

/** What the action of the chosen command received: the command, its files and its parsed commander command. */
export interface Invocation {
  spec: CommandSpec;
  files: string[];
  cmd: Command;
}

export function buildProgram(io: Io, onInvoke: (inv: Invocation) => void): Command {
  const program = new Command('crimedelta')
    .description('Crime statistics from police incident CSV files: counts and percent changes between comparable windows.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {
        /* main prints one line itself */
      },
    });
  program.addHelpText(
    'after',
    `
Run "crimedelta <command> --help" for a command's options and examples.
"crimedelta compare --sample" shows a report on the bundled sample at once.`,
  );
  for (const spec of COMMANDS) {
    const cmd = program
      .command(spec.name)
      .summary(spec.summary)
      .description(spec.summary)
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        outputError: () => {},
      });
    spec.configure(cmd);
    cmd.action((files: string[], _opts: unknown, command: Command) => {
      onInvoke({ spec, files, cmd: command });
    });
  }
  return program;
}
