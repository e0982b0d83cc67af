/**
 * `inspect --map NAME`: each distinct value of the column the map reads,
 * with its rows, what the map made of it (category and class) and the rule
 * that placed it, in the shape of a map file (value,category,class) that can
 * be edited and passed back with --map FILE.
 */
import type { Tally } from './aggregate.js';
import type { FileSetup } from './ingest.js';
import { isMissing } from './types.js';

export interface MapListingRow {
  value: string;
  /** The row label the map gives it, `(dropped)` or `(unmapped)`. */
  category: string;
  /** Its class (Violent, Property, Other…), or `(unmapped)`. */
  class: string;
  rows: number;
  rule: string;
}

export interface MapListing {
  name: string;
  /** The column the map read (the first file's), and whether it is the offense column. */
  column: string | null;
  offenseColumn: boolean;
  values: MapListingRow[];
}

/** Counts the rows of each value the map reads (the offense value where the map's column is empty), file by file. */
export class MapValueCounter {
  readonly rows = new Map<string, number>();
  column: string | null = null;
  offenseColumn = true;

  /** Chain with the inspect collector's `onFile`. */
  onFile(setup: FileSetup): ((fields: readonly string[]) => void) | undefined {
    if (!setup.mapColumn) return undefined;
    const mi = setup.header.indexOf(setup.mapColumn.name);
    const oi = setup.roles.index.offense;
    if (this.column === null) {
      this.column = setup.mapColumn.name;
      this.offenseColumn = mi === oi;
    }
    return (fields) => {
      let v = fields[mi]?.trim() ?? '';
      if (isMissing(v) && oi >= 0) v = fields[oi]?.trim() ?? '';
      if (isMissing(v)) return;
      this.rows.set(v, (this.rows.get(v) ?? 0) + 1);
    };
  }
}

/** The listing: values by rows (most first), then by value. */
export function mapListing(name: string, counter: MapValueCounter, tally: Tally): MapListing {
  const values = [...counter.rows]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([value, rows]): MapListingRow => {
      const p = tally.placements.get(value);
      return p
        ? { value, category: p.outcome, class: p.cls, rows, rule: p.rule }
        : { value, category: '', class: '', rows, rule: 'not read by the map (its rows were skipped first)' };
    });
  return { name, column: counter.column, offenseColumn: counter.offenseColumn, values };
}
