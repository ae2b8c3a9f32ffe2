import { msg, render, type MessageKey, type Msg, type Params } from '#shared/i18n/messages.ts';
import { lang } from './i18n.ts';
import { readYuan } from './money.ts';
import { FormMistake } from './problems.ts';

/**
 * The mistakes the partner form catches before sending, in the API's own words:
 * the shared message catalogue (the partner form carries it, and the kiosk for
 * its weighing; otherwise the kiosk shows the API's sentences as they come).
 */
export const say = (key: MessageKey, params?: Params) => render(msg(key, params), lang() === 'zh' ? 'zh-CN' : 'en');
export const sayMsg = (m: Msg) => render(m, lang() === 'zh' ? 'zh-CN' : 'en');

export const mistake = (field: string, key: MessageKey, params?: Params) => new FormMistake(say(key, params), field);

/** Yuan typed into a field, as fen; a form mistake on that field when it is not an amount (empty is 0 unless `required`). */
export function fenFromField(text: string, field: string, options: { required?: boolean; positive?: boolean } = {}): number {
  if (!text.trim() && !options.required) return 0;
  const reading = readYuan(text);
  if ('mistake' in reading) throw mistake(field, reading.mistake);
  if (options.positive && reading.fen === 0) throw mistake(field, 'field.amountPositive');
  return reading.fen;
}
