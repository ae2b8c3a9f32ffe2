import { resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { functionsAlias, functionsEsbuildOptions, type Bundle } from './bundles.ts';

export interface BundleContents {
  name: string;
  bytes: number;
  /** Bytes in the bundle by where they come from, largest first. */
  parts: { part: string; bytes: number }[];
}

/** An input file's part: a package (the AWS SDK's packages as one), or the project folder it sits in. */
function partOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  if (pkg) return /^@(aws-sdk|smithy|aws-crypto)\//.test(pkg) ? 'AWS SDK' : pkg;
  const [top, second] = input.split('/');
  return second?.endsWith('.ts') ? `${top}/ (top level)` : `${top}/${second}/`;
}

/** Builds the entry again with esbuild's metafile, with the settings the CDK app gives it. */
function contentsOf(name: string, entry: string, options: { alias?: Record<string, string>; external?: string[] }): BundleContents {
  const result = buildSync({ ...functionsEsbuildOptions(), entryPoints: [resolve(entry)], outfile: 'index.mjs', write: false, metafile: true, ...options });
  const output = Object.values(result.metafile.outputs)[0]!;
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const part = partOf(input);
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  return {
    name,
    bytes: output.bytes,
    parts: [...parts].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

/**
 * What each production bundle carries (docs/quality.md "Cold start"), from
 * esbuild's metafile. The bundle is built again with the CDK app's settings,
 * and its size must be the synthesised bundle's to the byte, so these are the
 * shipped bundle's parts.
 */
export function bundleContents(floor: Bundle, bundles: Bundle[]): { floor: BundleContents; functions: BundleContents[] } {
  const functions = bundles.map((b) => {
    const contents = contentsOf(b.name, `functions/${b.name}/index.ts`, {
      alias: functionsAlias(),
      external: (b.sideModules ?? []).map((m) => m.name),
    });
    if (contents.bytes !== b.bytes) throw new Error(`${b.name}: ${contents.bytes} bytes rebuilt against ${b.bytes} synthesised; the settings differ`);
    return contents;
  });
  return { floor: contentsOf(floor.name, 'bench/floor.ts', {}), functions };
}
