import { receiptFor } from '#domain/message.ts';
import { gatewaySettings } from '#gateway/settings.ts';
import { headers, verify } from '#gateway/signing.ts';
import type { RouteHandler } from '#http/route.ts';
import { UnauthenticatedError, UnavailableError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import * as messageStore from '#store/messages.ts';
import type { messagesApi } from './api.ts';

/**
 * The SMS gateway's delivery receipts (docs/sms-gateway.md "Delivery receipts").
 * Signed as the gateway signs everything; an unsigned or wrongly signed push is
 * refused (401) and changes nothing. Each receipt settles its message
 * (DELIVERED or UNDELIVERED) once: a receipt pushed again, or for a message we
 * do not know, changes nothing. Answered `{ code: 0 }`, which stops the
 * gateway pushing them again.
 */
export const smsReceipts: RouteHandler<typeof messagesApi.smsReceipts> = async (req) => {
  const { secret } = await gatewaySettings(process.env, 'SMS').catch((error: unknown) => {
    logger.error('SMS gateway settings could not be read', { error });
    throw new UnavailableError();
  });
  const verdict = verify(secret, {
    method: req.raw.method,
    path: req.raw.path,
    body: req.raw.body,
    timestamp: req.raw.headers[headers.timestamp],
    signature: req.raw.headers[headers.signature],
  });
  if (!verdict.ok) {
    logger.warn('SMS receipt refused', { reason: verdict.code });
    throw new UnauthenticatedError();
  }
  for (const receipt of req.body) {
    const settled = {
      success: receipt.success,
      bizId: receipt.biz_id,
      sendTime: receipt.send_time,
      reportTime: receipt.report_time,
      errCode: receipt.err_code,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const message = await messageStore.get(receipt.out_id);
      const after = message && receiptFor(message, settled, req.now);
      if (!message || !after) break;
      try {
        await messageStore.save(message, after);
        break;
      } catch (error) {
        // The sender recorded the message meanwhile: read it again and apply the receipt to that.
        if (!(error instanceof messageStore.MessageChangedError)) throw error;
      }
    }
  }
  return { status: 200, body: { code: 0 as const } };
};
