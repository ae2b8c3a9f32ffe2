import type { RouteHandler } from '#http/route.ts';
import * as signInStore from '#store/sign-in.ts';
import type { authApi } from './api.ts';

/** Signing out ends the sign-in of the refresh token shown (its own user's only); the access token runs out in minutes. */
export const signOut: RouteHandler<typeof authApi.signOut> = async (req) => {
  const shown = req.body?.refreshToken;
  if (shown) {
    const [tokenId = '', secret = ''] = shown.split('.');
    const token = /^rt_[0-9A-HJKMNP-TV-Z]{26}$/.test(tokenId) ? await signInStore.refresh(tokenId) : undefined;
    if (token && token.userId === req.principal.sub && signInStore.hashMatches(secret, token.hash)) await signInStore.revoke(token.familyId, req.now);
  }
  return { status: 204, body: null };
};
