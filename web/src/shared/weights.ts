import { t } from './i18n.ts';
import { mistake } from './mistakes.ts';

/** Kilograms as the scale shows them (up to three decimals: grams), as whole grams. */
export function gramsFromKg(text: string, field: string, required: boolean): number {
  const s = text.trim().replace('，', '.').replace(',', '.');
  if (!s && !required) return 0;
  if (!/^\d{1,4}(\.\d{1,3})?$/.test(s)) throw mistake(field, 'field.grams');
  const [whole, fraction = ''] = s.split('.');
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
}

/** A deduction in percent (two decimals at most), as basis points. */
export function bpFromPercent(text: string, field = 'deductionBp'): number {
  const s = text.trim().replace('，', '.').replace(',', '.');
  if (!s) return 0;
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(s)) throw mistake(field, 'field.deduction');
  const [whole, fraction = ''] = s.split('.');
  const bp = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (bp > 5000) throw mistake(field, 'field.deduction');
  return bp;
}

/** Grams as kilograms to the gram, in the page's word for them: 9850 → "9.850 公斤" (English: "9.850 kg"). */
export const kg = (grams: number) => `${(grams / 1000).toFixed(3)} ${t('unit.kg')}`;
