import { useEffect, useState } from 'preact/hooks';
import { t, type Key } from '../shared/i18n.ts';
import { fenToYuanInput, formatFen, normaliseAmount, yuanToFen } from '../shared/money.ts';
import { fenFromField, mistake } from '../shared/mistakes.ts';
import { IntentStatus, useIntent } from '../shared/intent-ui.tsx';
import { TextInput } from '../shared/ui.tsx';
import type { RunSheetView as Sheet, RunView as Run, StopView as Stop } from '../shared/types.ts';
import { taskNote } from './context.ts';

export type SheetStop = Sheet['trips'][number]['stops'][number];

/** A number typed by a partner (full-width digits, 公斤 and all); a form mistake on that field otherwise. */
export function numberFrom(text: string, field: string): number {
  const plain = normaliseAmount(text).replace(/(公斤|kg|千克|件)$/i, '');
  if (/^-/.test(plain)) throw mistake(field, 'field.countNegative');
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(plain)) throw mistake(field, 'field.weight');
  return Number(plain);
}

interface StopDraft {
  codes: Record<string, string>;
  cash: Record<string, string>;
  failed: Record<string, string>;
  done: Record<string, boolean>;
  kg: Record<string, string>;
}

/** A courier's parcel as the partner finds it on the sheet: the waybill's last digits, the shelf slot, the recipient. */
function courierLegend(sheetStop: SheetStop, parcelId: string, i: number): string {
  const c = (sheetStop.courierParcels ?? []).find((x) => x.parcelId === parcelId);
  return c ? t('delivery.courierParcelOf', { tail: c.waybillTail, shelf: c.shelf, name: c.recipientName ?? '' }) : t('delivery.courierParcel', { n: i + 1 });
}

