import { t } from './i18n.ts';
import { formatFen } from './money.ts';
import type { ProduceView } from './types.ts';
import { Select, TextInput } from './ui.tsx';

/** What the partner types at the scale, as typed (kg with grams, deduction in percent). */
export interface WeighTyped {
  code: string;
  grade: string;
  gross: string;
  tare: string;
  deduction: string;
}

/**
 * The produce, its grade and the weights: the same fields on the partner's
 * 卖农产品 screen and the kiosk's 过秤 panel, named as the API names them so a
 * refusal lands beside its field.
 */
export function WeighFields({
  items,
  typed,
  onTyped,
  errors = {},
}: {
  items: readonly ProduceView[];
  typed: WeighTyped;
  onTyped: (next: Partial<WeighTyped>) => void;
  errors?: Partial<Record<'grade' | 'grossGrams' | 'tareGrams' | 'deductionBp', string | undefined>>;
}) {
  const produce = items.find((i) => i.code === typed.code);
  return (
    <>
      <Select
        name="code"
        label={t('produce.item')}
        value={typed.code}
        onValue={(code) => onTyped({ code, grade: items.find((i) => i.code === code)?.grades[0]?.grade ?? '' })}
        options={items.map((i) => [i.code, i.title])}
      />
      <Select
        name="grade"
        label={t('produce.grade')}
        value={typed.grade}
        onValue={(grade) => onTyped({ grade })}
        error={errors.grade}
        options={(produce?.grades ?? []).map((g) => [g.grade, t('produce.gradePrice', { grade: g.grade, price: formatFen(g.priceFenPerKg) })])}
      />
      <TextInput
        name="grossGrams"
        inputMode="decimal"
        autocomplete="off"
        label={t('produce.gross')}
        hint={t('produce.kgHint')}
        value={typed.gross}
        onValue={(gross) => onTyped({ gross })}
        error={errors.grossGrams}
        required
      />
      <TextInput
        name="tareGrams"
        inputMode="decimal"
        autocomplete="off"
        label={t('produce.tare')}
        value={typed.tare}
        onValue={(tare) => onTyped({ tare })}
        error={errors.tareGrams}
      />
      <TextInput
        name="deductionBp"
        inputMode="decimal"
        autocomplete="off"
        label={t('produce.deduction')}
        hint={t('produce.deductionHint')}
        value={typed.deduction}
        onValue={(deduction) => onTyped({ deduction })}
        error={errors.deductionBp}
      />
    </>
  );
}
