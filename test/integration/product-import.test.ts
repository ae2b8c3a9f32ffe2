import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { buildFixture, expectOk, unique, type Fixture } from '../support/fixture.ts';
import { intercept } from '../support/sdk.ts';
import { expectProblem } from '../support/station-day.ts';
import { allItems } from '../support/table.ts';

const api = useApi();
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture(api);
});
afterEach(() => intercept(undefined));

const header = 'sku,title,titleEn,category,onlinePriceYuan,localStorePriceYuan,merchantCostYuan,weightGrams,needsInstallation,returnWindowDays';
const fileOf = (lines: string[]) => [header, ...lines].join('\n') + '\n';
const send = (csv: string, dryRun: boolean, key: string | true = true, lang = 'en') =>
  api.call('POST', '/v1/products/import', { token: f.ops, key, body: { csv, dryRun }, headers: { 'accept-language': lang } });
const catalogueItems = async () => (await allItems()).filter((i) => /^(PRODUCT|SEARCH)#/.test(String(i.pk)));

function goodFile(tag: string) {
  return fileOf([
    `${tag}-1,电饭煲 4升,Rice cooker 4 L,appliances,199.00,259.00,150.00,3500,no,7`,
    `${tag}-2,"化肥 50公斤, 复合肥",Fertiliser,agriculture,168,190,140,50000,否,0`,
    `${tag}-3,婴儿推车,Pram,baby,¥399.5,459,320,9000,yes,15`,
  ]);
}

test('a dry run names every wrong cell by line and column, in the reader’s language, and writes nothing', async () => {
  const tag = unique('IMP').toUpperCase();
  const bad = fileOf([
    `${tag}-1,电饭煲 4升,Rice cooker 4 L,appliances,199.00,259.00,150.00,3500,no,7`,
    `${tag}-2,化肥,Fertiliser,fertiliser,abc,190,140,0,maybe,0`,
    `${tag}-1,婴儿推车,Pram,baby,399,459,320,9000,yes,15`,
    `${tag}-4,only three,cells`,
  ]);
  const before = await catalogueItems();
  const answer = await send(bad, true);
  expectProblem(answer, 400, 'invalid-input');
  const byPath = Object.fromEntries(answer.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
  expect(byPath).toEqual({
    'body.csv.3.category': expect.stringMatching(/One of: appliances/),
    'body.csv.3.onlinePriceYuan': 'Enter an amount such as 29, 29.5 or 29元.',
    'body.csv.3.weightGrams': 'From 1 gram to 500 kg.',
    'body.csv.3.needsInstallation': 'Enter yes or no (是/否).',
    'body.csv.4.sku': 'This SKU is already on line 2.',
    'body.csv.5.line': 'This line has 3 cells; the header has 10.',
  });
  expect(answer.body.detail).toBe('6 cells of the file are wrong, so nothing was imported. Fix each one and send the file again.');
  const zh = await send(bad, true, true, 'zh-CN');
  expect(zh.body.errors.find((e: { path: string }) => e.path === 'body.csv.3.needsInstallation').message).toBe('请填 是 或 否（yes/no）。');
  // Not even the good line was written, and a real import of the bad file writes nothing either.
  expectProblem(await send(bad, false), 400, 'invalid-input');
  expect(await catalogueItems()).toEqual(before);
});

test('the header is checked: unknown and missing columns named', async () => {
  const answer = await send('sku,title,colour\nA-123,x,red\n', true);
  expectProblem(answer, 400);
  const paths = answer.body.errors.map((e: { path: string }) => e.path);
  expect(paths).toContain('body.csv.1.colour');
  expect(paths).toContain('body.csv.1.category');
  expect(paths).not.toContain('body.csv.1.titleEn');
});

test('the fixed file: dry run counts, the import writes products searchable like a PUT; the same file again changes nothing', async () => {
  const tag = unique('IMP').toUpperCase();
  const file = goodFile(tag);
  expect(await expectOk(send(file, true))).toEqual({ dryRun: true, rows: 3, created: 3, updated: 0, unchanged: 0 });
  expect((await api.call('GET', `/v1/products/${tag}-1`, { token: f.ops })).status).toBe(404);

  expect(await expectOk(send(file, false))).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 });
  const fertiliser = await expectOk(api.call('GET', `/v1/products/${tag}-2`, { token: f.ops }));
  expect(fertiliser).toMatchObject({
    title: '化肥 50公斤, 复合肥',
    onlinePriceFen: 16_800,
    merchantCostFen: 14_000,
    needsInstallation: false,
    weightGrams: 50_000,
  });
  expect((await expectOk(api.call('GET', `/v1/products/${tag}-3`, { token: f.ops }))).onlinePriceFen).toBe(39_950);
  const found = await expectOk(api.call('GET', `/v1/products?q=${encodeURIComponent('婴儿推车')}`, { token: f.partnerA }));
  expect(found.items.map((p: { sku: string }) => p.sku)).toContain(`${tag}-3`);

  const before = await catalogueItems();
  expect(await expectOk(send(file, false))).toEqual({ dryRun: false, rows: 3, created: 0, updated: 0, unchanged: 3 });
  expect(await catalogueItems()).toEqual(before);

  // One price changed: one product updated, its search entries kept in step (the old title's entries gone).
  const changed = file.replace('婴儿推车,Pram,baby,¥399.5', '儿童推车,Pram,baby,¥389.5');
  expect(await expectOk(send(changed, false))).toEqual({ dryRun: false, rows: 3, created: 0, updated: 1, unchanged: 2 });
  const old = await expectOk(api.call('GET', `/v1/products?q=${encodeURIComponent('婴儿推车')}`, { token: f.partnerA }));
  expect(old.items.map((p: { sku: string }) => p.sku)).not.toContain(`${tag}-3`);
  const renamed = await expectOk(api.call('GET', `/v1/products?q=${encodeURIComponent('儿童推车')}`, { token: f.partnerA }));
  expect(renamed.items.map((p: { sku: string }) => p.sku)).toContain(`${tag}-3`);
});

