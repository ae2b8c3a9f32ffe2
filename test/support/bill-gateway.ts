import { startBillGateway, type FaultMode, type KeptPayment, type Operation, type RunningGateway } from '#scripts/local/bill-gateway.ts';

/** How long the adapter waits for the stand-in in tests (a slow fault holds answers back longer). */
export const testGatewayDeadlineMs = 1_500;
export const testSlowMs = 3_000;

export interface TestGateway {
  url: string;
  /** Breaks the next `times` requests (of one operation, when given), as POST /_faults does. */
  fault(mode: FaultMode, times?: number, operation?: Operation | Operation[]): Promise<void>;
  /** Every payment the gateway keeps, by reference (GET /_payments). */
  payments(): Promise<KeptPayment[]>;
  /** Stops it: the gateway is "never reached" until `restart`. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The stand-in bill gateway for one test file, on a free port, and the
 * environment the bills function reads its settings from (read once, on the
 * first bill request, like a Lambda container).
 */
export async function startTestGateway(): Promise<TestGateway> {
  let running: RunningGateway = await startBillGateway({ port: 0 });
  const port = new URL(running.url).port;
  Object.assign(process.env, {
    BILL_GATEWAY_URL: running.url,
    BILL_GATEWAY_SECRET: 'village-station-local-gateway-secret',
    BILL_GATEWAY_TIMEOUT_MS: String(testGatewayDeadlineMs),
  });
  let stopped = false;
  const control = async (path: string, body?: unknown) => {
    const res = await fetch(running.url + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`stand-in gateway ${path}: ${res.status}`);
    return res.json() as Promise<any>;
  };
  return {
    url: running.url,
    fault: async (mode, times = 1, operation) => {
      await control('/_faults', { mode, times, delayMs: testSlowMs, ...(operation ? { operation } : {}) });
    },
    payments: async () => (await control('/_payments')).items as KeptPayment[],
    async stop() {
      stopped = true;
      await running.close();
    },
    async restart() {
      if (!stopped) return;
      // Same port, same records: it was unreachable, not wiped.
      const { payments } = running.state;
      running = await startBillGateway({ port: Number(port) });
      for (const [reference, kept] of payments) running.state.payments.set(reference, kept);
      stopped = false;
    },
    close: () => (stopped ? Promise.resolve() : running.close()),
  };
}
