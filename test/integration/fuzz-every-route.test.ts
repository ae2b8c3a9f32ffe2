import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { routeTable } from '#functions/routes.ts';
import { routeKey } from '#http/route.ts';
import { useApi } from '../support/api.ts';
import { badInputs } from '../support/bad-input.ts';
import { examples, fillPath, tokenFor } from '../support/examples.ts';
import { buildFixture, type Fixture } from '../support/fixture.ts';
import { tableSnapshot } from '../support/table.ts';

const api = useApi();
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture(api);
});

const qs = (query?: Record<string, string>) => (query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');

test('every route of the table has an example, so it joins the harnesses', () => {
  const missing = routeTable.filter((r) => !examples[r.operationId]).map(routeKey);
  expect(missing).toEqual([]);
});

const withInput = routeTable.filter((r) => r.params || r.query || r.body);

describe.each(withInput.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('bad input: 400 problem+json naming each wrong field, never 500, nothing written', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const before = await tableSnapshot();
    await fc.assert(
      fc.asyncProperty(badInputs(spec, example), async (input) => {
        const answer = await api.call(spec.method, fillPath(spec.path, input.params) + qs(input.query), {
          token,
          body: input.body,
          key: spec.idempotent ? true : undefined,
        });
        expect(answer.status, JSON.stringify({ input, answer: answer.body })).toBe(400);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        const named = (answer.body.errors as { path: string }[]).map((e) => e.path);
        for (const path of input.expected) expect(named, JSON.stringify(input)).toContain(path);
      }),
      { numRuns: 30, seed: 20261121 },
    );
    expect(await tableSnapshot()).toBe(before);
  });
});

const withBody = routeTable.filter((r) => r.body);

describe.each(withBody.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('malformed JSON is 400, a non-JSON body 415, nothing written', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const path = fillPath(spec.path, example.params) + qs(example.query);
    const key = spec.idempotent ? true : undefined;
    const before = await tableSnapshot();
    const malformed = await api.call(spec.method, path, { token, key, rawBody: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toMatchObject([{ path: 'body', message: 'The body is not valid JSON.' }]);
    const form = await api.call(spec.method, path, { token, key, rawBody: 'name=x', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    if (!spec.body!().safeParse(undefined).success) {
      const missing = await api.call(spec.method, path, { token, key });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('body');
    }
    expect(await tableSnapshot()).toBe(before);
  });
});

const idempotent = routeTable.filter((r) => r.idempotent);

describe.each(idempotent.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('without an Idempotency-Key (or with a malformed one): 400 naming the header, nothing written', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const path = fillPath(spec.path, example.params) + qs(example.query);
    const before = await tableSnapshot();
    for (const key of [undefined, 'short', 'has spaces in it']) {
      const answer = await api.call(spec.method, path, { token, key, body: example.body });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain('headers.idempotency-key');
    }
    expect(await tableSnapshot()).toBe(before);
  });
});
