import { shanghaiMonth } from '#domain/time.ts';
import { api } from '../shared/api.ts';
import { lang } from '../shared/i18n.ts';
import type { Page } from '../shared/types.ts';

/** The month in China (the statements' month), as YYYY-MM. */
export const thisMonth = () => shanghaiMonth(new Date());

/** The `n` months up to and including `month`, oldest first. */
export function monthsUpTo(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Basis points as a percentage a person types (3000 → "30"). */
export const percentOf = (bp: number) => String(bp / 100);

export const locale = () => (lang() === 'zh' ? 'zh-CN' : 'en-GB');

/** A file the browser saves (a CSV export). */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8') {
  // A byte-order mark, so that a spreadsheet opens Chinese text as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Pages of 100 read at most of a list across the whole network: 5,000 stations
 * (a province has about 3,000). Beyond it the screen says it stopped early.
 */
const maxPages = 50;

/** A list read to its end, 100 a request, at most `maxPages` pages; `complete` is false when it stopped early. */
export interface Whole<T> {
  items: T[];
  complete: boolean;
}

/** `path` may carry a query of its own (`/v1/tab-requests?status=APPROVED`). */
export async function readAll<T>(path: string): Promise<Whole<T>> {
  const items: T[] = [];
  let next: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await api<Page<T>>('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${next ? `&next=${encodeURIComponent(next)}` : ''}`);
    items.push(...page.items);
    next = page.next;
    if (!next) return { items, complete: true };
  }
  return { items, complete: false };
}
