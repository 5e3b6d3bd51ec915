import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import sharp from 'sharp';
import { MAX_CHECKLIST_DOCUMENTS } from '../../domain/checklist.ts';
import { LANGUAGES, type ClaimType, type Goods, type Scope } from '../../domain/constants.ts';
import type { DocumentRuleRow } from '../db/database.ts';
import { createTestApi, type Caller } from '../testing/harness.ts';
import { assertUpright, brokenHeics, heicDeclaring, TURNED_HEIC } from '../testing/photos.ts';
import { readSse } from '../testing/sse.ts';
import { KIND_LABELS_KEPT_MS, kindLabels } from './kind-texts.ts';
import { requirementsFor } from './requirements.ts';

type Api = Awaited<ReturnType<typeof createTestApi>>;

// Fixtures made here, from nothing: an image sharp draws, a PDF small enough to write by hand,
// and the first bytes of executables that lie about what they are.
const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
const ELF = new Uint8Array(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]));
const EXE = new Uint8Array(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]));
const TEXT = new Uint8Array(Buffer.from('Just some text, not a document of any allowed type.\n'));
let PNG: Uint8Array;
let JPEG: Uint8Array;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A PDF of `size` bytes: the header, then noise. */
const bigPdf = (size: number) => new Uint8Array(Buffer.concat([Buffer.from(PDF), randomBytes(size - PDF.byteLength)]));

before(async () => {
  const image = sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 40, b: 30 } } });
  PNG = new Uint8Array(await image.clone().png().toBuffer());
  JPEG = new Uint8Array(await image.clone().jpeg({ quality: 80 }).toBuffer());
});

/** A claim the company accepted: in documentation, collecting documents. Loss of a national parcel needs three. */
async function acceptedClaim(api: Api, overrides: Parameters<Api['createClaim']>[0] = {}) {
  const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national', ...overrides });
  const accepted = await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return claim;
}

async function documents(api: Api, caller: Caller, claimId: string) {
  const res = await api.call(caller, 'GET', `/claims/${claimId}/documents`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function requirement(api: Api, claimId: string, kind: string) {
  const list = await documents(api, 'handler', claimId);
  const found = list.items.find((item: { kind: string }) => item.kind === kind);
  assert.ok(found, `the claim asks for ${kind}`);
  return found;
}

async function eventTypes(api: Api, claimId: string): Promise<string[]> {
  const res = await api.call('handler', 'GET', `/claims/${claimId}/events`);
  return res.body.items.map((event: { type: string; data: { to?: string } }) => (event.data.to && event.type === 'claim.transitioned' ? `${event.type}→${event.data.to}` : event.type));
}

async function claimStatus(api: Api, claimId: string): Promise<string> {
  return (await api.call('handler', 'GET', `/claims/${claimId}`)).body.status;
}

describe('document requirements from the rules', () => {
  let api: Api;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  const CASES: Array<[ClaimType, Goods, Scope, Array<[string, boolean]>]> = [
    [
      'breakage',
      'pallet',
      'international',
      [
        ['commercial_invoice', true],
        ['damage_photos', true],
        ['packaging_photos', true],
        ['delivery_note_reservations', true],
        ['cmr_consignment_note', true],
        ['customs_documents', false],
        ['bank_account_certificate', true],
      ],
    ],
    ['breakage', 'parcel', 'national', [['commercial_invoice', true], ['damage_photos', true], ['packaging_photos', true], ['delivery_note_reservations', true], ['bank_account_certificate', true]]],
    ['robbery', 'parcel', 'national', [['commercial_invoice', true], ['police_report', true], ['bank_account_certificate', true]]],
    ['theft', 'pallet', 'national', [['commercial_invoice', true], ['police_report', true], ['bank_account_certificate', true]]],
    [
      'loss',
      'parcel',
      'international',
      [['commercial_invoice', true], ['non_delivery_statement', true], ['air_waybill', false], ['customs_documents', false], ['bank_account_certificate', true]],
    ],
    ['loss', 'pallet', 'international', [['commercial_invoice', true], ['non_delivery_statement', true], ['cmr_consignment_note', true], ['customs_documents', false], ['bank_account_certificate', true]]],
  ];

  it('requirementsFor picks the seeded rules of each type × goods × scope, in order', async () => {
    const rules = await api.db.selectFrom('document_rules').selectAll().execute();
    for (const [type, goods, scope, expected] of CASES) {
      const specs = requirementsFor(rules, { type, goods, scope });
      assert.deepEqual(specs.map((s) => [s.kind, s.required]), expected, `${type} ${goods} ${scope}`);
    }
  });

  it('merges rules naming one kind: required if any requires it, at the earliest position', () => {
    const rule = (over: Partial<DocumentRuleRow>): DocumentRuleRow => ({ id: 1, claim_type: null, goods: null, scope: null, kind: 'x', required: 0, position: 50, ...over });
    const specs = requirementsFor(
      [rule({ kind: 'b', position: 30 }), rule({ kind: 'b', required: 1, position: 80, claim_type: 'loss' }), rule({ kind: 'a', position: 40, goods: 'pallet' }), rule({ kind: 'c', claim_type: 'theft' })],
      { type: 'loss', goods: 'pallet', scope: 'national' },
    );
    assert.deepEqual(specs, [
      { kind: 'b', required: true, position: 30 },
      { kind: 'a', required: false, position: 40 },
    ]);
  });

  it('gives each claim opened with POST /claims the checklist of its rules, all missing', async () => {
    for (const [type, goods, scope, expected] of CASES) {
      const claim = await api.createClaim({ type, goods, scope });
      const list = await documents(api, 'handler', claim.id);
      assert.deepEqual(list.items.map((item: { kind: string; required: boolean }) => [item.kind, item.required]), expected, `${type} ${goods} ${scope}`);
      assert.ok(list.items.every((item: { status: string; files: unknown[] }) => item.status === 'missing' && item.files.length === 0));
      assert.deepEqual(list.progress, { required: expected.filter(([, required]) => required).length, accepted: 0, awaitingReview: 0 });
    }
  });

  it('says which documents are photos, from the catalogue: those of the damage and the packaging, and a kind the operator marks', async () => {
    const claim = await api.createClaim({ type: 'breakage', goods: 'parcel', scope: 'national' });
    const photos = async () =>
      (await documents(api, 'handler', claim.id)).items.filter((item: { photos: boolean }) => item.photos).map((item: { kind: string }) => item.kind);
    assert.deepEqual(await photos(), ['damage_photos', 'packaging_photos']);

    // The flag is data: marking a kind in the catalogue marks the documents of that kind, asked for by hand too.
    await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
    const requested = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'other', note: 'Fotos del interior de las cajas.', required: true });
    assert.equal(requested.status, 201, JSON.stringify(requested.body));
    assert.equal(requested.body.photos, false);
    await api.db.updateTable('document_kinds').set({ photos: 1 }).where('code', '=', 'other').execute();
    try {
      assert.deepEqual(await photos(), ['damage_photos', 'packaging_photos', 'other']);
    } finally {
      await api.db.updateTable('document_kinds').set({ photos: 0 }).where('code', '=', 'other').execute();
    }
  });
});

