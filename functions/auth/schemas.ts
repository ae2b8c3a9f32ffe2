import * as z from 'zod/mini';
import { userRoles } from '#domain/user.ts';
import { cursorParam, id, limitParam, phone, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

const sixDigits = lazy(() => z.string().check(z.regex(/^\d{6}$/, 'field.signInCode')));

export const CodeRequest = lazy(() => z.strictObject({ phone: phone() }));

/** `{ phone, code, totp? }` signs in; `{ refreshToken }` refreshes. */
export const TokenRequest = lazy(() =>
  z.union([
    z.strictObject({ phone: phone(), code: sixDigits(), totp: z.optional(sixDigits()) }),
    z.strictObject({ refreshToken: z.string().check(z.minLength(10), z.maxLength(200)) }),
  ]),
);

export const SignOutRequest = lazy(() => z.strictObject({ refreshToken: z.optional(z.string().check(z.minLength(10), z.maxLength(200))) }));

export const UserParams = lazy(() => z.strictObject({ userId: id('user') }));
export const ListQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));

export const CreateUser = lazy(() =>
  z.strictObject({
    phone: phone(),
    name: text(40),
    role: z.enum(userRoles),
    stationId: z.optional(id('station')),
    disabled: z.optional(z.boolean()),
  }),
);

export const ChangeUser = lazy(() =>
  z.strictObject({
    phone: z.optional(phone()),
    name: z.optional(text(40)),
    role: z.optional(z.enum(userRoles)),
    stationId: z.optional(id('station')),
    disabled: z.optional(z.boolean()),
  }),
);

export const StationParams = lazy(() => z.strictObject({ stationId: id('station') }));
export const PairKiosk = lazy(() => z.strictObject({ code: z.string().check(z.regex(/^\d{8}$/, 'field.pairingCode')) }));

export const TotpConfirm = lazy(() =>
  z.strictObject({ secret: z.string().check(z.regex(/^[A-Z2-7]{32}$/, 'field.totpSecret')), totp: sixDigits(), currentTotp: z.optional(sixDigits()) }),
);
