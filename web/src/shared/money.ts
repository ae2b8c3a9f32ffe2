/** Money on screen is yuan; in the API it is integer fen. Parsing never goes through a float. */
export function yuanToFen(text: string): number | undefined {
  const m = /^\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(text.replace(/[,，¥￥]/g, ''));
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function fenToYuanInput(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
}

export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Whole yuan where there are no fen (big kiosk prices). */
export function formatFenShort(fen: number): string {
  return fen % 100 === 0 ? `¥${(fen / 100).toLocaleString('en-US')}` : formatFen(fen);
}
