/**
 * The pages' Content-Security-Policy, in one place: CloudFront sends it in AWS
 * (infra/web-site.ts) and the local server sends the same (scripts/local/static.ts),
 * so the browser tests run the pages under it. The pages load only their own
 * scripts, styles and images (no inline script or style attribute in the HTML),
 * and talk only to the API (signing in included).
 */
export function contentSecurityPolicy(connectTo: readonly string[] = []): string {
  return [
    "default-src 'self'",
    // The parcel scan screen's barcode decoder is WebAssembly (compiled, not eval'd: 'wasm-unsafe-eval' allows only that).
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectTo].join(' ')}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** In AWS the pages talk to the API alone: signing in is the API's own (POST /v1/auth/…), in every partition. */
export const awsConnectTo = (apiUrl: string) => [apiUrl];
