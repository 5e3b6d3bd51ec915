// A panel's table: what its <table> shows and what its CSV holds, built once so the two never
// disagree. Each cell carries its value unformatted (for the CSV: numbers as numbers, amounts in
// currency units, rates as fractions, null as empty) and as the reader reads it (for the table).

export type CsvValue = string | number | null;

export interface Cell {
  value: CsvValue;
  text: string;
}

export interface PanelTable {
  columns: string[];
  rows: Cell[][];
}

/**
 * A text a spreadsheet would run as a formula: a carrier or company named "=HYPERLINK(…)" must
 * stay text when the file is opened, so such a field gets a leading apostrophe (OWASP's advice).
 */
const FORMULA = /^[=+\-@\t\r]/;

function field(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
 * break quoted, quotes doubled), its header row first. It starts with a byte order mark: without
 * one, spreadsheets read the file as Latin-1 and garble "Pérdida".
 */
export function toCsv(table: PanelTable): string {
  const lines = [table.columns.map(field), ...table.rows.map((row) => row.map((cell) => field(cell.value)))];
  return `\ufeff${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}
