import { afterEach, describe, expect, test } from 'vitest';
import { defaultProvider } from '#store/lambda-credentials.ts';

const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;
const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
afterEach(() => {
  for (const n of names) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
});

describe("the Lambda bundles' credentials (the environment Lambda sets, nothing else)", () => {
  test('the role credentials Lambda puts in the environment are the ones signed with', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example', AWS_SESSION_TOKEN: 'token-example' });
    await expect(defaultProvider()()).resolves.toMatchObject({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret-example',
      sessionToken: 'token-example',
    });
  });

  test('without them it fails plainly instead of looking in profiles or the instance metadata', async () => {
    for (const n of names) delete process.env[n];
    process.env.AWS_PROFILE = 'someone-elses-profile';
    await expect(defaultProvider()()).rejects.toThrow(/environment/i);
  });
});
