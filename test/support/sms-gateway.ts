import { localSmsSecret, startSmsGateway, type RunningSmsGateway, type SmsFaultMode, type StandInSms } from '#scripts/local/sms-gateway.ts';

/** How long the adapter waits for the stand-in in tests (a slow fault holds answers back longer). */
export const testSmsDeadlineMs = 1_000;

export interface TestSms {
  url: string;
  /** Breaks the next `times` sends, as POST /_faults does. */
  fault(mode: SmsFaultMode, times?: number, delayMs?: number): Promise<void>;
  /** What the gateway sent, as GET /_messages lists it (to one number, when given). */
  messages(phone?: string): Promise<StandInSms[]>;
  /** Where it pushes receipts (the API's POST /v1/sms/receipts). */
  receiptsTo(url: string): void;
  gateway: RunningSmsGateway;
  close(): Promise<void>;
}

/**
 * The stand-in SMS gateway for one test file, on a free port, quick to report
 * back (receipts 100 ms after sending, retried after 0.2, 0.5 and 1 s instead
 * of 1, 5 and 10 minutes), and the environment the functions read its
 * settings from.
 */
export async function startTestSms(): Promise<TestSms> {
  const gateway = await startSmsGateway({ port: 0, deliveryDelayMs: 100, receiptRetryMs: [200, 500, 1_000] });
  Object.assign(process.env, { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_SECRET: localSmsSecret, SMS_GATEWAY_TIMEOUT_MS: String(testSmsDeadlineMs) });
  return {
    url: gateway.url,
    gateway,
    async fault(mode, times = 1, delayMs) {
      const res = await fetch(`${gateway.url}/_faults`, { method: 'POST', body: JSON.stringify({ mode, times, ...(delayMs ? { delayMs } : {}) }) });
      if (!res.ok) throw new Error(`stand-in SMS gateway /_faults: ${res.status}`);
    },
    async messages(phone) {
      const res = await fetch(`${gateway.url}/_messages${phone ? `?phone=${phone}` : ''}`);
      return ((await res.json()) as { items: StandInSms[] }).items;
    },
    receiptsTo: (url) => gateway.receiptsTo(url),
    close: () => gateway.close(),
  };
}
