import { t } from '../shared/i18n.ts';

/** How the shop PC prints a receipt on the 58 mm thermal printer without a dialog (not printed itself). */
export function PrintHow() {
  return (
    <details class="no-print print-how">
      <summary>{t('print.how')}</summary>
      <p class="hint">{t('print.howText')}</p>
    </details>
  );
}
