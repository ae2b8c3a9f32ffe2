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

export function config(): Config {
  if (cached) return cached;
  const parsed = Env().safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid environment: ${names}. ${z.prettifyError(parsed.error)}`);
  }
  cached = Object.freeze(parsed.data);
  return cached;
}
