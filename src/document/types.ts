/** A document: the sections of a report (or one command), each with its JSON and grids. */
import type { Grid } from '../format/grid.js';

export interface DocSection {
  /** compare, compstat, trend, evaluate or inspect. */
  command: string;
  heading?: string;
  note?: string;
  /** The command's JSON report object (as --format json prints it). */
  json: unknown;
  /** The command's grids, as CSV gets them (plain numbers, flag columns). */
  grids: Grid[];
}

export interface Doc {
  title: string;
  /** What made it: `crimedelta 1.2.3`. */
  generator: string;
  /** Notes of the whole report (the definition's `note`). */
  note?: string;
  sections: DocSection[];
}
