import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { authApi as api } from './api.ts';
import { issueTokens } from './issue-tokens.ts';
import { requestSignInCode } from './request-code.ts';
import { createKioskPairing, pairKiosk } from './kiosk.ts';
import { signOut } from './sign-out.ts';
import { confirmTotp } from './totp.ts';
import { changeUser, createUser, listUserChanges, listUsers, getMe } from './users.ts';
import { jwks, openIdConfiguration } from './well-known.ts';

export const routes = [
  bind(api.requestSignInCode, requestSignInCode),
  bind(api.issueTokens, issueTokens),
  bind(api.signOut, signOut),
  bind(api.confirmTotp, confirmTotp),
  bind(api.getMe, getMe),
  bind(api.createKioskPairing, createKioskPairing),
  bind(api.pairKiosk, pairKiosk),
  bind(api.jwks, jwks),
  bind(api.openIdConfiguration, openIdConfiguration),
  bind(api.createUser, createUser),
  bind(api.changeUser, changeUser),
  bind(api.listUsers, listUsers),
  bind(api.listUserChanges, listUserChanges),
];

export const handler = apiHandler(routes, { atColdStart: db });
