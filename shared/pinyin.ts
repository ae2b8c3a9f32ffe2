import type { PinyinOf } from '#domain/search.ts';

let loading: Promise<PinyinOf> | undefined;

/**
 * pinyin-pro (about 450 KB with its dictionaries) is loaded on first use: only
 * writing a product needs pinyin, never a search, so the catalogue function's
 * cold start does not carry it. In Lambda it is a file beside the bundle
 * (infra/api-function.ts `sideModules`), imported the first time a product is
 * written.
 */
export function loadPinyin(): Promise<PinyinOf> {
  loading ??= import('pinyin-pro').then(
    ({ pinyin }): PinyinOf =>
      (han) =>
        pinyin(han, { toneType: 'none', type: 'array', v: true }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
