/** The list of commands, filled by program.ts (so that a command can look the others up without importing the program). */
import type { CommandSpec } from './command.js';

export const COMMANDS: CommandSpec[] = [];
