import { codeMatches } from '#shared/codes.ts';
import { derivedId } from '#shared/derived-ids.ts';
import type { Entry } from '#domain/ledger.ts';
import { assertTogether, checkParcelProof, handOverParcel, parcelView, type ParcelProof } from '#domain/parcel.ts';
import { sumDeltas } from '#domain/statement.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { refuse, runCommand, type Write } from '#store/command.ts';
import * as ledgerStore from '#store/ledger.ts';
import * as parcelStore from '#store/parcels.ts';
import * as riskStore from '#store/risk.ts';
import * as statementStore from '#store/statements.ts';
import type { parcelsApi } from './api.ts';

/**
 * Hands a parcel over, with the same recipient's others: one read, one write.
 * The proof is checked on the parcel in the path; a wrong one is kept on it
 * (and replayed, never counted twice) though the request fails. The courier's
 * fee is earned by an entry whose id is made of the parcel's, so it is earned
 * once even if everything else were to go wrong.
 */
export const pickUpParcel: RouteHandler<typeof parcelsApi.pickUpParcel> = (req) => {
  const ids = [...new Set([req.params.parcelId, ...(req.body.alsoParcelIds ?? [])])];
  const proof: ParcelProof =
    req.body.pickupCode !== undefined ? { pickupCode: req.body.pickupCode } : { phoneLast4: req.body.phoneLast4!, recipientName: req.body.recipientName! };
  const answer = async (parcelIds: readonly string[], status: number) => {
    const parcels = await Promise.all(parcelIds.map((id) => parcelStore.getFor(req.principal, id)));
    return bodyOf(
      parcels.map((p) => parcelView(p, new Date())),
      status,
    );
  };
  return runCommand(req.idempotency, {
    reads: [parcelStore.readManyFor(req.principal, ids)],
    plan: async ([parcels]) => {
      const { now } = req;
      const [first, ...others] = parcels;
      const check = checkParcelProof(first!, proof, codeMatches, now);
      if (!check.ok) return refuse(check.error, parcelStore.saveWrongTry(check.parcel, now));
      assertTogether(first!, others);
      const done = parcels.map((p) => handOverParcel(p, check.releasedBy, derivedId('entry', p.parcelId, 'PARCEL_FEE'), now));
      const entries = done.flatMap((d): Entry[] => (d.entry ? [d.entry] : []));
      const writes: Write[] = [
        ...done.flatMap((d) => parcelStore.save(d.parcel)),
        ...ledgerStore.postMany(first!.stationId, entries, { kind: 'cover' }),
        statementStore.add(first!.stationId, shanghaiMonth(now), sumDeltas(done.map((d) => d.statement))),
      ];
      if (check.releasedBy === 'PHONE_DIGITS') writes.push(riskStore.add(first!.stationId, now, { parcelsByPhoneDigits: done.length }));
      return {
        ...bodyOf(
          done.map((d) => parcelView(d.parcel, now)),
          200,
        ),
        stored: { parcelIds: ids },
        writes,
      };
    },
    rebuild: ({ status, body }) => answer((body as { parcelIds: string[] }).parcelIds, status),
  });
};

function bodyOf<V>(views: V[], status: number) {
  const [first, ...others] = views;
  return { status, body: { ...first!, ...(others.length ? { alsoPickedUp: others } : {}) } };
}
