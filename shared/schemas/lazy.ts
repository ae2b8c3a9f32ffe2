/**
 * A schema built on first use, then kept. Building zod schemas is the largest
 * cost a handler adds to a cold start, and a cold container serves one route
 * first: so each route builds only the schemas it needs (bench/README.md).
 */
export function lazy<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}
