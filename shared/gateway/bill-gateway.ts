import { AppError } from '#shared/errors.ts';
import { msg, type Msg } from '#shared/i18n/messages.ts';
import { logger } from '#shared/logger.ts';
import { refusalReasons, type AccountAnswer, type PayRequest, type PaymentRecord, type RefusalReason } from './protocol.ts';
import { signedHeaders } from './signing.ts';
import { gatewaySettings, type GatewaySettings } from './settings.ts';

/**
 * The one adapter on the bill gateway protocol (docs/bill-gateway.md): every
 * call signed with the shared secret (HMAC-SHA256) and bounded by a deadline.
 * It answers only what the gateway said for certain; anything else (no
 * answer in time, a refused connection, a 5xx, an answer it cannot read) is a
 * BillGatewayUnavailableError, and for a payment that means "outcome unknown".
 */
export interface BillGateway {
  /** The account, or undefined when the gateway does not know it. */
  lookup(billerCode: string, accountNo: string): Promise<AccountAnswer | undefined>;
  /** Applied at most once per reference; the same reference again answers the same record. */
  pay(request: PayRequest): Promise<PaymentRecord>;
  /** The gateway's record of a reference, or undefined when it never received it. */
  status(reference: string): Promise<PaymentRecord | undefined>;
}

export type GatewayFault = 'timeout' | 'unreachable' | 'server-error' | 'refused-request' | 'bad-answer';

/** The gateway did not say (in time, or at all): 503 for a caller, "unknown" for a payment. */
export class BillGatewayUnavailableError extends AppError {
  readonly status = 503;
  constructor(
    readonly fault: GatewayFault,
    message: Msg = msg('bill-gateway-unavailable'),
  ) {
    super('bill-gateway-unavailable', message);
  }
}

interface Answer {
  status: number;
  json: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function accountOf(json: unknown): AccountAnswer {
  if (isRecord(json) && typeof json.holderName === 'string' && Number.isSafeInteger(json.dueFen) && (json.dueFen as number) >= 0) {
    return { billerCode: String(json.billerCode), accountNo: String(json.accountNo), holderName: json.holderName, dueFen: json.dueFen as number };
  }
  throw new BillGatewayUnavailableError('bad-answer');
}

function recordOf(json: unknown, reference: string): PaymentRecord {
  if (isRecord(json) && json.reference === reference) {
    if (json.status === 'PAID' && typeof json.receiptNo === 'string' && json.receiptNo) {
      return { reference, status: 'PAID', receiptNo: json.receiptNo, paidAt: String(json.paidAt ?? '') };
    }
    if (json.status === 'REFUSED' && refusalReasons.includes(json.reason as RefusalReason)) {
      return { reference, status: 'REFUSED', reason: json.reason as RefusalReason };
    }
  }
  throw new BillGatewayUnavailableError('bad-answer');
}

export function billGateway(settings: () => Promise<GatewaySettings> = gatewaySettings): BillGateway {
  /** `operation` names the call in logs (paths hold account numbers, which are phone numbers for top-ups). */
  async function call(operation: 'lookup' | 'pay' | 'status', method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const { url, secret, timeoutMs } = await settings().catch((error: unknown) => {
      logger.error('bill gateway settings could not be read', { error });
      throw new BillGatewayUnavailableError('unreachable');
    });
    const text = body === undefined ? '' : JSON.stringify(body);
    let res: Response;
    let json: unknown;
    try {
      // One deadline for the whole exchange, answer body included.
      const signal = AbortSignal.timeout(timeoutMs);
      res = await fetch(url + path, {
        method,
        headers: { ...signedHeaders(secret, method, path, text), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: text }),
        signal,
      });
      const raw = await res.text();
      json = raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch (error) {
      const e = error as Error;
      const fault: GatewayFault = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : e.name === 'SyntaxError' ? 'bad-answer' : 'unreachable';
      logger.warn('bill gateway did not answer', { operation, fault, error: e });
      throw new BillGatewayUnavailableError(fault);
    }
    if (res.status >= 500) {
      logger.warn('bill gateway failed', { operation, status: res.status });
      throw new BillGatewayUnavailableError('server-error');
    }
    return { status: res.status, json };
  }

  /** A 4xx we did not expect (our signature refused, a reference reused): nothing was applied, but we cannot go on. */
  const refusedRequest = (operation: string, answer: Answer): never => {
    logger.error('bill gateway refused the request', { operation, status: answer.status, answer: answer.json });
    throw new BillGatewayUnavailableError('refused-request');
  };

  return {
    async lookup(billerCode, accountNo) {
      const path = `/accounts/${encodeURIComponent(billerCode)}/${encodeURIComponent(accountNo)}`;
      const answer = await call('lookup', 'GET', path);
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) return refusedRequest('lookup', answer);
      return accountOf(answer.json);
    },
    async pay(request) {
      const answer = await call('pay', 'POST', '/payments', request);
      if (answer.status !== 200) return refusedRequest('pay', answer);
      return recordOf(answer.json, request.reference);
    },
    async status(reference) {
      const path = `/payments/${encodeURIComponent(reference)}`;
      const answer = await call('status', 'GET', path);
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) return refusedRequest('status', answer);
      return recordOf(answer.json, reference);
    },
  };
}
