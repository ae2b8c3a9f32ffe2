import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { describe, expect, test } from 'vitest';
import { issueToken } from '#scripts/local/tokens.ts';
import { useSite } from '../support/browser.ts';
import { demo, siteApi } from '../support/site-api.ts';

/**
 * docs/rules.md "Parcels", through the partner form in Chromium: a USB
 * scanner types ten waybills in a row (each ending with Enter), the partner
 * types each recipient's phone, and every scan shows its shelf slot; then two
 * parcels are picked up by their codes (as the recipients got them by SMS) and
 * one by the phone's last digits and the name on the waybill.
 */
const site = useSite();
const api = siteApi(() => site.url);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function codeSentTo(phone: string): Promise<string> {
  const until = Date.now() + 20_000;
  for (;;) {
    const sent = (await site.sms.messages(phone)).filter((m) => m.templateCode === 'PARCEL_ARRIVED');
    if (sent.length) return sent.at(-1)!.params.code!;
    if (Date.now() > until) throw new Error(`no code reached ${phone}`);
    await sleep(200);
  }
}

describe('parcels at the station', () => {
  test('ten waybills scanned in a row by a keyboard scanner, each with its shelf slot; two picked up by code, one by phone digits and name', async () => {
    const page = await site.page(1280);
    await page.goto(`${site.url}/partner/#parcels`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    await page.getByRole('heading', { name: '快递代收' }).waitFor();

    const stamp = String(Date.now()).slice(-6);
    const phoneOf = (i: number) => `1390${stamp}${String(i).padStart(1, '0')}`;
    const waybillOf = (i: number) => `YT${stamp}${String(i).padStart(4, '0')}`;
    const shelves: string[] = [];
    for (let i = 0; i < 10; i++) {
      // The scanner types the barcode fast and presses Enter: the cursor lands in the phone field.
      await page.getByLabel('运单号（扫码枪或摄像头）').focus();
      await page.keyboard.type(waybillOf(i), { delay: 2 });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('recipientPhone');
      await page.keyboard.type(phoneOf(i));
      await page.getByLabel('收件人姓名（面单上的）').fill(`收件人${i}`);
      await page.keyboard.press('Enter');
      const slot = page.getByTestId('shelf-slot');
      await expect.poll(() => slot.textContent()).toContain(waybillOf(i));
      const shelf = (await slot.locator('strong').textContent())!;
      expect(shelf).toMatch(/^[A-H]-[1-5]-\d{3}$/);
      shelves.push(shelf);
      // Ready for the next scan without a tap.
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('waybillNo');
    }
    expect(new Set(shelves).size).toBe(10);

    // Two picked up by their codes.
    for (const i of [0, 1]) {
      const code = await codeSentTo(phoneOf(i));
      await page.getByLabel('手机尾号（后 4 位）').fill(phoneOf(i).slice(-4));
      await page.getByRole('button', { name: '找快递' }).click();
      await page.getByRole('list', { name: '这个尾号的快递' }).getByText(waybillOf(i)).waitFor();
      await page.getByLabel('取件码').fill(code);
      await page.getByRole('button', { name: '凭取件码取件' }).click();
      await page.getByText(/已取走 1 件/).waitFor();
    }
    // One by the phone's last digits and the name on the waybill.
    await page.getByLabel('手机尾号（后 4 位）').fill(phoneOf(2).slice(-4));
    await page.getByRole('button', { name: '找快递' }).click();
    await page.getByRole('list', { name: '这个尾号的快递' }).getByText(waybillOf(2)).waitFor();
    await page.getByLabel('面单上的姓名').fill('收件人2');
    await page.getByRole('button', { name: '凭尾号和姓名取件' }).click();
    await page.getByText(/已取走 1 件/).waitFor();

    const kept = await api<{ items: { waybillNo: string; status: string }[] }>('GET', `/v1/stations/${demo.station}/parcels?status=PICKED_UP&limit=100`);
    const picked = kept.items.filter((p) => p.waybillNo.startsWith(`YT${stamp}`)).map((p) => p.waybillNo);
    expect(picked.sort()).toEqual([waybillOf(0), waybillOf(1), waybillOf(2)].sort());
    const shelf = await api<{ items: { waybillNo: string }[] }>('GET', `/v1/stations/${demo.station}/parcels?status=AT_STATION&limit=100`);
    expect(shelf.items.filter((p) => p.waybillNo.startsWith(`YT${stamp}`))).toHaveLength(7);
  });

  test('the network cut mid-run: the scans wait in the page, go when it is back, and each parcel exists exactly once', async () => {
    const page = await site.page(1280);
    await page.goto(`${site.url}/partner/#parcels`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    await page.getByRole('heading', { name: '快递代收' }).waitFor();
    const stamp = String(Date.now()).slice(-6);
    const waybillOf = (i: number) => `ZT${stamp}${String(i).padStart(4, '0')}`;
    const scanOne = async (i: number) => {
      await page.getByLabel('运单号（扫码枪或摄像头）').fill(waybillOf(i));
      await page.getByLabel('收件人手机号').fill(`1381${stamp}${i}`);
      await page.getByRole('button', { name: '入库', exact: true }).click();
    };
    await scanOne(0);
    await expect.poll(() => page.getByTestId('shelf-slot').textContent()).toContain(waybillOf(0));

    await page.context().setOffline(true);
    for (const i of [1, 2, 3]) {
      await scanOne(i);
      // The field is free for the next parcel at once: the scan waits in the page.
      await expect.poll(() => page.getByLabel('运单号（扫码枪或摄像头）').inputValue()).toBe('');
    }
    const waiting = page.getByTestId('scans-waiting');
    await expect.poll(() => waiting.textContent()).toContain('3 件扫描已记下');
    // A second tap on a waybill already waiting is a scan of its own: the same waybill is the same parcel either way.
    await scanOne(3);
    await expect.poll(() => waiting.textContent()).toContain('4 件扫描已记下');

    await page.context().setOffline(false);
    await waiting.waitFor({ state: 'detached', timeout: 30_000 });
    for (const i of [1, 2, 3]) await expect.poll(() => page.getByRole('list', { name: '刚入库的快递' }).textContent()).toContain(waybillOf(i));

    const shelf = await api<{ items: { waybillNo: string }[] }>('GET', `/v1/stations/${demo.station}/parcels?status=AT_STATION&limit=100`);
    const ours = shelf.items.map((p) => p.waybillNo).filter((w) => w.startsWith(`ZT${stamp}`));
    expect(ours.sort()).toEqual([0, 1, 2, 3].map(waybillOf));
  });

  test("the partner records a villager's wish to have parcels at home; the next parcel for them says so", async () => {
    const page = await site.page(1280);
    await page.goto(`${site.url}/partner/#parcels`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    const section = page.getByRole('region', { name: '快递送到哪里' });
    await section.getByLabel('姓名或手机号').fill('王秀英');
    await section.getByRole('listitem').filter({ hasText: '王秀英' }).getByRole('button', { name: '选这位' }).click();
    await section.getByLabel('送货上门（随配送路线）').check();
    await section.getByLabel('打电话说的').check();
    await section.getByRole('button', { name: '记下村民的选择' }).click();
    await section.getByText('已记下：送货上门（随配送路线）').waitFor();

    const found = await api<{ items: { villagerId: string; phone?: string; deliveryPreference?: { preference: string; via: string } }[] }>(
      'GET',
      `/v1/stations/${demo.station}/villagers?q=${encodeURIComponent('王秀英')}&limit=5`,
    );
    const villager = found.items.find((v) => v.deliveryPreference)!;
    expect(villager.deliveryPreference).toMatchObject({ preference: 'HOME', via: 'PHONE_CALL' });

    await page.getByLabel('运单号（扫码枪或摄像头）').fill(`JT${String(Date.now()).slice(-8)}`);
    await page.getByLabel('收件人手机号').fill(villager.phone!);
    await page.getByRole('button', { name: '入库', exact: true }).click();
    await page.getByTestId('shelf-slot').getByText('送货上门：下次配送带上').waitFor();
    // Back to the shelf, so the other pages' runs find the demo station as they expect it.
    const reset = await fetch(`${site.url}/v1/stations/${demo.station}/villagers/${villager.villagerId}/delivery-preference`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await issueToken({ role: 'partner', stationId: demo.station, sub: 'e2e-checker' })}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ preference: 'STATION' }),
    });
    expect(reset.status).toBe(200);
  });

  test("a photo of a waybill's Code 128 is read by the camera's decoder (the ZXing WebAssembly, from this site under its CSP) and lands as a parcel", async () => {
    const waybill = `YD${String(Date.now()).slice(-10)}`;
    // The barcode, drawn by ZXing's own writer (its WebAssembly read from node_modules, as the site serves the reader's).
    prepareZXingModule({ overrides: { wasmBinary: (await readFile('node_modules/zxing-wasm/dist/writer/zxing_writer.wasm')).buffer as ArrayBuffer } });
    const { image, error } = await writeBarcode(waybill, { format: 'Code128', scale: 4 });
    expect(error).toBe('');
    const png = Buffer.from(await image!.arrayBuffer());

    const page = await site.page(1280);
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused/.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${site.url}/partner/#parcels`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    await page.getByRole('heading', { name: '快递代收' }).waitFor();
    // Chromium on Linux has no BarcodeDetector: this is the ponyfill's path.
    expect(await page.evaluate(() => 'BarcodeDetector' in globalThis)).toBe(false);
    const wasm = page.waitForResponse((r) => r.url().endsWith('/vendor/zxing_reader.wasm'));
    await page.locator('input[type="file"]').setInputFiles({ name: 'waybill.png', mimeType: 'image/png', buffer: png });
    expect((await wasm).status()).toBe(200);
    await expect.poll(() => page.getByLabel('运单号（扫码枪或摄像头）').inputValue(), { timeout: 20_000 }).toBe(waybill);
    await page.getByLabel('收件人手机号').fill(`1370${String(Date.now()).slice(-7)}`);
    await page.getByRole('button', { name: '入库', exact: true }).click();
    await expect.poll(() => page.getByTestId('shelf-slot').textContent()).toContain(waybill);
    expect(refused).toEqual([]);

    const shelf = await api<{ items: { waybillNo: string }[] }>('GET', `/v1/stations/${demo.station}/parcels?status=AT_STATION&limit=100`);
    expect(shelf.items.filter((p) => p.waybillNo === waybill)).toHaveLength(1);
  });

  test('a parcel for a villager who wants it at home rides the run: on the sheet without its code, handed over at the door with the code they read out', async () => {
    const stamp = String(Date.now()).slice(-7);
    const name = `上门${stamp.slice(-4)}`;
    const phone = `1381${stamp}`;
    const station = await api<{ villages: { villageId: string }[] }>('GET', `/v1/stations/${demo.station}`);
    const villager = await api<{ villagerId: string }>('POST', `/v1/stations/${demo.station}/villagers`, {
      name,
      phone,
      villageId: station.villages[3]!.villageId,
      consent: true,
    });
    await api('PUT', `/v1/stations/${demo.station}/villagers/${villager.villagerId}/delivery-preference`, { preference: 'HOME' });
    const waybill = `ZT${String(Date.now()).slice(-10)}`;
    const tail = waybill.slice(-4);
    const parcel = await api<{ parcelId: string }>('POST', `/v1/stations/${demo.station}/parcels`, {
      waybillNo: waybill,
      courier: 'ZTO',
      recipientPhone: phone,
      recipientName: name,
    });
    const code = await codeSentTo(phone);

    const page = await site.page(360);
    await page.goto(`${site.url}/partner/#/villagers`);
    await page.getByRole('button', { name: /大柘镇服务站 店主/ }).click();
    await page.getByRole('navigation').getByRole('link', { name: '配送' }).click();
    await page.getByLabel('日期').fill('2027-01-06');
    await page.getByRole('button', { name: '安排配送' }).click();
    await page.getByRole('button', { name: '出发' }).waitFor();

    // The sheet names the parcel by its waybill's tail and shelf; the code is the villager's to say.
    await page.getByRole('link', { name: '配送单' }).click();
    const row = page.locator(`.sheet [data-parcel="${parcel.parcelId}"]`);
    expect(await row.textContent()).toContain(`运单尾号 ${tail}`);
    expect(await row.textContent()).toContain('收件人当面报取件码');
    expect(await page.locator('.sheet').textContent()).not.toContain(code);
    await page.getByRole('link', { name: '回到配送' }).click();
    await page.getByRole('button', { name: '出发' }).click();

    // At the door: the stop's form asks for the code under the parcel's tail; a wrong one is refused and counted.
    const stop = page.locator('form', { has: page.locator('legend', { hasText: `尾号 ${tail}` }) });
    const parcelCode = stop.locator('fieldset', { has: page.locator('legend', { hasText: `尾号 ${tail}` }) }).getByLabel('取件码');
    await parcelCode.fill(code === '000000' ? '111111' : '000000');
    await stop.getByRole('button', { name: '这一站完成' }).click();
    await expect.poll(async () => (await api<{ wrongCodeAttempts?: number }>('GET', `/v1/parcels/${parcel.parcelId}`)).wrongCodeAttempts).toBe(1);
    await parcelCode.fill(code);
    await stop.getByRole('button', { name: '这一站完成' }).click();
    const ask = page.getByRole('alertdialog', { name: '请确认' });
    if (await ask.isVisible()) await ask.getByRole('button', { name: '确定' }).click();
    await expect.poll(async () => (await api<{ status: string }>('GET', `/v1/parcels/${parcel.parcelId}`)).status).toBe('PICKED_UP');
    expect(await api('GET', `/v1/parcels/${parcel.parcelId}`)).toMatchObject({ releasedBy: 'CODE', handedOverAt: 'DOOR' });
    await page.screenshot({ path: 'docs/screenshots/partner-parcel-door-360.png', fullPage: true });
  });
});
