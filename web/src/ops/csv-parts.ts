import Papa from 'papaparse';

/** Product lines sent in one request: well inside the API's 5,000 and its deadline, and often enough for a progress bar to move. */
export const linesPerPart = 500;

export interface CsvPart {
  csv: string;
  /** The file's line number of this part's (repeated) header line: what the API counts the part's lines from. */
  firstLine: number;
  lines: number;
}

const blank = (row: string[]) => row.length === 1 && row[0]!.trim() === '';

/** A catalogue CSV file in parts of `linesPerPart` product lines, each with the header (the console and `npm run import:products`). */
export function partsOf(csv: string, size = linesPerPart): CsvPart[] {
  const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data;
  const [header, ...body] = rows;
  // The file's last line break leaves an empty row: no part is made of nothing.
  while (body.length > 0 && blank(body.at(-1)!)) body.pop();
  const lines = body.filter((r) => !blank(r)).length;
  if (!header || body.length <= size) return [{ csv, firstLine: 1, lines }];
  const parts: CsvPart[] = [];
  for (let i = 0; i < body.length; i += size) {
    const slice = body.slice(i, i + size);
    // Line 1 is the header, so the part's first product line is line i + 2, and its header stands for line i + 1.
    parts.push({
      csv: Papa.unparse([header, ...slice], { newline: '\n' }),
      firstLine: i + 1,
      lines: slice.filter((r) => !blank(r)).length,
    });
  }
  return parts;
}
