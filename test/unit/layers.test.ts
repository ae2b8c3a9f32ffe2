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
    ['functions/cash/any.ts', "import { keys } from '#store/keys.ts';", 'functions/ goes through a store'],
    ['functions/orders/any.ts', "import { getMany } from '#store/batch.ts';", 'functions/ goes through a store'],
    ['functions/orders/any.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", 'functions/ goes through a store'],
    ['shared/store/any.ts', "import type { ApiRequest } from '#http/route.ts';", 'shared/store knows nothing of HTTP'],
    ['shared/domain/any.ts', "import { readFileSync } from 'node:fs';", 'shared/domain is pure'],
    ['shared/domain/any.ts', "import { orderStore } from '#store/orders.ts';", 'shared/domain is pure'],
    ['shared/domain/any.ts', "import { config } from '#shared/config.ts';", 'shared/domain is pure'],
    ['web/src/partner/any.tsx', "import { orderStore } from '#store/orders.ts';", 'The pages talk only to the API'],
    ['functions/cash/any.ts', `import { yuan } from '${'../..'}/shared/domain/money.ts';`, 'Import across folders by alias'],
  ])('%s may not: %s', async (filePath, code, message) => {
    expect(await layerErrors(filePath, code)).toEqual([expect.stringContaining(message)]);
  });

  test.each([
    ['functions/cash/any.ts', "import { ledgerStore } from '#store/ledger.ts';"],
    ['functions/cash/index.ts', "import { db } from '#store/db.ts';"],
    ['shared/store/any.ts', "import { fold } from '#domain/ledger.ts';"],
    ['shared/domain/any.ts', "import { newId } from '#shared/ids.ts';"],
    ['web/src/partner/any.tsx', "import { categories } from '#domain/product.ts';"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});
