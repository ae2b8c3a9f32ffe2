import { deflateSync } from 'node:zlib';

/**
 * The app's icon, drawn here (no image tools, nothing fetched): a white house on
 * the theme green, full bleed so it also serves as a maskable icon. PNG encoded
 * by hand: RGBA rows, zlib, CRC-checked chunks.
 */
const green = [0x1d, 0x5c, 0x3f] as const;

/** Inside the house, in units of the icon's side (0..1): a roof, a body, a door cut out. */
function house(x: number, y: number): boolean {
  const roof = y >= 0.22 && y <= 0.48 && Math.abs(x - 0.5) <= (y - 0.22) * (0.3 / 0.26);
  const body = x >= 0.28 && x <= 0.72 && y >= 0.46 && y <= 0.78;
  const door = x >= 0.45 && x <= 0.55 && y >= 0.6 && y <= 0.78;
  return (roof || body) && !door;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

export function iconPng(size: number): Buffer {
  const samples = 3;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    raw[row] = 0; // no filter
    for (let px = 0; px < size; px++) {
      let inside = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) if (house((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) inside++;
      const a = inside / (samples * samples);
      const at = row + 1 + px * 4;
      for (let c = 0; c < 3; c++) raw[at + c] = Math.round(green[c]! * (1 - a) + 255 * a);
      raw[at + 3] = 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
