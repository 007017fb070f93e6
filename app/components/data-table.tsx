import type { ReactNode } from "react";

export interface DataTableRow {
  key: string;
  /** The first cell, which names the row (`<th scope="row">`). */
  header: ReactNode;
  cells: ReactNode[];
}

/**
 * A table of figures in the admin pages: column headers, one header cell per row, and `empty`
 * in a single cell across the table when there are no rows. Wrapped so it scrolls sideways on
 * a narrow screen instead of widening the page.
 */
export function DataTable({
  caption,
  hideCaption = false,
  columns,
  rows,
  empty,
}: {
  caption: ReactNode;
  /** For a table right under a heading that says the same: the caption is for screen readers. */
  hideCaption?: boolean;
  columns: string[];
  rows: DataTableRow[];
  empty?: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table>
        <caption className={hideCaption ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.header}</th>
                {row.cells.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
