import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint();

/** The layer rule's messages for one line of code, as if it stood at the top of `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const _x = 1;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layers hold (eslint.config.js)', () => {
  test.each([
    ['functions/cash/any.ts', "import * as keys from '#store/keys.ts';", 'functions/ goes through a store'],
    ['functions/orders/any.ts', "import { getMany } from '#store/batch.ts';", 'functions/ goes through a store'],
    ['functions/orders/any.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", 'functions/ goes through a store'],
    ['shared/store/any.ts', "import type { ApiRequest } from '#http/route.ts';", 'shared/store knows nothing of HTTP'],
    ['shared/domain/any.ts', "import { readFileSync } from 'node:fs';", 'shared/domain is pure'],
    ['shared/domain/any.ts', "import * as orderStore from '#store/orders.ts';", 'shared/domain is pure'],
    ['shared/domain/any.ts', "import { config } from '#shared/config.ts';", 'shared/domain is pure'],
    ['web/src/partner/any.tsx', "import * as orderStore from '#store/orders.ts';", 'The pages talk only to the API'],
    ['functions/cash/any.ts', `import { yuan } from '${'../..'}/shared/domain/money.ts';`, 'Import across folders by alias'],
    // The back doors: the same modules by another alias, or by a single `../`.
    ['functions/cash/any.ts', "import * as keys from '#shared/store/keys.ts';", "Use the layer's own alias"],
    ['shared/domain/any.ts', "import * as orderStore from '#shared/store/orders.ts';", "Use the layer's own alias"],
    ['shared/domain/any.ts', "import * as orderStore from '../store/orders.ts';", 'shared/domain is pure'],
    ['shared/domain/any.ts', "import { issueCode } from '#shared/codes.ts';", 'shared/domain is pure'],
    ['shared/domain/delivery/any.ts', "import { randomInt } from 'node:crypto';", 'shared/domain is pure'],
    ['functions/aftersales/any.ts', "import { x } from '../orders/refusals.ts';", "never another function's folder"],
    ['functions/aftersales/index.ts', "import { x } from '../orders/refusals.ts';", "never another function's folder"],
    ['functions/aftersales/any.ts', "import { x } from '#functions/orders/refusals.ts';", "never into another function's folder"],
    ['shared/store/any.ts', "import { x } from '../http/route.ts';", 'shared/store imports other layers by alias'],
    ['shared/store/any.ts', "import type { ApiRequest } from '#shared/http/route.ts';", "Use the layer's own alias"],
    ['web/src/partner/any.tsx', "import { issueCode } from '#shared/codes.ts';", 'The pages talk only to the API'],
  ])('%s may not: %s', async (filePath, code, message) => {
    expect(await layerErrors(filePath, code)).toContainEqual(expect.stringContaining(message));
  });

  test.each([
    ['functions/cash/any.ts', "import * as ledgerStore from '#store/ledger.ts';"],
    ['functions/cash/index.ts', "import { db } from '#store/db.ts';"],
    ['shared/store/any.ts', "import { fold } from '#domain/ledger.ts';"],
    ['shared/domain/any.ts', "import { newId } from '#shared/ids.ts';"],
    ['shared/domain/delivery/any.ts', "import type { Order } from '../order.ts';"],
    ['functions/orders/any.ts', "import { placeOrder } from './place-order.ts';"],
    ['functions/aftersales/any.ts', "import { cashRefusals } from '#domain/cash.ts';"],
    ['web/src/partner/any.tsx', "import { returnableLines } from '#domain/order.ts';"],
    ['web/src/partner/any.tsx', "import { categories } from '#domain/product.ts';"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});
