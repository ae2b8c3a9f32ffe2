import * as z from 'zod/mini';

/** Environment read once at cold start; a wrong value fails fast with the variable's name. */
const Env = () =>
  z.object({
    TABLE_NAME: z.string().check(z.minLength(3)),
    /** Set only locally (DynamoDB Local); in AWS the SDK finds the regional endpoint. */
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    AWS_REGION: z._default(z.string(), 'cn-north-1'),
    STAGE: z._default(z.string(), 'dev'),
  });

export type Config = Readonly<z.infer<ReturnType<typeof Env>>>;

let cached: Config | undefined;

/**
 * The deployed case, read without building the schema (its first run costs a
 * cold start ~2 ms of CPU; bench/README.md): a table name and no local
 * endpoint, which `Env` would accept as it is. Anything else goes through
 * `Env`, which checks the endpoint and names what is wrong.
 */
function deployed(env: NodeJS.ProcessEnv): Config | undefined {
  const { TABLE_NAME, DYNAMODB_ENDPOINT, AWS_REGION, STAGE } = env;
  if (typeof TABLE_NAME !== 'string' || TABLE_NAME.length < 3 || DYNAMODB_ENDPOINT !== undefined) return undefined;
  return { TABLE_NAME, AWS_REGION: AWS_REGION ?? 'cn-north-1', STAGE: STAGE ?? 'dev' };
}

export function config(): Config {
  if (cached) return cached;
  const fast = deployed(process.env);
  if (fast) return (cached = Object.freeze(fast));
  const parsed = Env().safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid environment: ${names}. ${z.prettifyError(parsed.error)}`);
  }
  cached = Object.freeze(parsed.data);
  return cached;
}
