/**
 * What EventBridge Scheduler sends the bills function every 5 minutes (infra),
 * and what the local timer and `npm run reconcile` send it: run the reconciler.
 * Its own module, so CDK can read it without loading the handler.
 */
export const reconcileEvent = { job: 'reconcile-bills' } as const;

export const isReconcileEvent = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { job?: unknown }).job === reconcileEvent.job;

/** How often the reconciler runs in AWS. */
export const reconcileEveryMinutes = 5;