describe('documents', () => {
  let api: Api;
  beforeEach(async () => {
    api = await createTestApi();
    await api.grantAccess('member');
  });
  afterEach(() => api.close());

  describe('GET /claims/:id/documents', () => {
    it('says what each caller may do: nothing to upload before the claim is accepted, the catalogue for handlers only', async () => {
      const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'international' });
      const before = await documents(api, 'admin', claim.id);
      assert.ok(before.items.every((item: { actions: string[] }) => item.actions.length === 0), 'nothing to upload while notified');
      assert.equal(before.canRequest, false);
      assert.deepEqual(before.kinds, []);
      assert.equal(before.upload.maxBytes, 20 * 1024 * 1024);
      assert.ok(before.upload.types.includes('application/pdf'));
      await api.call('admin', 'POST', `/claims/${claim.id}/accept`);

      const customer = await documents(api, 'member', claim.id);
      assert.ok(customer.items.every((item: { actions: string[] }) => item.actions.join() === 'upload'));
      const handler = await documents(api, 'handler', claim.id);
      assert.equal(handler.canRequest, true);
      assert.ok(handler.kinds.some((kind: { code: string }) => kind.code === 'other'));
      const optional = handler.items.find((item: { kind: string }) => item.kind === 'air_waybill');
      assert.deepEqual(optional.actions, ['upload', 'waive']);
      const required = handler.items.find((item: { kind: string }) => item.kind === 'commercial_invoice');
      assert.deepEqual(required.actions, ['upload']);
      const host = await documents(api, 'apiKey', claim.id);
      assert.ok(host.items.every((item: { actions: string[] }) => item.actions.join() === 'upload'), 'the operator’s key uploads what it holds');
    });

    it('names each document and says what it takes in every language, and a kind the operator added in those it is written in', async () => {
      const claim = await acceptedClaim(api, { type: 'robbery' });
      const handler = await documents(api, 'handler', claim.id);
      const languages = [...LANGUAGES].sort();
      for (const item of [...handler.items, ...handler.kinds]) {
        assert.deepEqual(Object.keys(item.label).sort(), languages, `${item.kind ?? item.code}: its name`);
        assert.deepEqual(Object.keys(item.help).sort(), languages, `${item.kind ?? item.code}: its help`);
      }
      const police = handler.items.find((item: { kind: string }) => item.kind === 'police_report');
      assert.deepEqual(police.label, {
        es: 'Denuncia policial',
        en: 'Police report',
        pt: 'Auto de denúncia',
        fr: 'Dépôt de plainte',
        de: 'Polizeiliche Anzeige',
        it: 'Denuncia alle forze dell’ordine',
        ca: 'Denúncia policial',
      });
      assert.match(police.help.fr, /^Le récépissé de la plainte déposée auprès de la police/);
      assert.match(police.help.de, /^Die bei der Polizei erstattete Anzeige/);

      // A kind an operator adds in Spanish and English, as before: the other languages are left out, and clients fall back.
      await api.db
        .insertInto('document_kinds')
        .values({ code: 'seal_photos', label_es: 'Fotos del precinto', label_en: 'Photos of the seal', help_es: 'El precinto, de cerca.', help_en: 'The seal, up close.', position: 200, photos: 1 })
        .execute();
      const sealed = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'seal_photos', note: 'Del precinto de la puerta trasera.', required: false });
      assert.equal(sealed.status, 201, JSON.stringify(sealed.body));
      assert.deepEqual(sealed.body.label, { es: 'Fotos del precinto', en: 'Photos of the seal' });
      assert.deepEqual(sealed.body.help, { es: 'El precinto, de cerca.', en: 'The seal, up close.' });

      // The history names the document as the checklist does, in every language it is written in.
      const other = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'other', note: 'El parte del vigilante.', required: false });
      assert.equal(other.status, 201, JSON.stringify(other.body));
      const requested = (await api.call('admin', 'GET', `/claims/${claim.id}/events`)).body.items.filter((event: { type: string }) => event.type === 'document.requested');
      assert.deepEqual(
        requested.map((event: { data: { document: { label: Record<string, string> } } }) => event.data.document.label),
        [sealed.body.label, other.body.label],
      );
      assert.equal(other.body.label.it, 'Altro documento');
    });

    it('names kinds in checklists by labels kept a minute: a kind added since at once, an operator’s correction in the database within the minute', async () => {
      const claim = await acceptedClaim(api);
      await api.call('admin', 'GET', `/claims/${claim.id}`);
      await api.db
        .insertInto('document_kinds')
        .values({ code: 'tarp_photos', label_es: 'Fotos de la lona', label_en: 'Photos of the tarp', help_es: 'La lona, entera.', help_en: 'The whole tarp.', position: 201, photos: 1 })
        .execute();
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'tarp_photos', note: 'La lona que cubría los palés.', required: true })).status, 201);
      const asked = (await api.call('admin', 'GET', `/claims/${claim.id}`)).body.documents.notAccepted.find((document: { kind: string }) => document.kind === 'tarp_photos');
      assert.deepEqual(asked?.label, { es: 'Fotos de la lona', en: 'Photos of the tarp' });

      const start = Date.now();
      const read = async (at: number) => (await kindLabels(api.db, ['other'], at)).get('other')?.en;
      const before = await read(start);
      await api.db.updateTable('document_kinds').set({ label_en: 'Anything else' }).where('code', '=', 'other').execute();
      try {
        assert.equal(await read(start + 1), before, 'kept');
        assert.equal(await read(start + KIND_LABELS_KEPT_MS + 1), 'Anything else', 'read again once kept long enough');
      } finally {
        await api.db.updateTable('document_kinds').set({ label_en: before! }).where('code', '=', 'other').execute();
        await kindLabels(api.db, ['other'], start + 2 * KIND_LABELS_KEPT_MS + 2);
      }
    });

    it('is 404 across companies and 403 for a member without access', async () => {
      const claim = await acceptedClaim(api);
      assert.equal((await api.call('otherAdmin', 'GET', `/claims/${claim.id}/documents`)).status, 404);
      assert.equal((await api.call('memberWithoutAccess', 'GET', `/claims/${claim.id}/documents`)).status, 403);
      assert.equal((await api.call('handler', 'GET', '/claims/clm_nope/documents')).status, 404);
    });
  });

  describe('uploads', () => {
    it('stores a PNG with its hash, size, type and a thumbnail, and serves it back with download headers', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const res = await api.upload('member', claim.id, invoice.id, [{ name: 'factura escaneada.png', bytes: PNG, type: 'application/pdf' }]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.status, 'uploaded');
      const [file] = res.body.files;
      assert.equal(file.name, 'factura escaneada.png');
      assert.equal(file.type, 'image/png', 'the type comes from the bytes, not the part’s Content-Type');
      assert.equal(file.size, PNG.byteLength);
      assert.equal(file.sha256, sha256(PNG));
      assert.equal(file.hasThumbnail, true);
      assert.equal(file.removable, true);
      assert.deepEqual(file.uploadedBy.name, 'Jordi Puig');

      const download = await api.app.request(`/api/v1/files/${file.id}`, { headers: await api.headersFor('admin') });
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'image/png');
      assert.equal(download.headers.get('content-length'), String(PNG.byteLength));
      assert.equal(download.headers.get('content-disposition'), `attachment; filename="factura escaneada.png"; filename*=UTF-8''factura%20escaneada.png`);
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(download.headers.get('etag'), `"${sha256(PNG)}"`);
      assert.match(download.headers.get('cache-control') ?? '', /no-store/);
      assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
      const head = await api.app.request(`/api/v1/files/${file.id}`, { method: 'HEAD', headers: await api.headersFor('admin') });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(PNG.byteLength));

      const thumbnail = await api.app.request(`/api/v1/files/${file.id}/thumbnail`, { headers: await api.headersFor('handler') });
      assert.equal(thumbnail.status, 200);
      assert.equal(thumbnail.headers.get('content-type'), 'image/webp');
      const meta = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
      assert.equal(meta.format, 'webp');
      assert.deepEqual([meta.width, meta.height], [320, 240]);
    });

    it('names a download with non-ASCII characters in both filename and filename*', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const res = await api.upload('admin', claim.id, invoice.id, [{ name: 'Factura nº 7 "daños".pdf', bytes: PDF }]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const file = res.body.files[0];
      assert.equal(file.name, 'Factura nº 7 daños.pdf', 'quotes go: the name must survive a header');
      const download = await api.app.request(`/api/v1/files/${file.id}`, { headers: await api.headersFor('admin') });
      assert.equal(download.headers.get('content-disposition'), `attachment; filename="Factura no 7 danos.pdf"; filename*=UTF-8''Factura%20n%C2%BA%207%20da%C3%B1os.pdf`);
      const thumbnail = await api.call('admin', 'GET', `/files/${file.id}/thumbnail`);
      assert.equal(thumbnail.status, 404, 'a PDF has no preview');
    });

    it('streams a multi-MiB file sent chunked without Content-Length into storage, hash and size right', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const bytes = bigPdf(6 * 1024 * 1024 + 123);
      const res = await api.upload('admin', claim.id, invoice.id, [{ name: 'big.pdf', bytes }], { chunked: true });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const file = res.body.files[0];
      assert.equal(file.size, bytes.byteLength);
      assert.equal(file.sha256, sha256(bytes));
      assert.equal(file.type, 'application/pdf');
      const download = await api.app.request(`/api/v1/files/${file.id}`, { headers: await api.headersFor('handler') });
      assert.equal(sha256(new Uint8Array(await download.arrayBuffer())), sha256(bytes));
      assert.deepEqual(api.storedFiles().length, 1, 'one object, no temporary file left');
    });

    it('decides the type from the bytes: executables named .pdf and unknown bytes are 415, a JPEG and a PDF are taken', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      for (const [bytes, detected] of [
        [ELF, 'application/x-elf'],
        [EXE, 'application/x-msdownload'],
        [TEXT, null],
      ] as const) {
        const res = await api.upload('admin', claim.id, invoice.id, [{ name: 'factura.pdf', bytes, type: 'application/pdf' }]);
        assert.equal(res.status, 415, JSON.stringify(res.body));
        assert.equal(res.body.detectedType, detected);
        assert.ok(res.body.allowedTypes.includes('application/pdf'));
        assert.match(res.body.detail, /factura\.pdf/);
        assert.match(res.body.detail, /judged from its content/);
        assert.deepEqual(api.storedFiles(), [], 'a refused upload leaves nothing behind');
      }
      const jpeg = await api.upload('admin', claim.id, invoice.id, [{ name: 'foto', bytes: JPEG }]);
      assert.equal(jpeg.status, 201, JSON.stringify(jpeg.body));
      assert.equal(jpeg.body.files[0].type, 'image/jpeg');
      assert.equal(jpeg.body.files[0].name, 'foto.jpg', 'a name without extension gets the type’s');
      const pdf = await api.upload('admin', claim.id, invoice.id, [{ name: 'factura.pdf.exe', bytes: PDF }]);
      assert.equal(pdf.status, 201);
      assert.equal(pdf.body.files.at(-1).name, 'factura.pdf');
    });

    it('keeps traversal attempts and control characters out of names; storage keys are generated', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const names: Array<[string, string]> = [
        ['../../etc/passwd', 'passwd.pdf'],
        ['..\\..\\windows\\boot.ini', 'boot.pdf'],
        ['..', 'commercial_invoice.pdf'],
        ['.htaccess', 'htaccess.pdf'],
        ['\u202Egpj.exe', 'gpj.pdf'],
        ['x'.repeat(300), `${'x'.repeat(116)}.pdf`],
      ];
      for (const [name, kept] of names) {
        const res = await api.upload('admin', claim.id, invoice.id, [{ name, bytes: PDF }]);
        assert.equal(res.status, 201, `${name}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.files.at(-1).name, kept, name);
      }
      const stored = api.storedFiles();
      assert.equal(stored.length, names.length);
      for (const file of stored) assert.match(file, /^[A-Za-z0-9_-]{2}\/f[A-Za-z0-9_-]{24}$/, 'keys are ids, never names');
    });

    it('refuses an empty file, a form without a file, other fields and a body that is not multipart, leaving nothing behind', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const empty = await api.upload('admin', claim.id, invoice.id, [{ name: 'vacío.pdf', bytes: new Uint8Array() }]);
      assert.equal(empty.status, 400);
      assert.match(empty.body.detail, /empty/);
      assert.deepEqual(empty.body.errors.map((e: { field: string }) => e.field), ['file']);
      const wrongField = await api.upload('admin', claim.id, invoice.id, [{ name: 'a.pdf', bytes: PDF }], { field: 'document' });
      assert.equal(wrongField.status, 400);
      assert.match(wrongField.body.detail, /"document"/);

      const form = new FormData();
      form.append('note', 'hola');
      const encoded = new Response(form);
      const noFile = await api.app.request(`/api/v1/claims/${claim.id}/documents/${invoice.id}/files`, {
        method: 'POST',
        headers: { ...(await api.headersFor('admin')), 'Content-Type': encoded.headers.get('content-type')! },
        body: await encoded.arrayBuffer(),
      });
      assert.equal(noFile.status, 400);
      const nothing = new Response(new FormData());
      const noParts = await api.app.request(`/api/v1/claims/${claim.id}/documents/${invoice.id}/files`, {
        method: 'POST',
        headers: { ...(await api.headersFor('admin')), 'Content-Type': nothing.headers.get('content-type')! },
        body: await nothing.arrayBuffer(),
      });
      assert.equal(noParts.status, 400);
      assert.match(((await noParts.json()) as { detail: string }).detail, /no file/);

      const json = await api.call('admin', 'POST', `/claims/${claim.id}/documents/${invoice.id}/files`, { file: 'x' });
      assert.equal(json.status, 415);
      const noBoundary = await api.call('admin', 'POST', `/claims/${claim.id}/documents/${invoice.id}/files`, 'x', { 'Content-Type': 'multipart/form-data' });
      assert.equal(noBoundary.status, 400);
      const truncated = await api.call('admin', 'POST', `/claims/${claim.id}/documents/${invoice.id}/files`, '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 and then nothing', {
        'Content-Type': 'multipart/form-data; boundary=b',
      });
      assert.equal(truncated.status, 400, JSON.stringify(truncated.body));
      assert.match(truncated.body.detail, /malformed/);
      const badHeader = await api.call('admin', 'POST', `/claims/${claim.id}/documents/${invoice.id}/files`, '--b\r\nContent-Disposition\u0001: nope\r\n\r\nx\r\n--b--\r\n', {
        'Content-Type': 'multipart/form-data; boundary=b',
      });
      assert.equal(badHeader.status, 400, JSON.stringify(badHeader.body));
      assert.match(badHeader.body.detail, /malformed part header/);
      assert.deepEqual(api.storedFiles(), []);
      assert.equal((await requirement(api, claim.id, 'commercial_invoice')).status, 'missing');
    });

    it('takes several files in one request and across requests, one event each; all or nothing when one is refused', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const two = await api.upload('admin', claim.id, invoice.id, [
        { name: 'p1.pdf', bytes: PDF },
        { name: 'p2.png', bytes: PNG },
      ]);
      assert.equal(two.status, 201, JSON.stringify(two.body));
      assert.deepEqual(two.body.files.map((f: { name: string }) => f.name), ['p1.pdf', 'p2.png']);
      const third = await api.upload('member', claim.id, invoice.id, [{ name: 'p3.jpg', bytes: JPEG }]);
      assert.equal(third.body.files.length, 3);
      const storedBefore = api.storedFiles().sort();

      const mixed = await api.upload('admin', claim.id, invoice.id, [
        { name: 'good.pdf', bytes: PDF },
        { name: 'bad.pdf', bytes: EXE },
      ]);
      assert.equal(mixed.status, 415);
      assert.deepEqual(api.storedFiles().sort(), storedBefore, 'the good file of a refused request is not kept either');
      assert.equal((await requirement(api, claim.id, 'commercial_invoice')).files.length, 3);

      const events = await api.call('admin', 'GET', `/claims/${claim.id}/events`);
      const uploads = events.body.items.filter((e: { type: string }) => e.type === 'document.uploaded');
      assert.deepEqual(uploads.map((e: { data: { file: { name: string } } }) => e.data.file.name), ['p1.pdf', 'p2.png', 'p3.jpg']);
      assert.deepEqual(uploads[0].data.document, { requirementId: invoice.id, kind: 'commercial_invoice', label: invoice.label });
      assert.deepEqual(uploads[2].actor, { kind: 'user', id: third.body.files[2].uploadedBy.id, name: 'Jordi Puig' });
    });

    it('pushes each document event and the move it causes to the live stream of the company and of staff, not to other companies', async () => {
      const claim = await acceptedClaim(api);
      const mine = readSse(await api.app.request('/api/v1/events', { headers: await api.headersFor('member') }));
      const staff = readSse(await api.app.request('/api/v1/events', { headers: await api.headersFor('handler') }));
      const theirs = readSse(await api.app.request('/api/v1/events', { headers: await api.headersFor('otherAdmin') }));
      try {
        await Promise.all([mine, staff, theirs].map((stream) => stream.until(() => stream.messages.length > 0)));
        for (const item of (await documents(api, 'handler', claim.id)).items) await api.upload('admin', claim.id, item.id, [{ name: 'a.pdf', bytes: PDF }]);
        const expected = ['document.uploaded', 'document.uploaded', 'document.uploaded', 'claim.transitioned'];
        for (const stream of [mine, staff]) {
          await stream.until(() => stream.events().length === expected.length);
          assert.deepEqual(stream.events().map((m) => m.event), expected);
          const upload = JSON.parse(stream.events()[0]!.data);
          assert.equal(upload.claimId, claim.id);
          assert.equal(upload.actor.name, 'Ana Martínez');
          assert.equal(upload.data.file.name, 'a.pdf');
          assert.equal(JSON.parse(stream.events()[3]!.data).actor.kind, 'system');
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.deepEqual(theirs.events(), []);
      } finally {
        await Promise.all([mine, staff, theirs].map((stream) => stream.close()));
      }
    });

    it('keeps an upload whose image cannot be previewed, without a thumbnail', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const broken = new Uint8Array(Buffer.concat([Buffer.from(PNG.subarray(0, 64)), randomBytes(2048)]));
      const res = await api.upload('admin', claim.id, invoice.id, [{ name: 'roto.png', bytes: broken }]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.files[0].type, 'image/png');
      assert.equal(res.body.files[0].hasThumbnail, false);
      assert.equal((await api.call('admin', 'GET', `/files/${res.body.files[0].id}/thumbnail`)).status, 404);
      assert.equal(api.storedFiles().length, 1);
    });

    it('makes the thumbnail of an iPhone’s HEIC: an upright WebP of at most 320 px, the HEIC kept as it came', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const res = await api.upload('member', claim.id, invoice.id, [{ name: 'IMG_0001.HEIC', bytes: new Uint8Array(TURNED_HEIC) }]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const [file] = res.body.files;
      assert.deepEqual([file.type, file.sha256, file.hasThumbnail], ['image/heic', sha256(TURNED_HEIC), true]);
      const thumbnail = await api.app.request(`/api/v1/files/${file.id}/thumbnail`, { headers: await api.headersFor('handler') });
      assert.equal(thumbnail.status, 200);
      assert.equal(thumbnail.headers.get('content-type'), 'image/webp');
      await assertUpright(new Uint8Array(await thumbnail.arrayBuffer()));
    });

    it('keeps a HEIC that cannot be decoded, or declares more than THUMBNAIL_MAX_PIXELS, without a thumbnail', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const heics = { ...brokenHeics(), 'of 8193 × 6144 pixels by its header': Buffer.concat([heicDeclaring(8193, 6144), Buffer.alloc(2 ** 20)]) };
      for (const [what, heic] of Object.entries(heics)) {
        const res = await api.upload('admin', claim.id, invoice.id, [{ name: 'IMG_0002.HEIC', bytes: new Uint8Array(heic) }]);
        assert.equal(res.status, 201, `${what}: ${JSON.stringify(res.body)}`);
        assert.deepEqual([res.body.files[0].type, res.body.files[0].hasThumbnail], ['image/heic', false], what);
        assert.equal((await api.call('admin', 'GET', `/files/${res.body.files[0].id}/thumbnail`)).status, 404, what);
      }
      assert.equal(api.storedFiles().length, Object.keys(heics).length, 'the files, and no thumbnail');
    });

    it('refuses uploads the claim or the document does not take: 409 with the statuses, nothing kept', async () => {
      const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national' });
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const early = await api.upload('admin', claim.id, invoice.id, [{ name: 'a.pdf', bytes: PDF }]);
      assert.equal(early.status, 409);
      assert.match(early.body.detail, /accept it/);
      assert.equal(early.body.claimStatus, 'notified');
      await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
      await api.upload('admin', claim.id, invoice.id, [{ name: 'a.pdf', bytes: PDF }]);
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice.id}/review`, { decision: 'accepted' })).status, 200);
      const accepted = await api.upload('admin', claim.id, invoice.id, [{ name: 'b.pdf', bytes: PDF }]);
      assert.equal(accepted.status, 409);
      assert.equal(accepted.body.documentStatus, 'accepted');
      assert.equal(api.storedFiles().length, 1);
      assert.equal((await api.upload('admin', claim.id, 'req_nope', [{ name: 'b.pdf', bytes: PDF }])).status, 404);
    });

    it('is 404 across companies (upload, download, thumbnail, delete) and 403 for a member without access', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const uploaded = await api.upload('admin', claim.id, invoice.id, [{ name: 'a.png', bytes: PNG }]);
      const fileId = uploaded.body.files[0].id;
      assert.equal((await api.upload('otherAdmin', claim.id, invoice.id, [{ name: 'x.pdf', bytes: PDF }])).status, 404);
      assert.equal((await api.call('otherAdmin', 'GET', `/files/${fileId}`)).status, 404);
      assert.equal((await api.call('otherAdmin', 'GET', `/files/${fileId}/thumbnail`)).status, 404);
      assert.equal((await api.call('otherAdmin', 'DELETE', `/files/${fileId}`)).status, 404);
      assert.equal((await api.upload('memberWithoutAccess', claim.id, invoice.id, [{ name: 'x.pdf', bytes: PDF }])).status, 403);
      assert.equal((await api.call('memberWithoutAccess', 'GET', `/files/${fileId}`)).status, 403);
      assert.equal((await api.call('apiKey', 'GET', `/files/${fileId}`)).status, 200, 'the host backend reads every file');
      assert.equal(api.storedFiles().length, 2, 'the file and its thumbnail, nothing else');
    });
  });

  describe('the upload limit', () => {
    const MAX = 64 * 1024;
    let small: Api;
    beforeEach(async () => {
      small = await createTestApi({ settings: { maxUploadBytes: MAX } });
    });
    afterEach(() => small.close());

    for (const chunked of [false, true]) {
      it(`refuses a file over MAX_UPLOAD_BYTES while it streams in (${chunked ? 'chunked' : 'with Content-Length'}): 413, nothing on disk`, async () => {
        const claim = await acceptedClaim(small);
        const invoice = await requirement(small, claim.id, 'commercial_invoice');
        const res = await small.upload('admin', claim.id, invoice.id, [{ name: 'big.pdf', bytes: bigPdf(MAX + 10_000) }], { chunked });
        assert.equal(res.status, 413, JSON.stringify(res.body));
        assert.equal(res.body.maxBytes, MAX);
        assert.match(res.body.detail, /big\.pdf/);
        assert.deepEqual(small.storedFiles(), []);
        const several = await small.upload('admin', claim.id, invoice.id, [{ name: 'ok.pdf', bytes: PDF }, { name: 'big.pdf', bytes: bigPdf(MAX + 1) }], { chunked });
        assert.equal(several.status, 413);
        assert.deepEqual(small.storedFiles(), [], 'the file before it is discarded too');
        const exact = await small.upload('admin', claim.id, invoice.id, [{ name: 'exact.pdf', bytes: bigPdf(MAX) }], { chunked });
        assert.equal(exact.status, 201, 'a file of exactly MAX_UPLOAD_BYTES is fine');
        assert.equal((await documents(small, 'admin', claim.id)).upload.maxBytes, MAX);
      });
    }

    it('holds each file to MAX_UPLOAD_BYTES and the request to MAX_UPLOAD_REQUEST_BYTES', async () => {
      const claim = await acceptedClaim(small);
      const photos = await requirement(small, claim.id, 'commercial_invoice');
      // Ten files just under the per-file limit: far over it together, within the request's total.
      const ten = Array.from({ length: 10 }, (_, i) => ({ name: `page-${i}.pdf`, bytes: bigPdf(MAX - 100) }));
      const res = await small.upload('admin', claim.id, photos.id, ten);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.files.length, 10);

      const tight = await createTestApi({ settings: { maxUploadBytes: MAX, maxUploadRequestBytes: 3 * MAX } });
      try {
        const tightClaim = await acceptedClaim(tight);
        const invoice = await requirement(tight, tightClaim.id, 'commercial_invoice');
        for (const chunked of [false, true]) {
          const over = await tight.upload('admin', tightClaim.id, invoice.id, ten.slice(0, 4), { chunked });
          assert.equal(over.status, 413, JSON.stringify(over.body));
          assert.match(over.body.detail, /MAX_UPLOAD_REQUEST_BYTES.*several requests/);
          assert.deepEqual(tight.storedFiles(), []);
        }
      } finally {
        await tight.close();
      }
    });

    it('refuses a body far over the limit from its Content-Length alone', async () => {
      const claim = await acceptedClaim(small);
      const invoice = await requirement(small, claim.id, 'commercial_invoice');
      const res = await small.upload('admin', claim.id, invoice.id, [{ name: 'huge.pdf', bytes: bigPdf(MAX + 100_000) }]);
      assert.equal(res.status, 413);
      assert.deepEqual(small.storedFiles(), []);
    });
  });

  describe('review, waivers, requests and removal', () => {
    it('moves the claim to review when the last required document is in, and back to documentation on a rejection', async () => {
      const claim = await acceptedClaim(api, { type: 'loss', goods: 'parcel', scope: 'international' });
      const list = await documents(api, 'handler', claim.id);
      const required = list.items.filter((item: { required: boolean }) => item.required);
      assert.equal(required.length, 3);
      for (const [i, item] of required.entries()) {
        const res = await api.upload('admin', claim.id, item.id, [{ name: `${item.kind}.pdf`, bytes: PDF }]);
        assert.equal(res.status, 201);
        assert.equal(await claimStatus(api, claim.id), i < required.length - 1 ? 'documentation' : 'review', `after ${item.kind}`);
      }
      const inReview = await documents(api, 'handler', claim.id);
      assert.deepEqual(inReview.progress, { required: 3, accepted: 0, awaitingReview: 3 }, 'uploads wait for review: none is accepted yet');
      assert.ok(inReview.items.filter((item: { required: boolean }) => item.required).every((item: { actions: string[] }) => item.actions.includes('review')));

      const customerReview = await api.call('admin', 'POST', `/claims/${claim.id}/documents/${required[0].id}/review`, { decision: 'accepted' });
      assert.equal(customerReview.status, 403);
      const noReason = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${required[0].id}/review`, { decision: 'rejected' });
      assert.equal(noReason.status, 400);
      assert.deepEqual(noReason.body.errors.map((e: { field: string }) => e.field), ['reason']);

      const accept = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${required[0].id}/review`, { decision: 'accepted' });
      assert.equal(accept.status, 200);
      assert.equal(accept.body.status, 'accepted');
      assert.equal(accept.body.review.by.name, 'Carmen Ruiz');
      assert.deepEqual(accept.body.files[0].removable, false);
      const again = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${required[0].id}/review`, { decision: 'rejected', reason: 'No.' });
      assert.equal(again.status, 409, 'only uploaded documents are reviewed');
      assert.equal(again.body.documentStatus, 'accepted');

      const reject = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${required[1].id}/review`, { decision: 'rejected', reason: 'Ilegible: envíe una copia escaneada.' });
      assert.equal(reject.status, 200);
      assert.equal(reject.body.status, 'rejected');
      assert.equal(reject.body.reason, 'Ilegible: envíe una copia escaneada.');
      assert.equal(await claimStatus(api, claim.id), 'documentation');

      const reupload = await api.upload('member', claim.id, required[1].id, [{ name: 'legible.pdf', bytes: PDF }]);
      assert.equal(reupload.status, 201);
      assert.equal(reupload.body.status, 'uploaded');
      assert.equal(reupload.body.reason, null);
      assert.equal(reupload.body.files.length, 2);
      assert.equal(await claimStatus(api, claim.id), 'review');

      const events = await api.call('admin', 'GET', `/claims/${claim.id}/events`);
      const types = await eventTypes(api, claim.id);
      assert.deepEqual(types, [
        'claim.created',
        'claim.accepted',
        'document.uploaded',
        'document.uploaded',
        'document.uploaded',
        'claim.transitioned→review',
        'document.reviewed',
        'document.reviewed',
        'claim.transitioned→documentation',
        'document.uploaded',
        'claim.transitioned→review',
      ]);
      const moves = events.body.items.filter((e: { type: string }) => e.type === 'claim.transitioned');
      assert.ok(moves.every((e: { actor: { kind: string; name: string } }) => e.actor.kind === 'system' && e.actor.name === 'Claimdesk'));
      const rejection = events.body.items.find((e: { type: string; data: { decision?: string } }) => e.data.decision === 'rejected');
      assert.equal(rejection.data.reason, 'Ilegible: envíe una copia escaneada.', 'the rejection stays in the log');
      assert.equal(rejection.actor.name, 'Carmen Ruiz');
    });

    it('moves the claim once when concurrent uploads complete the checklist together', async () => {
      for (let round = 0; round < 3; round++) {
        const claim = await acceptedClaim(api);
        const items = (await documents(api, 'handler', claim.id)).items;
        const answers = await Promise.all(items.map((item: { id: string }) => api.upload('admin', claim.id, item.id, [{ name: 'a.pdf', bytes: PDF }])));
        assert.deepEqual(answers.map((a) => a.status), items.map(() => 201));
        assert.equal(await claimStatus(api, claim.id), 'review');
        const moves = (await eventTypes(api, claim.id)).filter((type) => type.startsWith('claim.transitioned'));
        assert.deepEqual(moves, ['claim.transitioned→review']);
      }
    });

    it('lets only the uploader remove a file; a document left without files is missing again, and the claim goes back to documentation', async () => {
      const claim = await acceptedClaim(api);
      const list = await documents(api, 'handler', claim.id);
      for (const item of list.items) await api.upload(item.kind === 'commercial_invoice' ? 'member' : 'admin', claim.id, item.id, [{ name: 'a.png', bytes: PNG }]);
      assert.equal(await claimStatus(api, claim.id), 'review');
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const file = invoice.files[0];
      const asAdmin = await documents(api, 'admin', claim.id);
      assert.equal(asAdmin.items.find((i: { kind: string }) => i.kind === 'commercial_invoice').files[0].removable, false, 'not the admin’s file');
      assert.equal((await documents(api, 'member', claim.id)).items[0].files[0].removable, true);

      for (const caller of ['admin', 'handler', 'apiKey'] as const) {
        const res = await api.call(caller, 'DELETE', `/files/${file.id}`);
        assert.equal(res.status, 403, caller);
      }
      assert.equal(api.storedFiles().length, 6, 'three images, three thumbnails');
      const removed = await api.call('member', 'DELETE', `/files/${file.id}`);
      assert.equal(removed.status, 204);
      assert.equal(removed.body, '');
      assert.equal(api.storedFiles().length, 4, 'its bytes and its thumbnail are gone');
      assert.equal((await api.call('admin', 'GET', `/files/${file.id}`)).status, 404);
      assert.equal((await api.call('member', 'DELETE', `/files/${file.id}`)).status, 404);
      const after = await requirement(api, claim.id, 'commercial_invoice');
      assert.equal(after.status, 'missing');
      assert.equal(await claimStatus(api, claim.id), 'documentation');
      const events = await api.call('admin', 'GET', `/claims/${claim.id}/events`);
      const removal = events.body.items.find((e: { type: string }) => e.type === 'document.removed');
      assert.deepEqual(removal.data.file, { id: file.id, name: 'a.png' });
      assert.equal(removal.actor.name, 'Jordi Puig');

      const bank = await requirement(api, claim.id, 'bank_account_certificate');
      await api.call('handler', 'POST', `/claims/${claim.id}/documents/${bank.id}/review`, { decision: 'accepted' });
      const locked = await api.call('admin', 'DELETE', `/files/${bank.files[0].id}`);
      assert.equal(locked.status, 409, 'an accepted document keeps its files');
    });

    it('marks the files a rejection covers as rejected for good: beside a replacement, accepted or not, they stay rejected with the reason, who and when', async () => {
      const claim = await acceptedClaim(api);
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const review = (body: unknown) => api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice.id}/review`, body);
      const rejections = (files: Array<{ name: string; rejection: unknown }>) => Object.fromEntries(files.map((file) => [file.name, file.rejection]));
      await api.upload('member', claim.id, invoice.id, [{ name: 'foto-1.png', bytes: PNG }, { name: 'foto-2.png', bytes: PNG }]);

      const first = await review({ decision: 'rejected', reason: 'Son fotos: envía la factura en PDF.' });
      assert.equal(first.status, 200);
      const handler = (await api.call('handler', 'GET', '/me')).body;
      const byFirst = { reason: 'Son fotos: envía la factura en PDF.', by: { id: handler.id, name: 'Carmen Ruiz' }, at: first.body.review.at };
      assert.deepEqual(rejections(first.body.files), { 'foto-1.png': byFirst, 'foto-2.png': byFirst });

      const second = await api.upload('member', claim.id, invoice.id, [{ name: 'factura-borrosa.pdf', bytes: PDF }]);
      assert.equal(second.body.status, 'uploaded');
      assert.equal(second.body.reason, null, 'the document waits for a new review');
      assert.deepEqual(rejections(second.body.files), { 'foto-1.png': byFirst, 'foto-2.png': byFirst, 'factura-borrosa.pdf': null });
      const again = await review({ decision: 'rejected', reason: 'Ilegible.' });
      const bySecond = { reason: 'Ilegible.', by: { id: handler.id, name: 'Carmen Ruiz' }, at: again.body.review.at };
      assert.deepEqual(rejections(again.body.files), { 'foto-1.png': byFirst, 'foto-2.png': byFirst, 'factura-borrosa.pdf': bySecond }, 'a rejection covers only the files under review');

      await api.upload('member', claim.id, invoice.id, [{ name: 'factura.pdf', bytes: PDF }]);
      const accepted = await review({ decision: 'accepted' });
      assert.equal(accepted.body.status, 'accepted');
      const expected = { 'foto-1.png': byFirst, 'foto-2.png': byFirst, 'factura-borrosa.pdf': bySecond, 'factura.pdf': null };
      assert.deepEqual(rejections(accepted.body.files), expected);
      const seen = (await documents(api, 'member', claim.id)).items.find((item: { id: string }) => item.id === invoice.id);
      assert.deepEqual(rejections(seen.files), expected, 'the customer sees the same');
      assert.ok(seen.files.every((file: { removable: boolean }) => !file.removable), 'an accepted document keeps its rejected files too');
      const keep = await api.call('member', 'DELETE', `/files/${seen.files[0].id}`);
      assert.equal(keep.status, 409);
      assert.match(keep.body.detail, /"foto-1\.png" was rejected, and "Commercial invoice[^"]*" has since been accepted/);
    });

    it('lets the uploader remove a rejected file while its document is open; removing its replacement puts the document back to rejected', async () => {
      const claim = await acceptedClaim(api);
      const list = await documents(api, 'handler', claim.id);
      for (const item of list.items) await api.upload('member', claim.id, item.id, [{ name: `${item.kind}.png`, bytes: PNG }]);
      assert.equal(await claimStatus(api, claim.id), 'review');
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const rejected = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice.id}/review`, { decision: 'rejected', reason: 'No es la factura.' });
      assert.equal(await claimStatus(api, claim.id), 'documentation');
      const [old] = (await documents(api, 'member', claim.id)).items[0].files;
      assert.equal(old.removable, true, 'the customer may still take back a rejected file of theirs');

      const replaced = await api.upload('member', claim.id, invoice.id, [{ name: 'factura.pdf', bytes: PDF }]);
      assert.equal(replaced.body.status, 'uploaded');
      assert.equal(await claimStatus(api, claim.id), 'review');
      const replacement = replaced.body.files.find((file: { name: string }) => file.name === 'factura.pdf');
      assert.equal((await api.call('member', 'DELETE', `/files/${replacement.id}`)).status, 204);
      const back = await requirement(api, claim.id, 'commercial_invoice');
      assert.equal(back.status, 'rejected', 'only rejected files left: nothing to review');
      assert.equal(back.reason, 'No es la factura.');
      assert.deepEqual(back.review, rejected.body.review);
      assert.ok(!back.actions.includes('review'));
      assert.equal(await claimStatus(api, claim.id), 'documentation');

      assert.equal((await api.call('member', 'DELETE', `/files/${old.id}`)).status, 204);
      const empty = await requirement(api, claim.id, 'commercial_invoice');
      assert.deepEqual(empty.files, []);
      assert.equal(empty.status, 'rejected', 'still waiting for a file that fixes it');
      assert.equal(empty.reason, 'No es la factura.');
      assert.deepEqual((await eventTypes(api, claim.id)).filter((type) => type === 'document.removed').length, 2);
    });

    it('waives optional documents only, and takes no files for them after', async () => {
      const claim = await acceptedClaim(api, { type: 'loss', goods: 'parcel', scope: 'international' });
      const invoice = await requirement(api, claim.id, 'commercial_invoice');
      const customs = await requirement(api, claim.id, 'customs_documents');
      const required = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice.id}/waive`);
      assert.equal(required.status, 409);
      assert.match(required.body.detail, /required/);
      assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/documents/${customs.id}/waive`)).status, 403);
      const waived = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${customs.id}/waive`);
      assert.equal(waived.status, 200);
      assert.equal(waived.body.status, 'waived');
      assert.deepEqual(waived.body.actions, []);
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/documents/${customs.id}/waive`)).status, 409);
      const upload = await api.upload('admin', claim.id, customs.id, [{ name: 'dua.pdf', bytes: PDF }]);
      assert.equal(upload.status, 409);
      assert.match(upload.body.detail, /waived/);
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/documents/req_nope/waive`)).status, 404);
      assert.ok((await eventTypes(api, claim.id)).includes('document.waived'));
    });

    it('adds a handler’s request to one claim; a required one sends a claim in review back to documentation', async () => {
      const claim = await acceptedClaim(api);
      for (const item of (await documents(api, 'handler', claim.id)).items) await api.upload('admin', claim.id, item.id, [{ name: 'a.pdf', bytes: PDF }]);
      assert.equal(await claimStatus(api, claim.id), 'review');

      const unknown = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'selfie', note: 'x' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.detail, /commercial_invoice, .*other/);
      assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/documents`, { kind: 'other', note: 'x' })).status, 403);
      assert.equal((await api.call('handler', 'POST', '/claims/clm_nope/documents', { kind: 'other', note: 'x' })).status, 404);

      const res = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'other', note: 'Foto del albarán firmado por el conductor.' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.kind, 'other');
      assert.equal(res.body.required, true);
      assert.equal(res.body.status, 'missing');
      assert.equal(res.body.note, 'Foto del albarán firmado por el conductor.');
      assert.equal(res.body.requestedBy.name, 'Carmen Ruiz');
      assert.equal(await claimStatus(api, claim.id), 'documentation');
      const list = await documents(api, 'admin', claim.id);
      assert.equal(list.items.at(-1).id, res.body.id, 'at the end of the checklist');
      assert.deepEqual(list.progress, { required: 4, accepted: 0, awaitingReview: 3 });

      const optional = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'customs_documents', note: 'Si lo tiene.', required: false });
      assert.equal(optional.status, 201);
      const events = await api.call('admin', 'GET', `/claims/${claim.id}/events`);
      const requested = events.body.items.filter((e: { type: string }) => e.type === 'document.requested');
      assert.equal(requested.length, 2);
      assert.equal(requested[0].data.note, 'Foto del albarán firmado por el conductor.');
      assert.equal(requested[0].data.document.requirementId, res.body.id);
    });

    it(`caps a checklist at ${MAX_CHECKLIST_DOCUMENTS} documents: one more request is 409 saying the limit, and writes nothing`, async () => {
      const claim = await acceptedClaim(api);
      const requested = async () =>
        (await api.db.selectFrom('claim_events').select('id').where('claim_id', '=', claim.id).where('type', '=', 'document.requested').execute()).length;
      // Waived documents still count: waiving makes no room, or request-and-waive would grow a checklist without end.
      const customs = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'customs_documents', note: 'Si los tiene.', required: false });
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/documents/${customs.body.id}/waive`)).status, 200);
      for (let n = (await documents(api, 'handler', claim.id)).items.length; n < MAX_CHECKLIST_DOCUMENTS; n++) {
        const res = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'other', note: `Documento ${n + 1}`, required: false });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
      const before = await requested();

      const over = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'other', note: 'Uno más' });
      assert.equal(over.status, 409);
      assert.equal(over.headers.get('content-type'), 'application/problem+json');
      assert.match(over.body.detail, new RegExp(`${MAX_CHECKLIST_DOCUMENTS} documents`));
      assert.match(over.body.detail, /several files/, 'says what to do instead');
      assert.equal(over.body.documentStatus, null);
      assert.equal(over.body.claimStatus, 'documentation');
      assert.equal((await documents(api, 'handler', claim.id)).items.length, MAX_CHECKLIST_DOCUMENTS);
      assert.equal(await requested(), before, 'no event');
      assert.equal(await claimStatus(api, claim.id), 'documentation');
    });

    it('takes no requests, reviews or waivers once the claim was filed', async () => {
      const claim = await acceptedClaim(api);
      const items = (await documents(api, 'handler', claim.id)).items;
      for (const item of items) await api.upload('admin', claim.id, item.id, [{ name: 'a.pdf', bytes: PDF }]);
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'submitted' })).status, 200);
      const request = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'other', note: 'x' });
      assert.equal(request.status, 409);
      assert.equal(request.body.documentStatus, null);
      assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/documents/${items[0].id}/review`, { decision: 'accepted' })).status, 409);
      const upload = await api.upload('admin', claim.id, items[0].id, [{ name: 'b.pdf', bytes: PDF }]);
      assert.equal(upload.status, 409);
      const list = await documents(api, 'admin', claim.id);
      assert.ok(list.items.every((item: { actions: string[]; files: Array<{ removable: boolean }> }) => item.actions.length === 0 && item.files.every((f) => !f.removable)));
    });
  });
});
