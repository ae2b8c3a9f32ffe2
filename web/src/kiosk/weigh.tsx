import { quote, type Quote } from '#domain/produce.ts';
import { AppError } from '#shared/errors.ts';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { sayMsg } from '../shared/mistakes.ts';
import { formatFen } from '../shared/money.ts';
import { FormMistake } from '../shared/problems.ts';
import { WeighFields, type WeighTyped } from '../shared/weigh-fields.tsx';
import { bpFromPercent, gramsFromKg, kg } from '../shared/weights.ts';
import type { ProduceView } from '../shared/types.ts';
import { SpeakerIcon } from './icons.tsx';
import { canSpeak, speak, spokenKg, spokenPercent, spokenYuan } from './speech.ts';

type Fields = Record<string, string>;

/** A field's reading, or its mistake in the kiosk's language (the message catalogue's words, as the API would say them). */
function read<T>(fields: Fields, f: () => T): T | undefined {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof FormMistake)) throw error;
    fields[error.field] = error.message;
    return undefined;
  }
}

/** The weigh ticket as a villager hears it, always in Mandarin: the scale's figures, then what they come to. */
export function spokenQuote(q: Quote): string {
  return [
    `${q.title} ${q.grade}级：毛重${spokenKg(q.grossGrams)}`,
    `皮重${spokenKg(q.tareGrams)}`,
    q.deductionBp ? `扣杂${spokenPercent(q.deductionBp)}` : '不扣杂',
    `净重${spokenKg(q.netGrams)}`,
    `每公斤${spokenYuan(q.priceFenPerKg)}`,
    `共${spokenYuan(q.amountFen)}`,
  ].join('，');
}

/**
 * 过秤: the partner types what the scale says, the villager sees the quote in big
 * figures and hears it read aloud. Worked out here with the domain's own formula
 * (a quote writes nothing, so nothing is sent); the handling fee is the
 * station's and is not shown.
 */
export function WeighPanel({ items }: { items: ProduceView[] }) {
  const [typed, setTyped] = useState<WeighTyped>({ code: items[0]?.code ?? '', grade: items[0]?.grades[0]?.grade ?? '', gross: '', tare: '', deduction: '' });
  const { code, grade, gross, tare, deduction } = typed;
  const [shown, setShown] = useState<Quote | undefined>();
  const [errors, setErrors] = useState<Fields>({});
  const produce = items.find((i) => i.code === code);
  // A changed field makes the figures stale: they go until worked out again.
  useEffect(() => setShown(undefined), [code, grade, gross, tare, deduction]);

  const work = () => {
    const fields: Fields = {};
    const grossGrams = read(fields, () => gramsFromKg(gross, 'grossGrams', true));
    const tareGrams = read(fields, () => gramsFromKg(tare, 'tareGrams', false));
    const deductionBp = read(fields, () => bpFromPercent(deduction));
    let q: Quote | undefined;
    if (grossGrams !== undefined && tareGrams !== undefined && deductionBp !== undefined) {
      try {
        q = quote(produce, { code, grade, grossGrams, tareGrams, deductionBp });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        for (const e of error.errors ?? []) fields[e.path.replace(/^body\./, '')] ??= sayMsg(e.message);
        if (!error.errors?.length) fields.grossGrams = sayMsg(error.msg);
      }
    }
    setErrors(fields);
    setShown(q);
  };

  const figures: [string, string, string?][] = shown
    ? [
        [t('kiosk.weighGross'), kg(shown.grossGrams)],
        [t('kiosk.weighTare'), kg(shown.tareGrams)],
        [t('kiosk.weighDeduction'), `${(shown.deductionBp / 100).toFixed(2).replace(/\.?0+$/, '')}%`],
        [t('produce.grade'), `${shown.title} ${shown.grade}`],
        [t('produce.net'), kg(shown.netGrams), 'net'],
        [t('kiosk.weighPrice'), formatFen(shown.priceFenPerKg)],
        [t('kiosk.weighAmount'), formatFen(shown.amountFen), 'amount'],
      ]
    : [];

  return (
    <section class="weigh" aria-labelledby="weigh-title">
      <h2 id="weigh-title">{t('kiosk.weigh')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          work();
        }}
      >
        <div class="weigh-fields">
          <WeighFields items={items} typed={typed} onTyped={(n) => setTyped((old) => ({ ...old, ...n }))} errors={errors} />
        </div>
        <button class="big primary" type="submit">
          {t('produce.quote')}
        </button>
      </form>
      {shown && (
        <div class="weigh-quote" aria-live="polite">
          <dl>
            {figures.map(([label, value, kind]) => (
              <div class={kind ?? ''} key={label}>
                <dt>{label}</dt>
                <dd data-testid={kind ? `weigh-${kind}` : undefined}>{value}</dd>
              </div>
            ))}
          </dl>
          {canSpeak() && (
            <button class="big" type="button" onClick={() => speak(spokenQuote(shown))}>
              <SpeakerIcon /> {t('kiosk.weighRead')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
