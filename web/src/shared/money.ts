import { formatYuan } from '#shared/i18n/messages.ts';

/**
 * Money on screen is yuan; in the API it is integer fen. Parsing never goes
 * through a float. What a partner types on a phone is taken as a person means
 * it: full-width digits (２９．５), "元"/"块", "¥"/"￥", thousands commas, spaces.
 */
export function normaliseAmount(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－—]/g, '-')
    .replace(/[,，¥￥\s]/g, '')
    .replace(/(元|块|圆)(整)?$/, '');
}

export type AmountReading = { fen: number } | { mistake: 'field.amount' | 'field.amountNegative' | 'field.amountTooLarge' };

/** Reads an amount in yuan; says what is wrong with it when it is not one. */
export function readYuan(text: string): AmountReading {
  const plain = normaliseAmount(text);
  if (/^-\d/.test(plain)) return { mistake: 'field.amountNegative' };
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(plain);
  if (!m) return { mistake: 'field.amount' };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 100_000_000_00 ? { mistake: 'field.amountTooLarge' } : { fen };
}

export function yuanToFen(text: string): number | undefined {
  const r = readYuan(text);
  return 'fen' in r ? r.fen : undefined;
}

export function fenToYuanInput(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
}

export const formatFen = formatYuan;

/** Whole yuan where there are no fen (big kiosk prices). */
export function formatFenShort(fen: number): string {
  return fen % 100 === 0 ? `¥${(fen / 100).toLocaleString('en-US')}` : formatFen(fen);
}

/** Cash handed over against what is due: what is taken and the change given back. Never refuses more. */
export function changeFor(dueFen: number, handedFen: number): { takenFen: number; changeFen: number; shortFen: number } {
  const takenFen = Math.min(dueFen, handedFen);
  return { takenFen, changeFen: Math.max(0, handedFen - dueFen), shortFen: Math.max(0, dueFen - handedFen) };
}
