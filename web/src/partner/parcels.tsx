import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../shared/api.ts';
import { FormMistake } from '../shared/problems.ts';
import { allIntents, ask, forget, onIntentsChange } from '../shared/intent.ts';
import { t } from '../shared/i18n.ts';
import { Notice, Section, TextInput, useAction } from '../shared/ui.tsx';
import type { Page } from '../shared/types.ts';
import { usePartner } from './context.ts';
import { ParcelPreference } from './villagers.tsx';

/** A parcel as the API shows it (functions/parcels/responses.ts). */
export interface ParcelView {
  parcelId: string;
  waybillNo: string;
  courier: string;
  recipientPhoneMasked: string;
  phoneLast4: string;
  recipientName?: string;
  shelf: string;
  status: 'AT_STATION' | 'PICKED_UP' | 'RETURNED';
  messageStatus: string;
  scannedAt: string;
  dueBack: boolean;
  /** HOME: the villager asked for it at home; it goes out on the next delivery run. */
  delivery?: 'STATION' | 'HOME';
  alsoPickedUp?: ParcelView[];
}

/** Each scan is an intent of its own (shared/intent.ts): kept with its Idempotency-Key, sent once the network lets it. */
const scanForm = 'parcel:scan:';

interface Detector {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}

/**
 * The camera's decoder: the browser's own BarcodeDetector where it reads Code
 * 128, the barcode-detector (ZXing) ponyfill elsewhere, loaded by this screen
 * only, on first use.
 */
let detector: Promise<Detector> | undefined;
/** One decoder for the screen's life (the WebAssembly is compiled once). */
export const code128Detector = (): Promise<Detector> => (detector ??= newDetector());

async function newDetector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
  if (native && (await native.getSupportedFormats()).includes('code_128')) return new native({ formats: ['code_128'] });
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  // Its WebAssembly from this site (scripts/build-web.ts copies it), never from the CDN it would fetch by default.
  prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? '/vendor/zxing_reader.wasm' : prefix + path) } });
  return new BarcodeDetector({ formats: ['code_128'] }) as unknown as Detector;
}

/** What the camera and a photo go through: the first Code 128 found, as the waybill number (letters and digits only). */
export async function decodeWaybill(source: ImageBitmapSource): Promise<string | undefined> {
  const [found] = await (await code128Detector()).detect(source);
  return found ? found.rawValue.replace(/[^A-Za-z0-9]/g, '') : undefined;
}

const newKey = () => crypto.randomUUID();

