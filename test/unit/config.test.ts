import { afterEach, describe, expect, it, vi } from 'vitest';

// config() reads the environment once per module instance: each case loads a fresh one.
async function configWith(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const name of ['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'AWS_REGION', 'STAGE']) vi.stubEnv(name, env[name]);
  const { config } = await import('#shared/config.ts');
  return config;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('config', () => {
  it('reads the deployed environment, with the region and stage defaulted', async () => {
    const config = await configWith({ TABLE_NAME: 'village-prod' });
    expect(config()).toStrictEqual({ TABLE_NAME: 'village-prod', AWS_REGION: 'cn-north-1', STAGE: 'dev' });
    expect(Object.isFrozen(config())).toBe(true);
  });

  it('keeps the region and stage it is given', async () => {
    const config = await configWith({ TABLE_NAME: 'village-prod', AWS_REGION: 'cn-northwest-1', STAGE: 'prod' });
    expect(config()).toStrictEqual({ TABLE_NAME: 'village-prod', AWS_REGION: 'cn-northwest-1', STAGE: 'prod' });
  });

  it('reads a local endpoint', async () => {
    const config = await configWith({ TABLE_NAME: 'village-dev', DYNAMODB_ENDPOINT: 'http://localhost:8000' });
    expect(config()).toStrictEqual({ TABLE_NAME: 'village-dev', DYNAMODB_ENDPOINT: 'http://localhost:8000', AWS_REGION: 'cn-north-1', STAGE: 'dev' });
  });

  it.each([
    ['no table name', {}, 'TABLE_NAME'],
    ['a table name too short', { TABLE_NAME: 'ab' }, 'TABLE_NAME'],
    ['an endpoint that is not a URL', { TABLE_NAME: 'village-dev', DYNAMODB_ENDPOINT: 'localhost 8000' }, 'DYNAMODB_ENDPOINT'],
  ])('fails naming the variable for %s', async (_, env, name) => {
    const config = await configWith(env);
    expect(() => config()).toThrow(new RegExp(`^Invalid environment: ${name}\\.`));
  });
});
