/** The table every human and delimited format renders: typed cells, formatted late. */
export type ColumnKind = 'text' | 'count' | 'change' | 'pct' | 'rate' | 'rateChange' | 'pvalue' | 'ratio';

export interface GridColumn {
  header: string;
  kind: ColumnKind;
}

export type CellValue = string | number | null;

export interface Grid {
  /** Lines above the table (table and md only). */
  caption: string[];
  columns: GridColumn[];
  rows: CellValue[][];
  /** A total row set apart from the others. */
  total?: CellValue[];
  /** Lines below the table (table and md only). */
  footer: string[];
  /** Tables that go with this one (CSV/TSV: after a blank line; XLSX and HTML: below it); table and md say them in the footer. */
  more?: Grid[];
}
