import { useEffect, useState } from 'preact/hooks';
import { categories } from '#domain/product.ts';
import { api, type FieldProblem } from '../shared/api.ts';
import { t } from './texts.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { explain, type Shown } from '../shared/problems.ts';
import { Field, Notice, Section, Select, TextInput, useAction, useLatest } from '../shared/ui.tsx';
import type { ImportOutcomeView, Page, ProductView } from '../shared/types.ts';
import { newKey } from '../shared/intent.ts';
import { TableBox } from './table-box.tsx';
import { partsOf } from './csv-parts.ts';

const categoryName = (c: string) => t(`category.${c}` as Parameters<typeof t>[0]);

export function CatalogueScreen() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState<Page<ProductView> | undefined>();
  const load = useAction();
  const latest = useLatest();
  useEffect(() => {
    const mine = latest();
    const timer = setTimeout(
      () =>
        void load.run(async () => {
          const found = await api<Page<ProductView>>('GET', `/v1/products?limit=50${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`);
          if (mine()) setPage(found);
        }),
      250,
    );
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <>
      <h1>{t('ops.nav.catalogue')}</h1>
      <p class="actions">
        <a class="button primary" href="#/catalogue/new">
          {t('ops.product.new')}
        </a>{' '}
        <a class="button" href="#/catalogue/import">
          {t('ops.import.title')}
        </a>
      </p>
      <TextInput name="q" type="search" label={t('ops.product.search')} hint={t('ops.product.searchHint')} value={q} onValue={setQ} />
      <Notice shown={load.problem} />
      <TableBox label={t('ops.product.list')}>
        <table class="data">
          <caption class="sr-only">{t('ops.product.list')}</caption>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">{t('ops.product.title')}</th>
              <th scope="col">{t('ops.product.category')}</th>
              <th scope="col">{t('ops.product.price')}</th>
              <th scope="col">{t('ops.product.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((p) => (
              <tr key={p.sku}>
                <td>
                  <a href={`#/catalogue/${encodeURIComponent(p.sku)}`}>{p.sku}</a>
                </td>
                <th scope="row">{p.title}</th>
                <td>{categoryName(p.category)}</td>
                <td class="num">{formatFen(p.onlinePriceFen)}</td>
                <td class="num">{p.merchantCostFen === undefined ? '—' : formatFen(p.merchantCostFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {page && page.items.length === 0 && <p>{t('ops.none')}</p>}
    </>
  );
}

const emptyProduct = {
  sku: '',
  title: '',
  titleEn: '',
  category: 'household',
  price: '',
  storePrice: '',
  cost: '',
  grams: '',
  install: 'no',
  returnDays: '7',
  warrantyDays: '0',
};

export function ProductScreen({ sku }: { sku?: string }) {
  const [f, setF] = useState(emptyProduct);
  const [loaded, setLoaded] = useState(sku === undefined);
  const load = useAction();
  useEffect(() => {
    if (!sku) return;
    void load.run(async () => {
      const p = await api<ProductView>('GET', `/v1/products/${encodeURIComponent(sku)}`);
      setF({
        sku: p.sku,
        title: p.title,
        titleEn: p.titleEn ?? '',
        category: p.category,
        price: fenToYuanInput(p.onlinePriceFen),
        storePrice: fenToYuanInput(p.localStorePriceFen),
        cost: fenToYuanInput(p.merchantCostFen ?? 0),
        grams: String(p.weightGrams),
        install: p.needsInstallation ? 'yes' : 'no',
        returnDays: String(p.returnWindowDays),
        warrantyDays: String(p.warrantyDays),
      });
      setLoaded(true);
    });
  }, [sku]);
  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const whole = (text: string, field: string) => {
    if (!/^\d{1,9}$/.test(text.trim())) throw mistake(field, 'field.wholeNumber');
    return Number(text.trim());
  };
  return (
    <>
      <h1>{sku ? t('ops.product.edit', { sku }) : t('ops.product.new')}</h1>
      <Notice shown={load.problem} />
      {loaded && (
        <CommandForm<ProductView>
          formId={`ops:product:${sku ?? 'new'}`}
          submitLabel={t('ops.product.save')}
          {...(sku ? {} : { again: t('ops.product.another') })}
          build={() => {
            const code = f.sku.trim().toUpperCase();
            if (!/^[A-Z0-9][A-Z0-9-]{2,39}$/.test(code)) throw mistake('sku', 'field.sku');
            const body = {
              title: f.title,
              ...(f.titleEn.trim() ? { titleEn: f.titleEn } : {}),
              category: f.category,
              onlinePriceFen: fenFromField(f.price, 'onlinePriceFen', { required: true }),
              localStorePriceFen: fenFromField(f.storePrice, 'localStorePriceFen', { required: true }),
              merchantCostFen: fenFromField(f.cost, 'merchantCostFen', { required: true }),
              weightGrams: whole(f.grams, 'weightGrams'),
              needsInstallation: f.install === 'yes',
              returnWindowDays: whole(f.returnDays, 'returnWindowDays'),
              warrantyDays: whole(f.warrantyDays, 'warrantyDays'),
            };
            return { command: { method: 'PUT', path: `/v1/products/${code}`, body, label: t('ops.product.save') }, draft: f };
          }}
          outcome={(p) => t('ops.product.saved', { sku: p.sku })}
        >
          {(intent) => (
            <>
              <TextInput name="sku" label="SKU" value={f.sku} onValue={set('sku')} error={intent.fieldError('sku')} readOnly={Boolean(sku)} required />
              <TextInput name="title" label={t('ops.product.title')} value={f.title} onValue={set('title')} error={intent.fieldError('title')} required />
              <TextInput name="titleEn" label={t('ops.product.titleEn')} value={f.titleEn} onValue={set('titleEn')} error={intent.fieldError('titleEn')} />
              <Select
                name="category"
                label={t('ops.product.category')}
                value={f.category}
                onValue={set('category')}
                options={categories.map((c) => [c, categoryName(c)])}
                error={intent.fieldError('category')}
              />
              <div class="pair">
                <TextInput
                  name="price"
                  inputMode="decimal"
                  label={t('ops.product.price')}
                  value={f.price}
                  onValue={set('price')}
                  error={intent.fieldError('onlinePriceFen')}
                  required
                />
                <TextInput
                  name="storePrice"
                  inputMode="decimal"
                  label={t('ops.product.storePrice')}
                  value={f.storePrice}
                  onValue={set('storePrice')}
                  error={intent.fieldError('localStorePriceFen')}
                  required
                />
              </div>
              <TextInput
                name="cost"
                inputMode="decimal"
                label={t('ops.product.cost')}
                value={f.cost}
                onValue={set('cost')}
                error={intent.fieldError('merchantCostFen')}
                required
              />
              <div class="pair">
                <TextInput
                  name="grams"
                  inputMode="numeric"
                  label={t('ops.product.grams')}
                  value={f.grams}
                  onValue={set('grams')}
                  error={intent.fieldError('weightGrams')}
                  required
                />
                <TextInput
                  name="returnDays"
                  inputMode="numeric"
                  label={t('ops.product.returnDays')}
                  value={f.returnDays}
                  onValue={set('returnDays')}
                  error={intent.fieldError('returnWindowDays')}
                  required
                />
              </div>
              <TextInput
                name="warrantyDays"
                inputMode="numeric"
                label={t('ops.product.warrantyDays')}
                value={f.warrantyDays}
                onValue={set('warrantyDays')}
                error={intent.fieldError('warrantyDays')}
                required
              />
              <Select
                name="install"
                label={t('ops.product.install')}
                value={f.install}
                onValue={set('install')}
                options={[
                  ['no', t('ops.no')],
                  ['yes', t('ops.yes')],
                ]}
              />
            </>
          )}
        </CommandForm>
      )}
    </>
  );
}

interface BadCell {
  line: number;
  column: string;
  message: string;
}

/** `body.csv.<line>.<column>` → where in the file. */
const badCell = (p: FieldProblem): BadCell => {
  const [, , line, column] = p.path.split('.');
  return { line: Number(line) || 0, column: column ?? '', message: p.message };
};

interface Total {
  created: number;
  updated: number;
  unchanged: number;
  rows: number;
}

export function ImportScreen() {
  const [name, setName] = useState('');
  const [csv, setCsv] = useState('');
  const [bad, setBad] = useState<BadCell[] | undefined>();
  /** Wrong cells the API counted without naming (it names the first 50 of each part). */
  const [omitted, setOmitted] = useState(0);
  const [checked, setChecked] = useState<Total | undefined>();
  const [done, setDone] = useState<Total | undefined>();
  const [progress, setProgress] = useState<{ sent: number; of: number } | undefined>();
  const [problem, setProblem] = useState<Shown | undefined>();
  const [busy, setBusy] = useState(false);
  // One key per part of this file's import: a retry (after a timeout, a lost answer) sends the same keys, so nothing is written twice.
  const [keys, setKeys] = useState<string[]>([]);

  const choose = (text: string, file = '') => {
    setCsv(text);
    setName(file);
    setBad(undefined);
    setOmitted(0);
    setChecked(undefined);
    setDone(undefined);
    setProgress(undefined);
    setProblem(undefined);
    setKeys([]);
  };

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setProblem(undefined);
    const parts = partsOf(csv);
    const partKeys = keys.length === parts.length ? keys : parts.map(() => newKey());
    setKeys(partKeys);
    const total: Total = { created: 0, updated: 0, unchanged: 0, rows: 0 };
    const cells: BadCell[] = [];
    let notNamed = 0;
    const of = parts.reduce((n, p) => n + p.lines, 0);
    setProgress({ sent: 0, of });
    try {
      for (const [i, part] of parts.entries()) {
        try {
          const out = await api<ImportOutcomeView>('POST', '/v1/products/import', {
            body: { csv: part.csv, dryRun, ...(part.firstLine > 1 ? { firstLine: part.firstLine } : {}) },
            key: dryRun ? newKey() : partKeys[i]!,
          });
          total.created += out.created;
          total.updated += out.updated;
          total.unchanged += out.unchanged;
          total.rows += out.rows;
        } catch (error) {
          const shown = explain(error);
          const problem = (error as { problem?: { errors?: FieldProblem[]; errorsOmitted?: number } }).problem;
          const errors = problem?.errors;
          if (!errors) throw error;
          cells.push(...errors.map(badCell));
          notNamed += problem.errorsOmitted ?? 0;
          if (!dryRun) setProblem(shown);
        }
        setProgress({ sent: parts.slice(0, i + 1).reduce((n, p) => n + p.lines, 0), of });
      }
      setOmitted(notNamed);
      if (dryRun) {
        setBad(cells);
        setChecked(cells.length === 0 ? total : undefined);
      } else if (cells.length > 0) setBad(cells);
      else setDone(total);
    } catch (error) {
      setProblem(explain(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('ops.import.title')}</h1>
      <Section title={t('ops.import.file')} id="file">
        <p class="hint">{t('ops.import.format')}</p>
        <Field label={t('ops.import.choose')}>
          {(id, describedBy) => (
            <input
              id={id}
              type="file"
              accept=".csv,text/csv"
              aria-describedby={describedBy}
              onChange={(e) => {
                const file = (e.target as HTMLInputElement).files?.[0];
                if (file) void file.text().then((text) => choose(text, file.name));
              }}
            />
          )}
        </Field>
        <Field label={t('ops.import.paste')}>
          {(id, describedBy) => (
            <textarea
              id={id}
              name="csv"
              rows={6}
              value={csv}
              aria-describedby={describedBy}
              onInput={(e) => choose((e.target as HTMLTextAreaElement).value)}
              spellcheck={false}
            />
          )}
        </Field>
        {name && <p class="hint">{name}</p>}
        <div class="actions">
          <button type="button" class="primary" disabled={busy || !csv.trim()} onClick={() => void send(true)}>
            {t('ops.import.check')}
          </button>
          <button type="button" disabled={busy || !checked} onClick={() => void send(false)}>
            {t('ops.import.run')}
          </button>
        </div>
        {progress && (
          <p>
            <label>
              {t('ops.import.progress', { sent: progress.sent, of: progress.of })} <progress max={progress.of || 1} value={progress.sent} />
            </label>
          </p>
        )}
        <Notice shown={problem} />
      </Section>
      <div aria-live="polite">
        {bad && bad.length > 0 && (
          <Section title={t('ops.import.bad', { n: bad.length + omitted })} id="bad">
            <p>{t('ops.import.nothing')}</p>
            <TableBox label={t('ops.import.table')}>
              <table class="data">
                <caption class="sr-only">{t('ops.import.bad', { n: bad.length + omitted })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ops.import.line')}</th>
                    <th scope="col">{t('ops.import.column')}</th>
                    <th scope="col">{t('ops.import.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {bad.map((c) => (
                    <tr key={`${c.line}.${c.column}`}>
                      <td class="num">{c.line || '—'}</td>
                      <td>{c.column === 'line' ? t('ops.import.wholeLine') : c.column}</td>
                      <td>{c.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
            {omitted > 0 && <p>{t('ops.import.more', { n: omitted })}</p>}
          </Section>
        )}
        {checked && !done && <Notice kind="info" shown={t('ops.import.checked', counts(checked))} />}
        {done && <Notice kind="ok" shown={t('ops.import.done', counts(done))} />}
      </div>
    </>
  );
}

const counts = (n: Total) => ({ rows: n.rows, created: n.created, updated: n.updated, unchanged: n.unchanged });