/** 快递代收: scan in (a USB scanner types the waybill and Enter), the shelf slot in big figures; pick-up by code or phone digits. */
export function ParcelsScreen() {
  const { station } = usePartner();
  const base = `/v1/stations/${station.stationId}`;
  const [waybillNo, setWaybill] = useState('');
  const [courier, setCourier] = useState('ZTO');
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [last, setLast] = useState<ParcelView | undefined>();
  const [scanned, setScanned] = useState<ParcelView[]>([]);
  const scanning = useAction();
  const focus = (field: string) => document.querySelector<HTMLInputElement>(`.parcel-scan input[name="${field}"]`)?.focus();
  const [camera, setCamera] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);

  /** Scans that wait for the network, by waybill: they go, each once, when it is back (the pending list shows them too). */
  const [waiting, setWaiting] = useState<string[]>([]);
  /** Scans this screen is still waiting on itself: it shows their answers, the list below does not take them. */
  const asking = useRef(new Set<string>());
  const shown = (parcel: ParcelView) => {
    setLast(parcel);
    setScanned((old) => [parcel, ...old.filter((p) => p.parcelId !== parcel.parcelId)].slice(0, 20));
  };
  useEffect(() => {
    const read = () =>
      void allIntents().then(async (all) => {
        const scans = all.filter((i) => i.formId.startsWith(scanForm));
        setWaiting(scans.filter((i) => i.state === 'pending').map((i) => (i.command.body as { waybillNo: string }).waybillNo));
        // Scans that went while the partner went on scanning: on the list (the big slot stays the latest scan's), then let go.
        const went = scans.filter((x) => x.state === 'done' && !asking.current.has(x.key)).sort((a, b) => a.queuedAt - b.queuedAt);
        for (const i of went) {
          const parcel = i.result as ParcelView;
          setScanned((old) => (old.some((p) => p.parcelId === parcel.parcelId) ? old : [parcel, ...old].slice(0, 20)));
          await forget(i.formId);
        }
      });
    read();
    return onIntentsChange(read);
  }, []);

  const scan = () =>
    void scanning.run(async () => {
      const body = {
        waybillNo: waybillNo.trim(),
        courier: courier.trim().toUpperCase(),
        recipientPhone: phone.trim(),
        ...(name.trim() ? { recipientName: name.trim() } : {}),
      };
      const key = newKey();
      asking.current.add(key);
      const intent = await ask({
        formId: `${scanForm}${key}`,
        key,
        command: { method: 'POST', path: `${base}/parcels`, body, label: t('parcels.scanLabel', { waybill: body.waybillNo }) },
      }).finally(() => asking.current.delete(key));
      if (intent.state === 'refused') {
        await forget(intent.formId);
        throw new ApiError(intent.problem!);
      }
      if (intent.state === 'done') {
        shown(intent.result as ParcelView);
        await forget(intent.formId);
      }
      setWaybill('');
      setPhone('');
      setName('');
      focus('waybillNo');
    });

  /** Enter: the next empty field, or, with everything there, the scan. A scanner's Enter after the waybill lands in the phone. */
  const onEnter = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (!waybillNo.trim()) return focus('waybillNo');
    if (!phone.trim()) return focus('recipientPhone');
    scan();
  };

  const decoded = (value: string) => {
    setWaybill(value.replace(/[^A-Za-z0-9]/g, ''));
    focus('recipientPhone');
  };

  useEffect(() => {
    if (!camera) return;
    let stream: MediaStream | undefined;
    let stop = false;
    void scanning.run(async () => {
      await code128Detector();
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play();
      while (!stop) {
        const waybill = await decodeWaybill(video);
        if (waybill) {
          decoded(waybill);
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      setCamera(false);
    });
    return () => {
      stop = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [camera]);

  const fromImage = (file: File | undefined) =>
    file &&
    void scanning.run(async () => {
      const waybill = await decodeWaybill(await createImageBitmap(file));
      if (waybill) decoded(waybill);
      else throw new FormMistake(t('parcels.noBarcode'), 'waybillNo');
    });

  return (
    <>
      <h1>{t('parcels.title')}</h1>
      <Section title={t('parcels.scanIn')} id="parcel-scan">
        <div class="parcel-scan" onKeyDown={onEnter}>
          <TextInput
            label={t('parcels.waybill')}
            name="waybillNo"
            value={waybillNo}
            onValue={setWaybill}
            error={scanning.fieldError('waybillNo')}
            autoFocus
            autocomplete="off"
          />
          <TextInput label={t('parcels.courier')} name="courier" value={courier} onValue={setCourier} error={scanning.fieldError('courier')} />
          <TextInput
            label={t('parcels.phone')}
            name="recipientPhone"
            value={phone}
            onValue={setPhone}
            error={scanning.fieldError('recipientPhone')}
            inputMode="numeric"
            autocomplete="off"
          />
          <TextInput
            label={t('parcels.name')}
            name="recipientName"
            value={name}
            onValue={setName}
            error={scanning.fieldError('recipientName')}
            autocomplete="off"
          />
        </div>
        <p class="actions">
          <button class="primary" disabled={scanning.busy} onClick={scan}>
            {t('parcels.scan')}
          </button>{' '}
          <button onClick={() => setCamera(!camera)}>{camera ? t('parcels.cameraStop') : t('parcels.camera')}</button>{' '}
          <label class="link">
            {t('parcels.fromImage')}
            <input type="file" accept="image/*" class="visually-hidden" onChange={(e) => fromImage((e.target as HTMLInputElement).files?.[0])} />
          </label>
        </p>
        {camera && <video ref={videoRef} muted playsInline class="camera" />}
        <Notice shown={scanning.problem} />
        {last && (
          <div class="shelf-slot" role="status" data-testid="shelf-slot">
            <span class="label">{t('parcels.shelf')}</span>
            <strong class="big">{last.shelf}</strong>
            <span>
              {last.waybillNo} · {last.recipientPhoneMasked} · {last.messageStatus === 'QUEUED' ? t('parcels.smsQueued') : t('parcels.smsSkipped')}
            </span>
            {last.delivery === 'HOME' && <span class="home-delivery">{t('parcels.toHome')}</span>}
          </div>
        )}
        {waiting.length > 0 && (
          <div class="notice info" role="status" data-testid="scans-waiting">
            <p>{t('parcels.waiting', { n: waiting.length })}</p>
            <ul class="plain">
              {waiting.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        {scanned.length > 0 && (
          <ol class="scanned" aria-label={t('parcels.scannedList')}>
            {scanned.map((p) => (
              <li key={p.parcelId}>
                <strong>{p.shelf}</strong> {p.waybillNo} {p.recipientPhoneMasked}
              </li>
            ))}
          </ol>
        )}
      </Section>
      <PickUpSection base={base} />
      <Section title={t('villagers.parcelsWhere')} id="parcel-preference">
        <ParcelPreference />
      </Section>
    </>
  );
}

/** 取件: the recipient's parcels by the phone's last 4 digits, handed over together by the code, or by the name on the waybill. */
function PickUpSection({ base }: { base: string }) {
  const [last4, setLast4] = useState('');
  const [found, setFound] = useState<ParcelView[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState<ParcelView[]>([]);
  const finding = useAction();
  const handing = useAction();

  const find = () =>
    void finding.run(async () => {
      const page = await api<Page<ParcelView>>('GET', `${base}/parcels?status=AT_STATION&phoneLast4=${encodeURIComponent(last4.trim())}&limit=50`);
      setFound(page.items);
      setChosen(page.items.map((p) => p.parcelId));
      setDone([]);
    });

  const hand = (by: 'code' | 'name') =>
    void handing.run(async () => {
      const [first, ...others] = chosen;
      if (!first) return;
      const proof = by === 'code' ? { pickupCode: code.trim() } : { phoneLast4: last4.trim(), recipientName: name.trim() };
      const answer = await api<ParcelView>('POST', `/v1/parcels/${first}/pickup`, {
        key: newKey(),
        body: { ...proof, ...(others.length ? { alsoParcelIds: others } : {}) },
      });
      const all = [answer, ...(answer.alsoPickedUp ?? [])];
      setDone(all);
      setFound((old) => old.filter((p) => !all.some((d) => d.parcelId === p.parcelId)));
      setChosen([]);
      setCode('');
      setName('');
    });

  return (
    <Section title={t('parcels.pickUp')} id="parcel-pickup">
      <div onKeyDown={(e) => e.key === 'Enter' && find()}>
        <TextInput
          label={t('parcels.last4')}
          name="phoneLast4"
          value={last4}
          onValue={setLast4}
          inputMode="numeric"
          maxLength={4}
          error={finding.fieldError('phoneLast4')}
        />
      </div>
      <p class="actions">
        <button onClick={find} disabled={finding.busy}>
          {t('parcels.find')}
        </button>
      </p>
      <Notice shown={finding.problem} />
      {found.length > 0 && (
        <>
          <ul class="parcels" aria-label={t('parcels.found')}>
            {found.map((p) => (
              <li key={p.parcelId}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(p.parcelId)}
                    onChange={(e) => setChosen((old) => ((e.target as HTMLInputElement).checked ? [...old, p.parcelId] : old.filter((x) => x !== p.parcelId)))}
                  />{' '}
                  <strong>{p.shelf}</strong> {p.waybillNo} {p.recipientName ?? ''} {p.dueBack ? `· ${t('parcels.dueBack')}` : ''}
                </label>
              </li>
            ))}
          </ul>
          <TextInput
            label={t('parcels.code')}
            name="pickupCode"
            value={code}
            onValue={setCode}
            inputMode="numeric"
            maxLength={6}
            autocomplete="off"
            error={handing.fieldError('pickupCode')}
          />
          <p class="actions">
            <button class="primary" disabled={handing.busy || !chosen.length} onClick={() => hand('code')}>
              {t('parcels.byCode')}
            </button>
          </p>
          <TextInput label={t('parcels.nameOnWaybill')} name="recipientName" value={name} onValue={setName} autocomplete="off" hint={t('parcels.byNameHint')} />
          <p class="actions">
            <button disabled={handing.busy || !chosen.length} onClick={() => hand('name')}>
              {t('parcels.byName')}
            </button>
          </p>
        </>
      )}
      <Notice shown={handing.problem} />
      {done.length > 0 && <Notice kind="ok" shown={t('parcels.handedOver', { n: done.length, shelves: done.map((p) => p.shelf).join('、') })} />}
    </Section>
  );
}
