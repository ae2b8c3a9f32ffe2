/**
 * CSV for spreadsheets, the one way every export writes it. A cell a
 * spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a
 * carriage return: `=HYPERLINK(…)` as a station's name, `@SUM(…)` as a county)
 * is written behind a quote, which makes it text: shown as typed, never run.
 * Numbers, and text that is only a number (-12.30), stay numbers.
 */
export type CsvValue = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header and rows, one line each. */
export const toCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string =>
  [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
