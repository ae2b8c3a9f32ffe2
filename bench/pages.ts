import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWebSync } from '../scripts/build-web.ts';

export interface PageWeight {
  page: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
}

/** What each page costs a cheap phone to load the first time: its files, as transferred (gzip). */
export function measurePages(): PageWeight[] {
  const dist = buildWebSync();
  const pages: Record<string, string[]> = {
    'partner form (/partner/)': ['partner/index.html', 'styles.css', 'partner/main.js'],
    'kiosk (/kiosk/)': ['kiosk/index.html', 'styles.css', 'kiosk.css', 'kiosk/main.js'],
    'operator console (/ops/)': ['ops/index.html', 'styles.css', 'ops/main.js'],
    // After the first load, once: the service worker, the manifest and the icons (the worker then precaches the rest of the app).
    'offline app (after load)': ['sw.js', 'partner.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png'],
  };
  return Object.entries(pages).map(([page, files]) => {
    const measured = files.map((file) => {
      const body = readFileSync(join(dist, file));
      return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    });
    return { page, files: measured, gzipBytes: measured.reduce((n, f) => n + f.gzipBytes, 0) };
  });
}
