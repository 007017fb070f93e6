import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number;

/**
 * Every CSV export goes through here. Cells hold text that members typed (search queries,
 * profile fields) or that authors wrote, and a spreadsheet runs a cell starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return as a formula: csv-stringify's `escape_formulas` prefixes
 * such text with an apostrophe, so it is shown, never run. Numbers stay numbers (-3 is -3).
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], { escape_formulas: true });
}
