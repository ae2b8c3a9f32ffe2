import type { Effect } from './consumer.ts';

/** Every effect an outbox item can name (docs/architecture.md "The outbox"). */
export const effects: Readonly<Record<string, Effect>> = {};
