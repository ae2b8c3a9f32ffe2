import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t } from './texts.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { Notice, TextInput, useAction } from '../shared/ui.tsx';
import type { ProduceView } from '../shared/types.ts';
import { TableBox } from './table-box.tsx';

/** The buying prices the stations pay villagers: per grade, per kilogram, and the station's handling fee (docs/rules.md "Buying prices"). */
export function ProduceList() {
  const [items, setItems] = useState<ProduceView[] | undefined>();
  const load = useAction();
  useEffect(() => void load.run(async () => setItems((await api<{ items: ProduceView[] }>('GET', '/v1/produce')).items)), []);
  return (
    <>
      <h1>{t('ops.nav.produce')}</h1>
      <p>
        <a class="button primary" href="#/produce/new">
          {t('ops.produce.new')}
        </a>
      </p>
      <Notice shown={load.problem} />
      <TableBox label={t('ops.produce.list')}>
        <table class="data">
          <caption class="sr-only">{t('ops.produce.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ops.produce.code')}</th>
              <th scope="col">{t('ops.produce.title')}</th>
              <th scope="col">{t('ops.produce.prices')}</th>
              <th scope="col">{t('ops.produce.fee')}</th>
            </tr>
          </thead>
          <tbody>
            {items?.map((p) => (
              <tr key={p.code}>
                <td>
                  <a href={`#/produce/${encodeURIComponent(p.code)}`}>{p.code}</a>
                </td>
                <th scope="row">{p.title}</th>
                <td>{p.grades.map((g) => t('ops.produce.gradePrice', { grade: g.grade, price: formatFen(g.priceFenPerKg) })).join(' · ')}</td>
                <td class="num">{t('ops.produce.perKg', { price: formatFen(p.feeFenPerKg) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {items && items.length === 0 && <p>{t('ops.none')}</p>}
    </>
  );
}

interface Draft {
  code: string;
  title: string;
  grades: { grade: string; price: string }[];
  fee: string;
}

const emptyProduce: Draft = { code: '', title: '', grades: [{ grade: 'A', price: '' }], fee: '0.00' };

/** One produce item's prices, new or changed: a PUT (sending it twice is the same as once). */
export function ProduceScreen({ code }: { code?: string }) {
  const [f, setF] = useState<Draft>(emptyProduce);
  const [loaded, setLoaded] = useState(code === undefined);
  const load = useAction();
  useEffect(() => {
    if (!code) return;
    void load.run(async () => {
      const found = (await api<{ items: ProduceView[] }>('GET', '/v1/produce')).items.find((p) => p.code === code);
      if (!found) throw new Error(t('ops.produce.unknown', { code }));
      setF({
        code: found.code,
        title: found.title,
        grades: found.grades.map((g) => ({ grade: g.grade, price: fenToYuanInput(g.priceFenPerKg) })),
        fee: fenToYuanInput(found.feeFenPerKg),
      });
      setLoaded(true);
    });
  }, [code]);
  const setGrade = (i: number, k: 'grade' | 'price') => (v: string) =>
    setF((old) => ({ ...old, grades: old.grades.map((g, j) => (j === i ? { ...g, [k]: v } : g)) }));
  const nextLetter = () => {
    const used = new Set(f.grades.map((g) => g.grade.trim().toUpperCase()));
    return [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].find((l) => !used.has(l)) ?? '';
  };
  return (
    <>
      <h1>{code ? t('ops.produce.edit', { code }) : t('ops.produce.new')}</h1>
      <Notice shown={load.problem} />
      {loaded && (
        <CommandForm<ProduceView>
          formId={`ops:produce:${code ?? 'new'}`}
          submitLabel={t('ops.produce.save')}
          {...(code ? {} : { again: t('ops.produce.another') })}
          build={() => {
            const chosen = f.code.trim().toUpperCase();
            if (!/^[A-Z0-9][A-Z0-9-]{2,39}$/.test(chosen)) throw mistake('code', 'field.sku');
            const body = {
              title: f.title,
              grades: f.grades.map((g, i) => {
                const grade = g.grade.trim().toUpperCase();
                if (!/^[A-Z]$/.test(grade)) throw mistake(`grades.${i}.grade`, 'field.grade');
                return { grade, priceFenPerKg: fenFromField(g.price, `grades.${i}.priceFenPerKg`, { required: true, positive: true }) };
              }),
              feeFenPerKg: fenFromField(f.fee, 'feeFenPerKg', { required: true }),
            };
            return { command: { method: 'PUT', path: `/v1/produce/${chosen}`, body, label: t('ops.produce.save') }, draft: f };
          }}
          outcome={(p) => t('ops.produce.saved', { code: p.code })}
        >
          {(intent) => (
            <>
              <TextInput
                name="code"
                label={t('ops.produce.code')}
                hint={t('ops.produce.codeHint')}
                value={f.code}
                onValue={(v) => setF((old) => ({ ...old, code: v }))}
                error={intent.fieldError('code')}
                readOnly={Boolean(code)}
                required
              />
              <TextInput
                name="title"
                label={t('ops.produce.title')}
                value={f.title}
                onValue={(v) => setF((old) => ({ ...old, title: v }))}
                error={intent.fieldError('title')}
                required
              />
              <fieldset class="grades">
                <legend>{t('ops.produce.grades')}</legend>
                {f.grades.map((g, i) => (
                  <div class="pair" key={i}>
                    <TextInput
                      name={`grade-${i}`}
                      label={t('ops.produce.grade', { n: i + 1 })}
                      value={g.grade}
                      onValue={setGrade(i, 'grade')}
                      error={intent.fieldError(`grades.${i}.grade`)}
                      maxLength={1}
                      autoCapitalize="characters"
                      required
                    />
                    <TextInput
                      name={`price-${i}`}
                      inputMode="decimal"
                      label={t('ops.produce.price', { n: i + 1 })}
                      value={g.price}
                      onValue={setGrade(i, 'price')}
                      error={intent.fieldError(`grades.${i}.priceFenPerKg`)}
                      required
                    />
                  </div>
                ))}
                {intent.fieldError('grades') && <p class="error">{intent.fieldError('grades')}</p>}
                <p class="actions">
                  <button type="button" onClick={() => setF((old) => ({ ...old, grades: [...old.grades, { grade: nextLetter(), price: '' }] }))}>
                    {t('ops.produce.addGrade')}
                  </button>
                  {f.grades.length > 1 && (
                    <button type="button" onClick={() => setF((old) => ({ ...old, grades: old.grades.slice(0, -1) }))}>
                      {t('ops.produce.dropGrade')}
                    </button>
                  )}
                </p>
              </fieldset>
              <TextInput
                name="fee"
                inputMode="decimal"
                label={t('ops.produce.feeInput')}
                value={f.fee}
                onValue={(v) => setF((old) => ({ ...old, fee: v }))}
                error={intent.fieldError('feeFenPerKg')}
                required
              />
            </>
          )}
        </CommandForm>
      )}
    </>
  );
}
