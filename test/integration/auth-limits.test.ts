import { expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { somePhone } from '../support/examples.ts';

/**
 * Walking through phone numbers (docs/rules.md "Signing in"): each phone has
 * its own limits, so one address asking for many phones' codes, or trying
 * codes on many phones, is stopped by the address's hourly allowance.
 */
const api = useApi();

test('one address: past its hourly allowance of codes asked and codes tried, 429 whatever the phone', async () => {
  process.env.SIGN_IN_ADDRESS_LIMIT = '6';
  // The allowance is counted per clock hour: eight calls that straddle the turn of an hour count in two.
  const leftOfHour = 3_600_000 - (Date.now() % 3_600_000);
  if (leftOfHour < 30_000) await new Promise((r) => setTimeout(r, leftOfHour + 1_000));
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.call('POST', '/v1/auth/codes', { body: { phone: somePhone() } })).status);
    for (let i = 0; i < 4; i++) statuses.push((await api.call('POST', '/v1/auth/tokens', { body: { phone: somePhone(), code: '123456' } })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 401, 401, 429, 429]);
    const refused = await api.call('POST', '/v1/auth/codes', { body: { phone: somePhone() } });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'too-many-requests', status: 429 });
  } finally {
    delete process.env.SIGN_IN_ADDRESS_LIMIT;
  }
});
