import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from '#http/csp.ts';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** The headers CloudFront adds to every page (infra/web-site.ts), from the same definition; locally the API is same-origin. */
export const pageSecurityHeaders = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};
/** Text is sent compressed, as CloudFront sends it: brotli when the browser takes it, else gzip. */
const compressible = new Set(['.html', '.js', '.css', '.json', '.svg', '.webmanifest']);
const compressed = new Map<string, { mtime: number; br: Buffer; gzip: Buffer }>();

function encodingFor(req: IncomingMessage | undefined): 'br' | 'gzip' | undefined {
  const accepted = String(req?.headers['accept-encoding'] ?? '');
  return /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
}

function cacheControl(file: string): string {
  // The pages and the service worker are checked every time (a new deployment shows at once); the rest for 5 minutes.
  if (extname(file) === '.html' || file.endsWith(`${sep}sw.js`) || extname(file) === '.webmanifest') return 'no-cache';
  return 'public, max-age=300';
}

/** Serves the built pages from web/dist, as CloudFront serves them from S3: compressed, with the same security headers. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, req?: IncomingMessage): Promise<boolean> {
  const base = resolve(root);
  let file = normalize(join(base, decodeURIComponent(urlPath)));
  if (file !== base && !file.startsWith(base + sep)) return false;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    const headers: Record<string, string> = {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControl(file),
      ...pageSecurityHeaders,
      vary: 'Accept-Encoding',
    };
    let body: Buffer = await readFile(file);
    const encoding = compressible.has(extname(file)) ? encodingFor(req) : undefined;
    if (encoding) {
      let kept = compressed.get(file);
      if (!kept || kept.mtime !== info.mtimeMs) {
        kept = {
          mtime: info.mtimeMs,
          br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
          gzip: gzipSync(body, { level: 9 }),
        };
        compressed.set(file, kept);
      }
      body = kept[encoding];
      headers['content-encoding'] = encoding;
    }
    res.writeHead(200, headers);
    res.end(body);
    return true;
  } catch {
    return false;
  }
}
