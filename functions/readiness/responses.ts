import * as z from 'zod/mini';
import { lazy } from '#schemas/lazy.ts';

export const Ready = lazy(() => z.object({ status: z.literal('ready') }));
