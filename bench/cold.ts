import { bundleContents } from './bundle-contents.ts';
import { floorBundle, productionBundles } from './bundles.ts';
import { measureColdStarts } from './cold-start.ts';
import { measureColdRequests } from './cold-request.ts';
import type { LocalStack } from './local-stack.ts';
import type { Results } from './report.ts';

/** Every figure of the Cold start section: imports, what the bundles carry, and the cold request. */
export async function measureCold(stack: LocalStack, rounds: number): Promise<Results['coldStart']> {
  const bundles = productionBundles();
  const floor = floorBundle();
  const envFloor = floorBundle('bench/floor-same.ts', "the same client (the functions' settings and credential alias)", true);
  const libraries = floorBundle('bench/floor-libraries.ts', 'the libraries (the same client, the document client, middy, zod/mini, ulid)', true);
  console.log(`cold start: ${bundles.length} functions and the floor, ${rounds} fresh processes each…`);
  const imports = measureColdStarts(floor, [...bundles, envFloor, libraries], rounds);
  const contents = bundleContents(floor, bundles);
  console.log(`cold request: each function's first request against the floor's raw calls, ${rounds} fresh processes each…`);
  const requests = await measureColdRequests(
    stack,
    bundles,
    floorBundle('bench/floor-request.ts', 'floor'),
    floorBundle('bench/floor-request-same.ts', 'floor, same client', true),
    rounds,
  );
  return {
    rounds,
    target: 1.2,
    cpuTarget: 1.1,
    floor: imports.floor,
    functions: imports.functions.slice(0, -2),
    envFloor: imports.functions.at(-2)!,
    libraries: imports.functions.at(-1)!,
    contents,
    requests,
  };
}
