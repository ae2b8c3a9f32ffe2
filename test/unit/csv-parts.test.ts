import { expect, test } from 'vitest';
import { partsOf } from '#web/ops/csv-parts.ts';

const header = 'sku,title';
const file = (n: number, end = '\n') => [header, ...Array.from({ length: n }, (_, i) => `SKU-${i},"商品, ${i}"`)].join('\n') + end;

test('a small file is one part, as it is', () => {
  expect(partsOf(file(3))).toEqual([{ csv: file(3), firstLine: 1, lines: 3 }]);
});

test('a large file: parts of 500 lines, each with the header, numbered as in the file; the last line break makes no part', () => {
  const parts = partsOf(file(1_001));
  expect(parts.map((p) => [p.firstLine, p.lines])).toEqual([
    [1, 500],
    [501, 500],
    [1001, 1],
  ]);
  for (const p of parts) expect(p.csv.split('\n')[0]).toBe(header);
  // The part's second line is the file's line firstLine + 1.
  expect(parts[1]!.csv.split('\n')[1]).toBe(file(1_001).split('\n')[501]);
  expect(partsOf(file(1_000, '\n\n\n')).map((p) => p.lines)).toEqual([500, 500]);
});
