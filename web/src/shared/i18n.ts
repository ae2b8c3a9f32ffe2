import { zh } from './i18n-zh.ts';
import { en } from './i18n-en.ts';

export type Lang = 'zh' | 'en';
export type Key = keyof typeof zh;

const dictionaries: Record<Lang, Record<Key, string>> = { zh, en };
const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('lang');
let current: Lang = stored === 'en' ? 'en' : 'zh';

export const lang = () => current;

export function setLang(next: Lang) {
  current = next;
  localStorage.setItem('lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

/** The text for a key, with {name} placeholders filled. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  return dictionaries[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
