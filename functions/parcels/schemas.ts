import * as z from 'zod/mini';
import { parcelStatuses } from '#domain/parcel.ts';
import { deliveryPreferences, preferenceChannels } from '#domain/villager.ts';
import { cursorParam, id, limitParam, phone, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const StationParams = lazy(() => z.strictObject({ stationId: id('station') }));
export const ParcelParams = lazy(() => z.strictObject({ parcelId: id('parcel') }));
export const CourierParams = lazy(() => z.strictObject({ code: CourierCode() }));

const CourierCode = lazy(() => z.string().check(z.regex(/^[A-Z][A-Z0-9]{1,15}$/, 'field.courierCode')));
const WaybillNo = lazy(() => z.string().check(z.regex(/^[A-Za-z0-9]{6,32}$/, 'field.waybillNo')));
const PhoneLast4 = lazy(() => z.string().check(z.regex(/^\d{4}$/, 'field.phoneLast4')));
const PickupCode = lazy(() => z.string().check(z.regex(/^\d{6}$/, 'field.pickupCode')));

/** A scan: the waybill's barcode, the courier, and the recipient as printed. */
export const Scan = lazy(() =>
  z.strictObject({
    waybillNo: WaybillNo(),
    courier: CourierCode(),
    recipientPhone: phone(),
    recipientName: z.optional(text(20)),
  }),
);

/** The code, or the phone's last 4 digits and the name on the waybill; with the same recipient's other parcels, if any. */
export const PickUp = lazy(() =>
  z
    .strictObject({
      pickupCode: z.optional(PickupCode()),
      phoneLast4: z.optional(PhoneLast4()),
      recipientName: z.optional(text(20)),
      alsoParcelIds: z.optional(z.array(id('parcel')).check(z.maxLength(19, 'field.manyItems'))),
    })
    .check(
      z.refine((b) => b.pickupCode !== undefined || (b.phoneLast4 !== undefined && b.recipientName !== undefined), {
        message: 'field.pickupProof',
        path: ['pickupCode'],
      }),
    ),
);

export const Return = lazy(() => z.strictObject({ reason: text(200) }));

export const ParcelQuery = lazy(() =>
  z.strictObject({
    status: z.optional(z.enum(parcelStatuses)),
    phoneLast4: z.optional(PhoneLast4()),
    /** Only those kept past their last day: what goes back to the courier. */
    dueBack: z.optional(z.enum(['true', 'false'])),
    /** Only those locked by wrong codes, waiting for ops. */
    locked: z.optional(z.enum(['true', 'false'])),
    limit: limitParam(),
    next: cursorParam(),
  }),
);

export const CourierInput = lazy(() =>
  z.strictObject({
    name: text(40),
    parcelFeeFen: z.optional(z.int().check(z.gte(0, 'field.amountNegative'), z.lte(10_000, 'field.amountTooLarge'))),
  }),
);
export const ListQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));

export const VillagerParams = lazy(() => z.strictObject({ stationId: id('station'), villagerId: id('villager') }));
/** Where the villager wants their parcels, and how they said so (in person unless told). */
export const PreferenceInput = lazy(() => z.strictObject({ preference: z.enum(deliveryPreferences), via: z.optional(z.enum(preferenceChannels)) }));
/** Why ops unlock it: what they checked with the recipient. */
export const Unlock = lazy(() => z.strictObject({ reason: text(200) }));
