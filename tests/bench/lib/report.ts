/** Formatting for the bench's console report. */

export interface Check {
  name: string;
  value: string;
  /** Human-readable target, or "" for a number reported without one. */
  target: string;
  /** undefined: informational only. */
  pass: boolean | undefined;
}

export function verdict(pass: boolean | undefined): string {
  if (pass === undefined) return "";
  return pass ? "PASS" : "FAIL";
}

/** A plain-text table; columns listed in `rightAligned` (by index) are right-aligned. */
export function renderTable(
  headers: string[],
  rows: string[][],
  rightAligned: number[] = [],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return rightAligned.includes(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("  ");
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

export function ms(value: number): string {
  if (value >= 1_000) return `${(value / 1_000).toFixed(2)} s`;
  if (value >= 10) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(1)} ms`;
}

export function perSecond(value: number): string {
  return `${Math.round(value).toLocaleString("en-US")}`;
}

export function mb(value: number): string {
  return `${value.toFixed(1)} MB`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function bytes(value: number): string {
  return value >= 1024 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value)} B`;
}

/** Decimal kilobytes (1 KB = 1,000 bytes), as page-weight budgets are usually stated. */
export function kb(value: number): string {
  return `${(value / 1_000).toFixed(1)} KB`;
}
