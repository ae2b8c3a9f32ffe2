import Papa from 'papaparse';
import type { ProductInput } from '#domain/product.ts';
import { issueMessage } from '#http/parse.ts';
import { fieldError, type FieldError } from '#shared/errors.ts';
import { msg, type Msg } from '#shared/i18n/messages.ts';
import { ProductInput as ProductInputSchema } from './schemas.ts';

/**
 * The catalogue's CSV file (README "Importing the catalogue"): a header line,
 * then one product a line. Prices in yuan (29.90), weight in grams.
 */
export const importColumns = [
  'sku',
  'title',
  'titleEn',
  'category',
  'onlinePriceYuan',
  'localStorePriceYuan',
  'merchantCostYuan',
  'weightGrams',
  'needsInstallation',
  'returnWindowDays',
  'warrantyDays',
] as const;
type Column = (typeof importColumns)[number];
const optionalColumns: readonly Column[] = ['titleEn', 'warrantyDays'];

/** At most this many product lines in one request (more: send the file in parts). */
export const maxImportRows = 5_000;
/** The CSV text of one request, in characters (the body stays under the local server's 1 MB and far under Lambda's 6 MB). */
export const maxImportChars = 1_000_000;

export interface ImportRow {
  line: number;
  sku: string;
  input: ProductInput;
}

const fieldColumn: Record<keyof ProductInput, Column> = {
  title: 'title',
  titleEn: 'titleEn',
  category: 'category',
  onlinePriceFen: 'onlinePriceYuan',
  localStorePriceFen: 'localStorePriceYuan',
  merchantCostFen: 'merchantCostYuan',
  weightGrams: 'weightGrams',
  needsInstallation: 'needsInstallation',
  returnWindowDays: 'returnWindowDays',
  warrantyDays: 'warrantyDays',
};

const cellError = (line: number, column: string, message: Msg): FieldError => ({ path: `body.csv.${line}.${column}`, message });

function yuanToFen(cell: string): number | undefined {
  // ¥, the full-width comma and 元 as escapes: the bundles are ASCII (infra/api-function.ts).
  const m = /^\u00a5?\s*(\d{1,10})(?:\.(\d{1,2}))?$/.exec(
    cell
      .replace(/[,\uff0c]/g, '')
      .replace(/\u5143$/, '')
      .trim(),
  );
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const yes = new Set(['yes', 'y', 'true', '1', '是']);
const no = new Set(['no', 'n', 'false', '0', '否', '']);

/**
 * Every product line of a CSV text, or every wrong cell of it (never some of
 * both): a line and a column for each, so the whole file can be put right in
 * one go. `firstLine` is the file's line number of this text's header line
 * (a file sent in parts repeats its header in each part).
 */
export function readImportCsv(csv: string, firstLine = 1): { rows: ImportRow[]; errors: FieldError[] } {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false });
  const errors: FieldError[] = [];
  const table = parsed.data;
  const lineOf = (index: number) => firstLine + index;
  for (const e of parsed.errors) {
    if (e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') errors.push(cellError(lineOf(e.row ?? 0), 'line', msg('field.csvQuotes')));
  }
  const header = (table[0] ?? []).map((h) => h.trim());
  const position = new Map<string, number>();
  header.forEach((h, i) => {
    if ((importColumns as readonly string[]).includes(h)) position.set(h, i);
    else errors.push(cellError(lineOf(0), h || String(i + 1), msg('field.csvColumnUnknown', { values: [...importColumns] })));
  });
  for (const c of importColumns) {
    if (!position.has(c) && !optionalColumns.includes(c)) errors.push(cellError(lineOf(0), c, msg('field.csvColumnMissing')));
  }
  if (errors.length > 0) return { rows: [], errors };

  const body = table
    .map((cells, index) => ({ cells, line: lineOf(index) }))
    .slice(1)
    .filter(({ cells }) => !(cells.length === 1 && cells[0]!.trim() === ''));
  if (body.length === 0) return { rows: [], errors: [fieldError('body.csv', 'field.csvNoRows')] };
  if (body.length > maxImportRows) return { rows: [], errors: [fieldError('body.csv', 'field.csvManyRows', { max: maxImportRows })] };

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { cells, line } of body) {
    if (cells.length !== header.length) {
      errors.push(cellError(line, 'line', msg('field.csvFieldCount', { got: cells.length, expected: header.length })));
      continue;
    }
    const cell = (c: Column) => (position.has(c) ? (cells[position.get(c)!] ?? '').trim() : '');
    const wrong = new Map<Column, Msg>();
    const money = (c: Column) => {
      const fen = yuanToFen(cell(c));
      if (fen === undefined) wrong.set(c, msg(cell(c).startsWith('-') ? 'field.amountNegative' : 'field.amount'));
      return fen;
    };
    const whole = (c: Column, min: number, max: number) => {
      const text = cell(c);
      const n = /^-?\d{1,9}$/.test(text) ? Number(text) : undefined;
      if (n === undefined) wrong.set(c, text === '' ? msg('field.required') : msg('field.wholeNumberRange', { min, max }));
      return n;
    };
    const installation = cell('needsInstallation').toLowerCase();
    if (!yes.has(installation) && !no.has(installation)) wrong.set('needsInstallation', msg('field.yesNo'));
    const sku = cell('sku').toUpperCase();
    const candidate = {
      title: cell('title'),
      ...(cell('titleEn') ? { titleEn: cell('titleEn') } : {}),
      category: cell('category'),
      onlinePriceFen: money('onlinePriceYuan'),
      localStorePriceFen: money('localStorePriceYuan'),
      merchantCostFen: money('merchantCostYuan'),
      weightGrams: whole('weightGrams', 1, 500_000),
      needsInstallation: yes.has(installation),
      returnWindowDays: whole('returnWindowDays', 0, 365),
      // No warranty when the column is left out or the cell is empty (as a PUT without it).
      warrantyDays: cell('warrantyDays') === '' ? 0 : whole('warrantyDays', 0, 3650),
    };
    if (!/^[A-Z0-9][A-Z0-9-]{2,39}$/.test(sku)) wrong.set('sku', msg(sku === '' ? 'field.required' : 'field.sku'));
    else if (seen.has(sku)) wrong.set('sku', msg('field.skuRepeated', { line: seen.get(sku)! }));
    else seen.set(sku, line);
    const result = ProductInputSchema().safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = fieldColumn[String(issue.path[0]) as keyof ProductInput];
        if (column && !wrong.has(column)) wrong.set(column, issueMessage(issue, candidate));
      }
    }
    if (wrong.size > 0) {
      // In the file's column order, so a reader goes along the line.
      for (const c of importColumns) if (wrong.has(c)) errors.push(cellError(line, c, wrong.get(c)!));
    } else if (result.success) rows.push({ line, sku, input: result.data });
  }
  return errors.length > 0 ? { rows: [], errors } : { rows, errors };
}
