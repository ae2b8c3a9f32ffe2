import { useEffect, useState } from 'preact/hooks';
import { amountRules, billerKinds } from '#domain/bill.ts';
import { api } from '../shared/api.ts';
import { t } from './texts.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { fenFromField } from '../shared/mistakes.ts';
import { FormMistake } from '../shared/problems.ts';
import { fenToYuanInput, formatFen } from '../shared/money.ts';
import { Notice, Select, TextInput, useAction } from '../shared/ui.tsx';
import type { BillerView, Page } from '../shared/types.ts';
import { TableBox } from './table-box.tsx';

const kindName = (k: string) => t(`ops.biller.kind.${k}` as Parameters<typeof t>[0]);
const ruleName = (r: string) => t(`ops.biller.rule.${r}` as Parameters<typeof t>[0]);

/** Every biller, by code (a county has a handful; the first page of 100 holds them all). */
const readBillers = async () => (await api<Page<BillerView>>('GET', '/v1/billers?limit=100')).items;

/** The billers the stations take payments for: what the villager pays on top and what the station earns. */
export function BillerList() {
  const [items, setItems] = useState<BillerView[] | undefined>();
  const load = useAction();
  useEffect(() => void load.run(async () => setItems(await readBillers())), []);
  return (
    <>
      <h1>{t('ops.nav.billers')}</h1>
      <p>
        <a class="button primary" href="#/billers/new">
          {t('ops.biller.new')}
        </a>
      </p>
      <Notice shown={load.problem} />
      <TableBox label={t('ops.biller.list')}>
        <table class="data">
          <caption class="sr-only">{t('ops.biller.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ops.biller.code')}</th>
              <th scope="col">{t('ops.biller.name')}</th>
              <th scope="col">{t('ops.biller.kind')}</th>
              <th scope="col">{t('ops.biller.rule')}</th>
              <th scope="col">{t('ops.biller.fee')}</th>
              <th scope="col">{t('ops.biller.commission')}</th>
            </tr>
          </thead>
          <tbody>
            {items?.map((b) => (
              <tr key={b.billerCode}>
                <td>
                  <a href={`#/billers/${encodeURIComponent(b.billerCode)}`}>{b.billerCode}</a>
                </td>
                <th scope="row">{b.name}</th>
                <td>{kindName(b.kind)}</td>
                <td>{ruleName(b.amountRule)}</td>
                <td class="num">{formatFen(b.customerFeeFen)}</td>
                <td class="num">{formatFen(b.stationCommissionFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {items && items.length === 0 && <p>{t('ops.none')}</p>}
    </>
  );
}

const emptyBiller = { code: '', name: '', kind: 'POWER', amountRule: 'EXACT', fee: '0.00', commission: '0.00', min: '' };

/** One biller, new or changed: a PUT (sending it twice is the same as once). */
export function BillerScreen({ code }: { code?: string }) {
  const [f, setF] = useState(emptyBiller);
  const [loaded, setLoaded] = useState(code === undefined);
  const load = useAction();
  useEffect(() => {
    if (!code) return;
    void load.run(async () => {
      const b = (await readBillers()).find((x) => x.billerCode === code);
      if (!b) throw new Error(t('ops.biller.unknown', { code }));
      setF({
        code: b.billerCode,
        name: b.name,
        kind: b.kind,
        amountRule: b.amountRule,
        fee: fenToYuanInput(b.customerFeeFen),
        commission: fenToYuanInput(b.stationCommissionFen),
        min: b.minAmountFen === undefined ? '' : fenToYuanInput(b.minAmountFen),
      });
      setLoaded(true);
    });
  }, [code]);
  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  return (
    <>
      <h1>{code ? t('ops.biller.edit', { code }) : t('ops.biller.new')}</h1>
      <Notice shown={load.problem} />
      {loaded && (
        <CommandForm<BillerView>
          formId={`ops:biller:${code ?? 'new'}`}
          submitLabel={t('ops.biller.save')}
          {...(code ? {} : { again: t('ops.biller.another') })}
          build={() => {
            const chosen = f.code.trim().toUpperCase();
            if (!/^[A-Z][A-Z0-9]{1,15}$/.test(chosen)) throw new FormMistake(t('ops.biller.codeHint'), 'billerCode');
            const body = {
              name: f.name,
              kind: f.kind,
              amountRule: f.amountRule,
              customerFeeFen: fenFromField(f.fee, 'customerFeeFen', { required: true }),
              stationCommissionFen: fenFromField(f.commission, 'stationCommissionFen', { required: true }),
              // Left empty: no minimum (a PUT replaces the biller, so the field always says what is kept).
              ...(f.min.trim() ? { minAmountFen: fenFromField(f.min, 'minAmountFen', { positive: true }) } : {}),
            };
            return { command: { method: 'PUT', path: `/v1/billers/${chosen}`, body, label: t('ops.biller.save') }, draft: f };
          }}
          outcome={(b) => t('ops.biller.saved', { code: b.billerCode })}
        >
          {(intent) => (
            <>
              <TextInput
                name="billerCode"
                label={t('ops.biller.code')}
                hint={t('ops.biller.codeHint')}
                value={f.code}
                onValue={set('code')}
                error={intent.fieldError('billerCode')}
                readOnly={Boolean(code)}
                required
              />
              <TextInput name="name" label={t('ops.biller.name')} value={f.name} onValue={set('name')} error={intent.fieldError('name')} required />
              <Select
                name="kind"
                label={t('ops.biller.kind')}
                value={f.kind}
                onValue={set('kind')}
                options={billerKinds.map((k) => [k, kindName(k)])}
                error={intent.fieldError('kind')}
              />
              <Select
                name="amountRule"
                label={t('ops.biller.rule')}
                value={f.amountRule}
                onValue={set('amountRule')}
                options={amountRules.map((r) => [r, ruleName(r)])}
                error={intent.fieldError('amountRule')}
              />
              <div class="pair">
                <TextInput
                  name="fee"
                  inputMode="decimal"
                  label={t('ops.biller.feeInput')}
                  value={f.fee}
                  onValue={set('fee')}
                  error={intent.fieldError('customerFeeFen')}
                  required
                />
                <TextInput
                  name="commission"
                  inputMode="decimal"
                  label={t('ops.biller.commissionInput')}
                  value={f.commission}
                  onValue={set('commission')}
                  error={intent.fieldError('stationCommissionFen')}
                  required
                />
              </div>
              <TextInput
                name="minAmount"
                inputMode="decimal"
                label={t('ops.biller.minInput')}
                hint={t('ops.biller.minHint')}
                value={f.min}
                onValue={set('min')}
                error={intent.fieldError('minAmountFen')}
              />
            </>
          )}
        </CommandForm>
      )}
    </>
  );
}
