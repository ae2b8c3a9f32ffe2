export { canSpeak, speak } from '../shared/speech.ts';

/** "3,900 yuan" as Mandarin reads prices: 3900元 (the voice says 三千九百元), 8.99 as 8元9角9分. */
export function spokenPrice(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const jiao = Math.trunc((fen % 100) / 10);
  const fenPart = fen % 10;
  return `${yuan}元${jiao || fenPart ? `${jiao}角` : ''}${fenPart ? `${fenPart}分` : ''}`;
}

const digits = '零一二三四五六七八九';

/** A whole number below 10,000 in Mandarin words, with its zeros as they are said (一千零五, 一百一十八). */
function below10k(n: number): string {
  const units = ['千', '百', '十', ''];
  const parts = [Math.trunc(n / 1000), Math.trunc(n / 100) % 10, Math.trunc(n / 10) % 10, n % 10];
  let out = '';
  let zero = false;
  parts.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    out += `${zero ? '零' : ''}${digits[d]}${units[i]}`;
    zero = false;
  });
  return out;
}

/** A whole number in Mandarin words, as a villager hears it said: 12 → 十二, 118 → 一百一十八, 20,500 → 两万零五百. */
export function spokenWhole(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return String(n);
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.trunc(rest / 10_000)) groups.unshift(rest % 10_000);
  const names = ['', '万', '亿', '万亿'];
  let out = '';
  groups.forEach((g, i) => {
    const unit = names[groups.length - 1 - i]!;
    if (g === 0) return;
    const needsZero = out !== '' && g < 1000;
    out += `${needsZero ? '零' : ''}${below10k(g)}${unit}`;
  });
  // 10–19 at the start are said 十…, not 一十…
  out = out.startsWith('一十') ? out.slice(1) : out;
  // 2 before a unit is said 两 (两万, 两千), but 二 alone and in tens (二十, 十二).
  return out.replace(/^二(?=[千万亿])/, '两');
}

/** A decimal as said aloud: the whole part in words, then 点 and the digits one by one (10.35 → 十点三五). */
export function spokenDecimal(text: string): string {
  const [whole = '0', fraction = ''] = text.split('.');
  return `${spokenWhole(Number(whole))}${fraction ? `点${[...fraction].map((d) => digits[Number(d)]).join('')}` : ''}`;
}

/** A weight in kilograms to the gram, trailing zeros dropped: 10,350 g → 十点三五公斤. */
export const spokenKg = (grams: number) => `${spokenDecimal((grams / 1000).toFixed(3).replace(/\.?0+$/, ''))}公斤`;

/** A deduction in basis points as a percentage: 150 → 百分之一点五. */
export const spokenPercent = (bp: number) => `百分之${spokenDecimal((bp / 100).toFixed(2).replace(/\.?0+$/, ''))}`;

/** Yuan, jiao and fen in words: 11,820 fen → 一百一十八元二角; 1,200 → 十二元; 105 → 一元零五分. */
export function spokenYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const jiao = Math.trunc((fen % 100) / 10);
  const fenPart = fen % 10;
  if (fen === 0) return '零元';
  const y = yuan ? `${spokenWhole(yuan)}元` : '';
  const j = jiao ? `${digits[jiao]}角` : fenPart && yuan ? '零' : '';
  const f = fenPart ? `${digits[fenPart]}分` : '';
  return `${y}${j}${f}`;
}
