import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { t, type Key } from '../shared/i18n.ts';
import { CommandForm } from '../shared/intent-ui.tsx';
import { Notice, Section, useAction } from '../shared/ui.tsx';
import type { MessageView, Page } from '../shared/types.ts';

/** Messages that carry a delivery code: never sent again (a new code is a reprint). */
const withCode = new Set(['ORDER_PLACED', 'DELIVERY_CODE']);
/** What a notice can be sent again after: it did not arrive, or the partner is told it never came. */
const resendable = new Set(['UNDELIVERED', 'FAILED', 'SENT', 'DELIVERED']);

/**
 * Whether the messages about one order, bill or ticket went out and arrived
 * (docs/rules.md "Messages to phones"), each notice sendable again.
 */
export function MessageStatus({ stationId, villagerId, subjectId }: { stationId: string; villagerId: string; subjectId: string }) {
  const [items, setItems] = useState<MessageView[] | undefined>();
  const load = useAction();
  const read = () =>
    void load.run(async () => {
      const page = await api<Page<MessageView>>('GET', `/v1/stations/${stationId}/messages?villagerId=${villagerId}&limit=50`);
      setItems(page.items.filter((m) => m.subject.id === subjectId));
    });
  useEffect(read, [stationId, villagerId, subjectId]);
  // Read again while a message is on its way, until its phone reports (a receipt comes within seconds to minutes).
  const onItsWay = items?.some((m) => m.status === 'QUEUED' || m.status === 'SENDING' || m.status === 'SENT');
  useEffect(() => {
    if (!onItsWay) return;
    const timer = setTimeout(read, 3_000);
    return () => clearTimeout(timer);
  }, [items]);
  if (!items?.length) return <Notice shown={load.problem} />;
  return (
    <Section title={t('sms.title')} id={`messages-${subjectId}`}>
      <ul class="plain messages">
        {items.map((m) => {
          const what = t(`sms.template.${m.template}` as Key);
          return (
            <li key={m.messageId}>
              <strong>{what}</strong> · {t(`sms.status.${m.status}` as Key)}
              {m.phoneMasked ? ` · ${t('sms.to', { phone: m.phoneMasked })}` : ''}
              {withCode.has(m.template) ? (
                <p class="hint">{t('sms.codeHint')}</p>
              ) : (
                resendable.has(m.status) && (
                  <CommandForm
                    formId={`resend-message:${m.messageId}`}
                    submitLabel={t('sms.resend')}
                    build={() => ({ command: { method: 'POST', path: `/v1/messages/${m.messageId}/resend`, label: t('sms.resendLabel', { what }) } })}
                    outcome={() => t('sms.resent')}
                    onDone={read}
                  >
                    {() => null}
                  </CommandForm>
                )
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
