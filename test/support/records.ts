import { principalFromClaims } from '#http/principal.ts';
import { scopeOf } from '#http/api-handler.ts';
import { recordIdOf } from '#store/command.ts';
import { unseal } from '#store/sealed.ts';
import { allItems } from './table.ts';

/** Who a token's holder is, as the API scopes their Idempotency-Keys. */
export function scopeOfToken(token: string): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const flat = Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));
  return scopeOf(principalFromClaims(flat)!);
}

/** The idempotency record a caller's key made (found by its hashed id, as the API finds it), and what it holds opened with the key. */
export async function recordFor(token: string, key: string): Promise<{ item: Record<string, unknown> | undefined; opened: string | undefined }> {
  const owner = { scope: scopeOfToken(token), key };
  const item = (await allItems()).find((i) => i.pk === `IDEMPOTENCY#${recordIdOf(owner)}`);
  return { item, opened: typeof item?.sealed === 'string' ? unseal(item.sealed, owner) : undefined };
}
