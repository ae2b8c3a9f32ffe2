/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles
 * (infra/api-function.ts aliases it here). Lambda hands every function its
 * role's credentials in environment variables, the first place the SDK's
 * default chain looks; the rest of that chain (profiles, SSO, IMDS, STS web
 * identity, with the nested clients they need) never runs in Lambda and was
 * a third of what a cold start loads (bench/README.md, Cold start). Local
 * runs and tests use the dev tree, where the full chain is still there.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
