import { ConflictError, RuleError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { shanghaiDate } from './time.ts';

/**
 * The people who sign in (docs/rules.md "Signing in"): partners, each at one
 * station, and operators. Ops add them by phone, move a partner to another
 * station and disable them; every change is kept (who changed whom, and what).
 * A move, a change of role and a disabling end every sign-in of the user at
 * once: `sessionVersion` goes up, and a refresh token of an older version is
 * refused, so their access ends within an access token's life.
 */
export const userRoles = ['partner', 'ops'] as const;
/** A kiosk is a user too (ops see and disable it), made by pairing, never added by phone. */
export type UserRole = (typeof userRoles)[number] | 'kiosk';

export interface User {
  userId: string;
  phone: string;
  name: string;
  role: UserRole;
  /** A partner's station; ops have none. */
  stationId?: string;
  disabled: boolean;
  /** Goes up when the user is moved, changes role or is disabled: sign-ins of an older version end. */
  sessionVersion: number;
  /** An operator's TOTP second factor is set (its secret is kept apart, never in an answer). */
  totp: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserChange {
  at: string;
  /** Who made it (the operator's `sub`). */
  by: string;
  what: 'created' | 'moved' | 'role' | 'disabled' | 'enabled' | 'renamed' | 'phone';
  from?: string;
  to?: string;
}

export interface NewUser {
  phone: string;
  name: string;
  role: UserRole;
  stationId?: string | undefined;
  disabled?: boolean | undefined;
}

function stationRule(role: UserRole, stationId: string | undefined): void {
  if (role !== 'ops' && !stationId) throw new RuleError('user-needs-station', msg('user-needs-station'));
  if (role === 'ops' && stationId) throw new RuleError('ops-have-no-station', msg('ops-have-no-station'));
}

export function newUser(input: NewUser, userId: string, by: string, now: Date): { user: User; change: UserChange } {
  stationRule(input.role, input.stationId);
  const at = now.toISOString();
  const user: User = {
    userId,
    phone: input.phone,
    name: input.name,
    role: input.role,
    ...(input.stationId ? { stationId: input.stationId } : {}),
    disabled: input.disabled ?? false,
    sessionVersion: 1,
    totp: false,
    createdAt: at,
    updatedAt: at,
  };
  return { user, change: { at, by, what: 'created', to: `${input.role}${input.stationId ? `@${input.stationId}` : ''}` } };
}

export interface UserPatch {
  phone?: string | undefined;
  name?: string | undefined;
  role?: UserRole | undefined;
  stationId?: string | undefined;
  disabled?: boolean | undefined;
}

/** A user changed by ops: what changed, and whether their sign-ins end now (moved, role, disabled). */
export function changeUser(user: User, patch: UserPatch, by: string, now: Date): { user: User; changes: UserChange[] } {
  const at = now.toISOString();
  const role = patch.role ?? user.role;
  const stationId = role === 'ops' ? undefined : (patch.stationId ?? user.stationId);
  stationRule(role, stationId);
  const changes: UserChange[] = [];
  const change = (what: UserChange['what'], from?: string, to?: string) =>
    changes.push({ at, by, what, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  if (role !== user.role) change('role', user.role, role);
  if (stationId !== user.stationId) change('moved', user.stationId ?? '', stationId ?? '');
  if (patch.disabled !== undefined && patch.disabled !== user.disabled) change(patch.disabled ? 'disabled' : 'enabled');
  if (patch.name !== undefined && patch.name !== user.name) change('renamed', user.name, patch.name);
  if (patch.phone !== undefined && patch.phone !== user.phone) change('phone', `尾号${user.phone.slice(-4)}`, `尾号${patch.phone.slice(-4)}`);
  const endsSignIns = changes.some((c) => c.what === 'role' || c.what === 'moved' || c.what === 'disabled' || c.what === 'phone');
  const { stationId: _old, ...rest } = user;
  return {
    user: {
      ...rest,
      ...(stationId ? { stationId } : {}),
      role,
      name: patch.name ?? user.name,
      phone: patch.phone ?? user.phone,
      disabled: patch.disabled ?? user.disabled,
      sessionVersion: endsSignIns ? user.sessionVersion + 1 : user.sessionVersion,
      updatedAt: at,
    },
    changes,
  };
}

// ——— Replacing an operator's authenticator ———

/**
 * Replacing an enrolled authenticator needs the old app's code. The 5th wrong
 * one ends every sign-in of the user and refuses any change for as long as an
 * access token lives (shared/tokens/signer.ts), so a stolen session cannot
 * guess its way to moving the second factor.
 */
export const maxWrongTotps = 5;

/** Whether changes of the authenticator are refused now. */
export const totpChangeLocked = (lockedUntil: string | undefined, now: Date): boolean => lockedUntil !== undefined && Date.parse(lockedUntil) > now.getTime();

// ——— Sign-in codes ———

/** A code is 6 digits, good for 5 minutes, and locked by the 5th wrong try. */
export const codeLength = 6;
export const codeLifetimeMs = 5 * 60_000;
export const maxWrongCodes = 5;

/**
 * Codes sent to one phone, as the SMS services limit them (Asia/Shanghai
 * natural windows): 1 a minute, 5 an hour, 10 a day. Kept for every phone
 * asked about, a user's or not, so the answer says nothing of who is a user.
 */
export const codeLimits = { minute: 1, hour: 5, day: 10 } as const;

export interface CodeState {
  phone: string;
  /** Hash of the code (never the code itself). */
  codeHash?: string;
  codeExpiresAt?: string;
  wrongTries: number;
  /** When codes were asked for today (Shanghai), oldest first. */
  sentAt: string[];
  version: number;
}

const shanghai = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString();

/** Whether another code may go to this phone now; the sends of today kept. */
export function mayAskCode(state: CodeState | undefined, now: Date): { ok: boolean; today: string[] } {
  const day = shanghaiDate(now);
  const today = (state?.sentAt ?? []).filter((at) => shanghaiDate(new Date(at)) === day);
  const minute = shanghai(now).slice(0, 16);
  const hour = shanghai(now).slice(0, 13);
  const inMinute = today.filter((at) => shanghai(new Date(at)).slice(0, 16) === minute).length;
  const inHour = today.filter((at) => shanghai(new Date(at)).slice(0, 13) === hour).length;
  const ok = inMinute < codeLimits.minute && inHour < codeLimits.hour && today.length < codeLimits.day;
  return { ok, today };
}

export type CodeCheck = 'ok' | 'wrong' | 'locked' | 'none';

/** A code tried: right, wrong (counts), or no good code to try against (none asked, expired, used or locked). */
export function checkCode(state: CodeState | undefined, matches: boolean, now: Date): CodeCheck {
  if (!state?.codeHash || !state.codeExpiresAt || Date.parse(state.codeExpiresAt) <= now.getTime()) return 'none';
  if (state.wrongTries >= maxWrongCodes) return 'locked';
  return matches ? 'ok' : 'wrong';
}

// ——— Refresh tokens ———

/**
 * A sign-in is a family of refresh tokens: each use of one gives the next and
 * retires it. A retired one used again means it was copied: the whole family
 * ends (RFC 6749 §10.4, OAuth 2.0 Security BCP §4.14).
 */
export interface RefreshState {
  tokenId: string;
  familyId: string;
  userId: string;
  hash: string;
  /** Set once it has been exchanged for the next. */
  usedAt?: string;
  validUntil: string;
}

export interface FamilyState {
  familyId: string;
  userId: string;
  sessionVersion: number;
  revokedAt?: string;
}

export type RefreshCheck = 'ok' | 'reused' | 'refused';

export function checkRefresh(
  token: RefreshState | undefined,
  family: FamilyState | undefined,
  user: User | undefined,
  hashMatches: boolean,
  now: Date,
): RefreshCheck {
  if (!token || !hashMatches || !family || family.revokedAt) return 'refused';
  if (token.usedAt) return 'reused';
  if (Date.parse(token.validUntil) <= now.getTime()) return 'refused';
  if (!user || user.disabled || user.sessionVersion !== family.sessionVersion) return 'refused';
  return 'ok';
}

/** A user who may sign in: there, and not disabled. */
export function maySignIn(user: User | undefined): user is User {
  return user !== undefined && !user.disabled;
}

export class UserPhoneTakenError extends ConflictError {
  constructor() {
    super('user-phone-taken', msg('user-phone-taken'));
  }
}

// ——— Kiosk pairing ———

/** A kiosk is paired once with a code the partner reads off the partner form: 8 digits, good for 10 minutes, once. */
export const pairingCodeLength = 8;
export const pairingLifetimeMs = 10 * 60_000;

/** The kiosk a pairing makes: a user of its station in the kiosk role (its token moves no money). */
export function newKiosk(userId: string, stationId: string, pairedBy: string, now: Date): { user: User; change: UserChange } {
  const at = now.toISOString();
  return {
    user: { userId, phone: '', name: '自助屏', role: 'kiosk', stationId, disabled: false, sessionVersion: 1, totp: false, createdAt: at, updatedAt: at },
    change: { at, by: pairedBy, what: 'created', to: `kiosk@${stationId}` },
  };
}
