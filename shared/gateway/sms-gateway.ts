import { logger } from '#shared/logger.ts';
import { gatewaySettings, type GatewaySettings } from './settings.ts';
import { signedHeaders } from './signing.ts';
import { errorCodes, signName, type SendRequest, type SentItem, type SmsErrorCode, type TemplateCode } from './sms-protocol.ts';

/**
 * The one adapter on the SMS gateway (docs/sms-gateway.md): every call signed
 * and bounded by a deadline. It answers only what the gateway said for certain;
 * anything else (no answer in time, a refused connection, a 5xx, an answer it
 * cannot read) is an SmsGatewayUnavailableError, and for a send that means
 * "perhaps sent": the caller asks the gateway's list before sending again.
 */
export interface SmsGateway {
  send(message: { phone: string; template: TemplateCode; params: Record<string, string>; outId: string }): Promise<SendOutcome>;
  /** What the gateway sent to a number on a Shanghai day (YYYYMMDD). */
  sent(phone: string, date: string): Promise<SentItem[]>;
}

export type SendOutcome = { kind: 'sent'; bizId: string } | { kind: 'refused'; code: SmsErrorCode; message: string };

export class SmsGatewayUnavailableError extends Error {
  constructor(readonly fault: 'timeout' | 'unreachable' | 'server-error' | 'refused-request' | 'bad-answer') {
    super(`The SMS gateway did not answer for certain (${fault}).`);
    this.name = 'SmsGatewayUnavailableError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function smsGateway(settings: () => Promise<GatewaySettings> = () => gatewaySettings(process.env, 'SMS')): SmsGateway {
  async function call(operation: 'send' | 'sent', method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const { url, secret, timeoutMs } = await settings().catch((error: unknown) => {
      logger.error('SMS gateway settings could not be read', { error });
      throw new SmsGatewayUnavailableError('unreachable');
    });
    const text = body === undefined ? '' : JSON.stringify(body);
    let res: Response;
    let json: unknown;
    try {
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
      const fault = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : e.name === 'SyntaxError' ? 'bad-answer' : 'unreachable';
      // Never the number or the text in the log: they are the villager's.
      logger.warn('SMS gateway did not answer', { operation, fault, error: e.message });
      throw new SmsGatewayUnavailableError(fault);
    }
    if (res.status >= 500) {
      logger.warn('SMS gateway failed', { operation, status: res.status });
      throw new SmsGatewayUnavailableError('server-error');
    }
    if (res.status !== 200) {
      logger.error('SMS gateway refused the request', { operation, status: res.status });
      throw new SmsGatewayUnavailableError('refused-request');
    }
    return json;
  }

  return {
    async send({ phone, template, params, outId }) {
      const request: SendRequest = { phone, signName, templateCode: template, params, outId };
      const json = await call('send', 'POST', '/sms/send', request);
      if (isRecord(json) && json.code === 'OK' && typeof json.bizId === 'string' && json.bizId) return { kind: 'sent', bizId: json.bizId };
      if (isRecord(json) && errorCodes.includes(json.code as SmsErrorCode)) {
        return { kind: 'refused', code: json.code as SmsErrorCode, message: String(json.message ?? '') };
      }
      throw new SmsGatewayUnavailableError('bad-answer');
    },
    async sent(phone, date) {
      const json = await call('sent', 'GET', `/sms/sent?phone=${encodeURIComponent(phone)}&date=${encodeURIComponent(date)}`);
      if (isRecord(json) && json.code === 'OK' && Array.isArray(json.items)) return json.items as SentItem[];
      throw new SmsGatewayUnavailableError('bad-answer');
    },
  };
}
