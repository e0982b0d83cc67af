/** `inspect --map`: the listing as a grid (a map file in CSV/TSV: value,category,class,rows,rule). */
import type { MapListing } from '../core/map-listing.js';
import type { Grid } from '../format/grid.js';

export function mapListingGrid(l: MapListing): Grid {
  const col = l.column !== null ? ` of "${l.column}"` : '';
  return {
    caption: [`--map ${l.name}: each value${col}, the category and class it gets, its rows and the rule that placed it`],
    columns: [
      { header: 'value', kind: 'text' },
      { header: 'category', kind: 'text' },
      { header: 'class', kind: 'text' },
      { header: 'rows', kind: 'count' },
      { header: 'rule', kind: 'text' },
    ],
    rows: l.values.map((v) => [v.value, v.category, v.class, v.rows, v.rule]),
    footer: [`Save it with --format csv, edit the category and class columns, and pass it back: ${passBack(l)}.`],
  };
}

/** The flags that read a saved listing as the map did. */
export function passBack(l: MapListing): string {
  const col = l.column !== null && !l.offenseColumn ? ` --map-col ${JSON.stringify(l.column)}` : '';
  return `--map FILE.csv${col} --unmapped drop`;
}
