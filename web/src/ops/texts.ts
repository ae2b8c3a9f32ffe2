import { lang, t as shared, type Key } from '../shared/i18n.ts';
import { opsEn } from './texts-en.ts';
import { opsZh } from './texts-zh.ts';

export type OpsKey = keyof typeof opsZh;

/** A text of the console (`ops.…`, its own dictionaries) or one shared with the other pages, with {name} placeholders filled. */
export function t(key: OpsKey | Key, vars: Record<string, string | number> = {}): string {
  if (!key.startsWith('ops.')) return shared(key as Key, vars);
  const text = (lang() === 'zh' ? opsZh : opsEn)[key as OpsKey];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
