import { issueCode } from '#shared/codes.ts';
import { derivedId } from '#shared/derived-ids.ts';
import { NotFoundError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { assertSameStation, defaultParcelKeepDays, normalWaybill, parcelView, scanIn } from '#domain/parcel.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as messageStore from '#store/messages.ts';
import * as parcelStore from '#store/parcels.ts';
import * as statementStore from '#store/statements.ts';
import type { parcelsApi } from './api.ts';

/**
 * One read (the record, the station, the waybill's parcel, the shelf counter,
 * the phone's holder, the courier) and one write (the parcel, the counter, its
 * SMS as an outbox item, the month's count): the scan never waits for the SMS.
 * The parcel's id is made of its waybill number, so twenty scans of one waybill
 * at once write one parcel; the others plan again, find it, and answer it.
 */
export const scanParcel: RouteHandler<typeof parcelsApi.scanParcel> = (req) => {
  const { stationId } = req.params;
  const parcelId = derivedId('parcel', normalWaybill(req.body.waybillNo));
  const answer = async (id: string, status: number) => ({ status, body: parcelView(await parcelStore.getFor(req.principal, id), new Date()) });
  return runCommand(req.idempotency, {
    reads: [parcelStore.scanContext(stationId, parcelId, req.body.recipientPhone, req.body.courier)],
    plan: async ([context]) => {
      if (!context.station) throw new NotFoundError('station');
      const { now } = req;
      if (context.parcel) {
        assertSameStation(context.parcel, stationId);
        return { status: 200, body: parcelView(context.parcel, now), stored: { parcelId }, writes: [] };
      }
      const scanned = scanIn({
        parcelId,
        stationId,
        stationName: context.station.name,
        waybillNo: req.body.waybillNo,
        courier: req.body.courier,
        recipientPhone: req.body.recipientPhone,
        recipientName: req.body.recipientName,
        villagerId: context.villagerId,
        delivery: context.delivery,
        seq: context.seq,
        keepDays: context.station.parcelKeepDays ?? defaultParcelKeepDays,
        feeFen: context.feeFen,
        code: issueCode(),
        messageId: newId('message', now.getTime()),
        now,
      });
      return {
        status: 201,
        body: parcelView(scanned.parcel, now),
        // The answer names the recipient: the record keeps only the parcel's id, and a retry reads it again.
        stored: { parcelId },
        writes: [
          ...parcelStore.scanIn(scanned.parcel, context.seq),
          ...messageStore.queue(scanned.message, now),
          statementStore.add(stationId, shanghaiMonth(now), scanned.statement),
        ],
      };
    },
    rebuild: ({ status, body }) => answer((body as { parcelId: string }).parcelId, status),
  });
};
