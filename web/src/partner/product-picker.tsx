import { categories } from '#domain/product.ts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from '../shared/i18n.ts';
import { formatFen } from '../shared/money.ts';
import { Money, Notice, Select, TextInput, useAction, useLatest } from '../shared/ui.tsx';
import type { Page, ProductView as Product } from '../shared/types.ts';

export interface Line {
  sku: string;
  title: string;
  qty: number;
  onlinePriceFen: number;
  localStorePriceFen: number;
}

export function ProductPicker({ onAdd }: { onAdd: (p: Product) => void }) {
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [found, setFound] = useState<Product[] | undefined>();
  const action = useAction();
  const request = useLatest();
  useEffect(() => {
    const isLatest = request();
    const timer = setTimeout(() => {
      // The search understands pinyin (xiyiji), initials (xyj), Chinese words, English words and SKU prefixes, best matches first.
      const query = new URLSearchParams({ limit: '8', ...(q.trim() ? { q: q.trim() } : {}), ...(category ? { category } : {}) });
      void action.run(async () => {
        const page = await api<Page<Product>>('GET', `/v1/products?${query}`);
        if (isLatest()) setFound(page.items);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [q, category]);
  return (
    <div class="picker">
      <div class="row2">
        <TextInput name="productSearch" type="search" label={t('order.searchProducts')} value={q} onValue={setQ} />
        <Select
          name="category"
          label={t('order.category')}
          value={category}
          onValue={setCategory}
          options={[['', t('order.allCategories')], ...categories.map((c): [string, string] => [c, t(`category.${c}`)])]}
        />
      </div>
      <Notice shown={action.problem} />
      {/* Its room is kept until the first answer, so the form below does not jump when it comes. */}
      <ul class={found ? 'rows' : 'rows found'}>
        {(found ?? []).map((p) => (
          <li key={p.sku}>
            <span>
              <strong>{p.title}</strong> <Money fen={p.onlinePriceFen} />{' '}
              {p.savingFen ? <small>{t('order.saves', { amount: formatFen(p.savingFen) })}</small> : null}
            </span>
            <button onClick={() => onAdd(p)} aria-label={t('order.addNamed', { name: p.title })}>
              {t('order.add')}
            </button>
          </li>
        ))}
      </ul>
      {found?.length === 0 && q.trim() && (
        <p class="hint" role="status">
          {t('order.noneFound')}
        </p>
      )}
    </div>
  );
}
