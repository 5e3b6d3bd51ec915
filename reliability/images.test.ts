import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { signUserToken } from '../api/auth/tokens.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { createDatabase, startApi, thousands, type ApiProcess, type Database } from './lib/api-process.ts';

// What an image costs the server is what decoding it costs, not what it weighs. A 16000 × 16000
// progressive JPEG of one colour is 1.5 MB and took close to 750 MiB to thumbnail, kept for good:
// seven uploads took the API from 200 MiB to 4.6 GiB. Twenty ordinary 19 MiB photos uploaded at
// once took it to 840 MiB. Here a real API process takes both, and its memory, read from
// /proc/<pid>/status, must stay bounded: the huge images kept without a preview, the photos
// thumbnailed one at a time.
//
// The engine does not matter (it is images), so this runs on SQLite only.

const MiB = 2 ** 20;
/** How far seven huge images may move the API's resident memory. */
const HUGE_IMAGES_BOUND = 300 * MiB;
/** How far the API's peak may rise above where it started while it takes twenty photos at once. */
const PHOTOS_PEAK_BOUND = 200 * MiB;

/** The API's resident memory now (VmRSS) and at its peak so far (VmHWM), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))![1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}
const inMiB = (bytes: number) => `${thousands(Math.round(bytes / MiB))} MiB`;

/** An admin of the claim's company: each upload is someone else's, so none reaches the limit on one person's unsent attachments. */
const bearer = async (n: number) => `Bearer ${await signUserToken(JWT_SECRET, { ...USERS.admin, sub: `admin-${n}`, email: `admin-${n}@ferreteria.test` })}`;

describe('images uploaded to a real API process', { skip: !existsSync('/proc/self/status') && 'reads memory from /proc (Linux only)' }, () => {
  let db: Database;
  let api: ApiProcess;
  let claimId: string;
  let started: number;

  before(async () => {
    db = await createDatabase('sqlite', 'images');
    api = await startApi(db);
    const created = await fetch(`${api.url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify(claimInput()),
    });
    assert.equal(created.status, 201);
    claimId = ((await created.json()) as { id: string }).id;
    const accepted = await fetch(`${api.url}/api/v1/claims/${claimId}/accept`, { method: 'POST', headers: { authorization: await bearer(0) } });
    assert.equal(accepted.status, 200);
    started = memoryOf(api.child.pid!).rss;
  });
  async function upload(bytes: Uint8Array<ArrayBuffer>, name: string, uploader: number): Promise<{ status: number; body: any }> {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    const res = await fetch(`${api.url}/api/v1/claims/${claimId}/attachments`, {
      method: 'POST',
      headers: { authorization: await bearer(uploader) },
      body: form,
    });
    return { status: res.status, body: await res.json() };
  }

  after(async () => {
    await api?.stop();
    await db?.dispose();
  });

  it('keeps seven 16000 × 16000 progressive JPEGs without a preview, and without keeping their decode', async (t) => {
    const huge = new Uint8Array(
      await sharp({ create: { width: 16_000, height: 16_000, channels: 3, background: { r: 200, g: 40, b: 30 } }, limitInputPixels: false })
        .jpeg({ progressive: true, quality: 50 })
        .toBuffer(),
    );
    const before = memoryOf(api.child.pid!).rss;
    for (let i = 1; i <= 7; i++) {
      const res = await upload(huge, `huge-${i}.jpg`, i);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const now = memoryOf(api.child.pid!).rss;
      assert.ok(
        now - before <= HUGE_IMAGES_BOUND,
        `After upload ${i} of 7 of a ${inMiB(huge.length)} JPEG of 16000 × 16000 pixels the API's memory went from ${inMiB(before)} ` +
          `to ${inMiB(now)}, more than ${inMiB(HUGE_IMAGES_BOUND)} up: its thumbnail decodes the image (or keeps the decode). ` +
          'Thumbnails must refuse images over THUMBNAIL_MAX_PIXELS (api/documents/thumbnail.ts) from their header.',
      );
      assert.equal(res.body.items[0].hasThumbnail, false, 'an image too large to decode is kept, with no preview');
    }
    t.diagnostic(`resident memory ${inMiB(before)} before, ${inMiB(memoryOf(api.child.pid!).rss)} after`);
  });

  it('thumbnails twenty 19 MiB photos uploaded at once without its peak rising 200 MiB', async (t) => {
    // A 15-megapixel photo of noise at full quality: as heavy as the default MAX_UPLOAD_BYTES lets a JPEG be.
    const photo = new Uint8Array(
      await sharp({ create: { width: 4480, height: 3360, channels: 3, background: 'black', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
        .jpeg({ quality: 100 })
        .toBuffer(),
    );
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => upload(photo, `photo-${i + 1}.jpg`, 10 + i)));
    for (const res of answers) {
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.items[0].hasThumbnail, true);
    }
    const { peak } = memoryOf(api.child.pid!);
    t.diagnostic(`resident memory ${inMiB(started)} at start, peak ${inMiB(peak)}`);
    assert.ok(
      peak - started <= PHOTOS_PEAK_BOUND,
      `Twenty uploads at once of a ${inMiB(photo.length)} photo (4480 × 3360) took the API's memory from ${inMiB(started)} ` +
        `to a peak of ${inMiB(peak)}, more than ${inMiB(PHOTOS_PEAK_BOUND)} up: thumbnails must be made one at a time, ` +
        'with sharp’s cache off (api/documents/thumbnail.ts).',
    );
  });
});