test('the same import and key sent 20 times at once: one effect, twenty identical answers', async () => {
  const tag = unique('IMP').toUpperCase();
  const key = randomUUID();
  // A copy that waited past its deadline for the first to finish hears 504 and, as any client does, sends the same key again.
  const sendUntilAnswered = async () => {
    let answer = await send(goodFile(tag), false, key);
    for (let tries = 0; answer.status === 504 && tries < 5; tries++) answer = await send(goodFile(tag), false, key);
    return answer;
  };
  const answers = await Promise.all(Array.from({ length: 20 }, sendUntilAnswered));
  for (const a of answers) {
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 });
  }
  const items = (await catalogueItems()).filter((i) => String(i.pk).startsWith(`PRODUCT#${tag}`));
  expect(items).toHaveLength(3);
  expect(items.every((i) => i.indexVersion === 1)).toBe(true);
});

test('cut short after some products were written: the same key finishes the import and answers as the first would have', async () => {
  const tag = unique('IMP').toUpperCase();
  const key = randomUUID();
  let writes = 0;
  // The first product's transaction commits, then the function dies: the others never reach the table.
  let first: Promise<unknown> | undefined;
  intercept(async (command, _input, call) => {
    if (command !== 'TransactWriteItemsCommand') return call();
    if (++writes === 1) first = call();
    await first;
    throw Object.assign(new Error('Runtime exited'), { name: 'RuntimeExitError' });
  });
  expect((await send(goodFile(tag), false, key)).status).toBe(500);
  intercept(undefined);
  const written = (await catalogueItems()).filter((i) => String(i.pk).startsWith(`PRODUCT#${tag}`));
  expect(written).toHaveLength(1);
  const retried = await send(goodFile(tag), false, key);
  expect(retried.status).toBe(200);
  expect(retried.headers.get('idempotent-replayed')).toBe('true');
  expect(retried.body).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 });
  expect((await catalogueItems()).filter((i) => String(i.pk).startsWith(`PRODUCT#${tag}`))).toHaveLength(3);
  // The same key with another file is refused.
  expectProblem(await send(goodFile(`${tag}X`), false, key), 422, 'idempotency-key-reused');
});

test('only ops import; the key is required; more lines than a request takes are refused whole', async () => {
  for (const token of [f.partnerA, f.kioskA]) {
    expect((await api.call('POST', '/v1/products/import', { token, key: true, body: { csv: goodFile('X'), dryRun: true } })).status).toBe(403);
  }
  expectProblem(await api.call('POST', '/v1/products/import', { token: f.ops, body: { csv: goodFile('X'), dryRun: true } }), 400);
  const many = fileOf(Array.from({ length: 5_001 }, (_, i) => `MANY-${i},x,,household,1,1,1,1,no,0`));
  const answer = await send(many, true);
  expectProblem(answer, 400);
  expect(answer.body.errors).toEqual([{ path: 'body.csv', message: 'At most 5000 lines at a time: send the file in parts.', code: expect.any(String) }]);
});

test('DynamoDB failing at any one step: the same key again ends with the whole file imported and the first answer', async () => {
  // The calls of one import of three new products, in order.
  const calls: string[] = [];
  intercept(async (command, _input, call) => {
    calls.push(command);
    return call();
  });
  await expectOk(send(goodFile(unique('IMP').toUpperCase()), false));
  intercept(undefined);
  expect(calls).toEqual(
    ['GetItem', 'BatchGetItem', 'PutItem', 'TransactWriteItems', 'TransactWriteItems', 'TransactWriteItems', 'PutItem'].map((c) => `${c}Command`),
  );

  for (let step = 0; step < calls.length; step++) {
    const tag = unique('IMP').toUpperCase();
    const key = randomUUID();
    let n = 0;
    intercept(async (_command, _input, call) => {
      if (n++ === step) throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException', $metadata: {} });
      return call();
    });
    const failed = await send(goodFile(tag), false, key);
    intercept(undefined);
    expect(failed.status, `step ${step}`).toBeGreaterThanOrEqual(500);
    const retried = await send(goodFile(tag), false, key);
    expect(retried.status, `step ${step}`).toBe(200);
    expect(retried.body).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 });
    const products = (await catalogueItems()).filter((i) => String(i.pk).startsWith(`PRODUCT#${tag}`));
    expect(products.map((p) => p.indexVersion)).toEqual([1, 1, 1]);
  }
});