export function StopForm({ run, stop, sheetStop, onDone }: { run: Run; stop: Stop; sheetStop: SheetStop; onDone: () => void }) {
  const intent = useIntent(`stop:${stop.stopId}`);
  const [codes, setCodes] = useState<Record<string, string>>({});
  // What each parcel still owes, ready to be collected (kept in the intent's draft across a reload).
  const [cash, setCash] = useState<Record<string, string>>(() =>
    Object.fromEntries(sheetStop.parcels.map((p) => [p.orderId, p.cashToCollectFen > 0 ? fenToYuanInput(p.cashToCollectFen) : ''])),
  );
  /** Parcels not delivered, and why. */
  const [failed, setFailed] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Record<string, boolean>>({});
  const [kg, setKg] = useState<Record<string, string>>({});
  useEffect(() => {
    const d = intent.intent?.draft as StopDraft | undefined;
    if (d && intent.intent?.state !== 'done') {
      setCodes(d.codes);
      setCash(d.cash);
      setFailed(d.failed);
      setDone(d.done);
      setKg(d.kg);
    }
  }, [intent.intent?.key]);
  useEffect(() => {
    if (intent.done) onDone();
  }, [intent.done?.key]);
  const parcels = sheetStop.parcels;
  const collecting = parcels.filter((p) => !(p.orderId in failed)).reduce((n, p) => n + (yuanToFen(cash[p.orderId] ?? '') ?? 0), 0);
  return (
    <form
      class="command"
      onSubmit={(e) => {
        e.preventDefault();
        intent.submit(() => {
          const deliveries = parcels.map((p, i) =>
            p.orderId in failed
              ? { orderId: p.orderId, outcome: 'FAILED', reason: failed[p.orderId] || t('delivery.nobodyHome') }
              : {
                  orderId: p.orderId,
                  outcome: 'DELIVERED',
                  deliveryCode: (codes[p.orderId] ?? '').trim(),
                  cashCollectedFen: fenFromField(cash[p.orderId] ?? '', `deliveries.${i}.cashCollectedFen`),
                },
          );
          const pickups = stop.pickups.map((taskId, i) => {
            const weight = (kg[taskId] ?? '').trim();
            // Produce weighed and entered is produce collected: it is never dropped for want of a tick.
            if (weight && !done[taskId]) throw mistake(`pickups.${i}.collectedKg`, 'field.weightNeeded');
            return { taskId, done: Boolean(done[taskId]), ...(weight ? { collectedKg: numberFrom(weight, `pickups.${i}.collectedKg`) } : {}) };
          });
          // Couriers' parcels for villagers who asked for them at home: the recipient's pickup code, or why not.
          const courierParcels = (stop.parcelIds ?? []).map((parcelId) =>
            parcelId in failed
              ? { parcelId, outcome: 'FAILED', reason: failed[parcelId] || t('delivery.nobodyHome') }
              : { parcelId, outcome: 'DELIVERED', pickupCode: (codes[parcelId] ?? '').trim() },
          );
          const totalFen = deliveries.reduce((n, d) => n + (d.cashCollectedFen ?? 0), 0);
          return {
            command: {
              method: 'POST',
              path: `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`,
              body: { deliveries, pickups, ...(courierParcels.length ? { parcels: courierParcels } : {}) },
              label: t('delivery.stopLabel', { village: sheetStop.villageName }),
            },
            draft: { codes, cash, failed, done, kg } satisfies StopDraft,
            ...(totalFen > 0 ? { confirm: t('delivery.stopConfirm', { amount: formatFen(totalFen) }) } : {}),
          };
        });
      }}
    >
      <fieldset class="plain" disabled={intent.locked || Boolean(intent.confirming)}>
        <legend class="sr-only">{t('delivery.stopLabel', { village: sheetStop.villageName })}</legend>
        {parcels.map((p, i) => (
          <fieldset key={p.orderId} class="parcel">
            <legend>
              {p.villagerName} · {t('delivery.toCollect', { amount: formatFen(p.cashToCollectFen) })}
            </legend>
            <label>
              <input
                type="checkbox"
                checked={p.orderId in failed}
                onChange={(e) =>
                  setFailed((f) => {
                    const { [p.orderId]: _was, ...rest } = f;
                    return (e.target as HTMLInputElement).checked ? { ...f, [p.orderId]: '' } : rest;
                  })
                }
              />{' '}
              {t('delivery.failed')}
            </label>
            {p.orderId in failed ? (
              <TextInput
                name={`deliveries.${i}.reason`}
                label={t('delivery.why')}
                value={failed[p.orderId] ?? ''}
                onValue={(v) => setFailed((f) => ({ ...f, [p.orderId]: v }))}
                error={intent.fieldError(`deliveries.${i}.reason`)}
              />
            ) : (
              <>
                <TextInput
                  name={`deliveries.${i}.deliveryCode`}
                  inputMode="numeric"
                  autocomplete="off"
                  label={t('orders.code')}
                  value={codes[p.orderId] ?? ''}
                  onValue={(v) => setCodes((c) => ({ ...c, [p.orderId]: v }))}
                  error={intent.fieldError(`deliveries.${i}.deliveryCode`)}
                />
                <TextInput
                  name={`deliveries.${i}.cashCollectedFen`}
                  inputMode="decimal"
                  autocomplete="off"
                  label={t('orders.cashNow')}
                  value={cash[p.orderId] ?? ''}
                  onValue={(v) => setCash((c) => ({ ...c, [p.orderId]: v }))}
                  error={intent.fieldError(`deliveries.${i}.cashCollectedFen`)}
                />
              </>
            )}
          </fieldset>
        ))}
        {(stop.parcelIds ?? []).map((parcelId, i) => (
          <fieldset key={parcelId} class="parcel">
            <legend>{courierLegend(sheetStop, parcelId, i)}</legend>
            <label>
              <input
                type="checkbox"
                checked={parcelId in failed}
                onChange={(e) =>
                  setFailed((f) => {
                    const { [parcelId]: _was, ...rest } = f;
                    return (e.target as HTMLInputElement).checked ? { ...f, [parcelId]: '' } : rest;
                  })
                }
              />{' '}
              {t('delivery.failed')}
            </label>
            {parcelId in failed ? (
              <TextInput
                name={`parcels.${i}.reason`}
                label={t('delivery.why')}
                value={failed[parcelId] ?? ''}
                onValue={(v) => setFailed((f) => ({ ...f, [parcelId]: v }))}
                error={intent.fieldError(`parcels.${i}.reason`)}
              />
            ) : (
              <TextInput
                name={`parcels.${i}.pickupCode`}
                inputMode="numeric"
                autocomplete="off"
                label={t('parcels.code')}
                value={codes[parcelId] ?? ''}
                onValue={(v) => setCodes((c) => ({ ...c, [parcelId]: v }))}
                error={intent.fieldError(`parcels.${i}.pickupCode`)}
              />
            )}
          </fieldset>
        ))}
        {stop.pickups.map((taskId, i) => {
          const pickup = sheetStop.pickups.find((x) => x.taskId === taskId);
          return (
            <fieldset key={taskId} class="parcel">
              <legend>{pickup ? `${t(`kind.${pickup.kind}` as Key)} ${pickup.villagerName ?? ''} ${taskNote(pickup.note)}` : taskId}</legend>
              <label>
                <input
                  type="checkbox"
                  checked={Boolean(done[taskId])}
                  onChange={(e) => setDone((d) => ({ ...d, [taskId]: (e.target as HTMLInputElement).checked }))}
                />{' '}
                {t('delivery.taskDone')}
              </label>
              {pickup?.kind === 'INSTALLATION' ? (
                <p class="hint">
                  {t('delivery.installHint')} <a href="#/aftersales">{t('nav.aftersales')}</a>
                </p>
              ) : (
                <>
                  <TextInput
                    name={`pickups.${i}.collectedKg`}
                    inputMode="decimal"
                    autocomplete="off"
                    label={t('delivery.collectedKg')}
                    value={kg[taskId] ?? ''}
                    onValue={(v) => {
                      setKg((k) => ({ ...k, [taskId]: v }));
                      if (v.trim()) setDone((d) => ({ ...d, [taskId]: true }));
                    }}
                    error={intent.fieldError(`pickups.${i}.collectedKg`)}
                  />
                  {pickup?.kind === 'PRODUCE' && (
                    <a class="button" href={`#/produce/${taskId}`}>
                      {t('produce.weighHere')}
                    </a>
                  )}
                </>
              )}
            </fieldset>
          );
        })}
      </fieldset>
      {collecting > 0 && <p class="hint">{t('delivery.collecting', { amount: formatFen(collecting) })}</p>}
      <IntentStatus intent={intent} submitLabel={t('delivery.recordStop')} outcome={() => t('delivery.stopRecorded')} />
    </form>
  );
}
