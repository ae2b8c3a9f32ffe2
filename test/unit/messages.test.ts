import { expect, test } from 'vitest';
import * as z from 'zod/mini';
import { fieldErrors } from '#http/parse.ts';
import { problemOf } from '#http/problem.ts';
import { fieldError, RuleError } from '#shared/errors.ts';
import { catalogueEntries, formatYuan, isMessageKey, msg, negotiate, render } from '#shared/i18n/messages.ts';
import { text } from '#schemas/common.ts';

test('the language a client reads: Accept-Language with q-values, zh-CN first when it names neither', () => {
  expect(negotiate('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
  expect(negotiate('en-GB,en;q=0.9')).toBe('en');
  expect(negotiate('en;q=0.5, zh-TW;q=0.7')).toBe('zh-CN');
  expect(negotiate('fr-FR, en;q=0.3')).toBe('en');
  expect(negotiate('fr-FR')).toBe('zh-CN');
  expect(negotiate(undefined)).toBe('zh-CN');
  expect(negotiate('*')).toBe('zh-CN');
});

test('amounts are yuan as a person reads them, in both languages', () => {
  expect(formatYuan(2_788_000)).toBe('¥27,880.00');
  expect(formatYuan(7)).toBe('¥0.07');
  expect(formatYuan(-100)).toBe('-¥1.00');
  const m = msg('field.atMost', { maxFen: 2_788_000 });
  expect(render(m, 'zh-CN')).toBe('最多 ¥27,880.00。');
  expect(render(m, 'en')).toBe('At most ¥27,880.00.');
});

test('parameters are named in the reader’s language: statuses, kinds of object, roles', () => {
  const wrong = msg('wrong-status', { what: 'order', status: 'CANCELLED', doing: 'pay' });
  expect(render(wrong, 'zh-CN')).toBe('订单现在是“已取消”，不能收款。');
  expect(render(wrong, 'en')).toBe('Cannot take a payment: the order is cancelled.');
  expect(render(msg('forbidden', { roles: ['partner', 'ops'], role: 'kiosk' }), 'zh-CN')).toBe('这项操作需要店主、平台运营身份，您现在是自助屏。');
  expect(render(msg('not-found', { what: 'villager' }), 'en')).toBe('Villager was not found.');
});

test('an error carries a key and parameters; the problem is rendered per language with a stable code per field', () => {
  const error = new RuleError('overpayment', msg('overpayment.outstanding', { outstandingFen: 8_990 }), [
    fieldError('body.amountFen', 'field.atMost', { maxFen: 8_990 }),
  ]);
  expect(error.message).toBe('Only ¥89.90 is outstanding on this order.');
  expect(problemOf(error, 'zh-CN')).toMatchObject({
    status: 422,
    code: 'overpayment',
    title: '不符合规则',
    detail: '这个订单只欠 ¥89.90。',
    errors: [{ path: 'body.amountFen', code: 'atMost', message: '最多 ¥89.90。' }],
  });
  expect(problemOf(new Error('boom'), 'zh-CN')).toMatchObject({ status: 500, code: 'internal', title: '系统出错' });
});

test('zod issues become catalogue messages by their kind and bounds, never zod’s English', () => {
  const schema = z.strictObject({ name: text(4), qty: z.int().check(z.gte(1), z.lte(99)), kind: z.enum(['A', 'B']), on: z.boolean() });
  const result = schema.safeParse({ name: '太长的名字啊', qty: 100, kind: 'C', on: 'yes', extra: 1 });
  expect(result.success).toBe(false);
  const sent = { name: '太长的名字啊', qty: 100, kind: 'C', on: 'yes', extra: 1 };
  const errors = fieldErrors('body', schema.safeParse(sent).error!.issues, sent);
  const zh = Object.fromEntries(errors.map((e) => [e.path, render(e.message, 'zh-CN')]));
  expect(zh).toEqual({
    'body.name': '最多 4 个字。',
    'body.qty': '最多 99。',
    'body.kind': '请从这些里选一个：A、B。',
    'body.on': '应该是是或否。',
    'body.extra': '这里不接受这一项。',
  });
  const missing = fieldErrors('body', schema.safeParse({}).error!.issues, {});
  expect(missing.map((e) => render(e.message, 'zh-CN'))).toEqual(['必须填写。', '必须填写。', '必须填写。', '必须填写。']);
});

test('a schema’s own message is a catalogue key, so every custom message in the schemas exists', () => {
  expect(isMessageKey('field.phone')).toBe(true);
  expect(isMessageKey('Use an 11-digit mainland mobile number')).toBe(false);
});

test('every message exists in both languages with the same parameters, and the Chinese holds no English sentence', () => {
  const params = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.replace(/Zh$/, '')));
  for (const [key, [zh, en]] of catalogueEntries()) {
    expect(zh, key).not.toBe('');
    expect(en, key).not.toBe('');
    expect([...params(zh)].sort(), key).toEqual([...params(en)].sort());
    expect(zh, key).not.toMatch(/[A-Za-z]{3,}\s+[A-Za-z]{2,}/);
    expect(zh, key).not.toMatch(/\bfen\b/i);
    expect(en, key).not.toMatch(/\bfen\b/i);
  }
});
