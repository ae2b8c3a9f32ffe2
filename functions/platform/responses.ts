import * as z from 'zod/mini';
import { lazy } from '#schemas/lazy.ts';

export const Health = lazy(() => z.object({ status: z.literal('ok') }));
export const OpenApi = lazy(() => z.record(z.string(), z.unknown()));
