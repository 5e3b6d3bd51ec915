import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createApp } from '../app.ts';
import { API_KEY, createTestApi, JWT_SECRET, type Caller } from '../testing/harness.ts';
import { pdfText, unzip } from '../testing/files.ts';
import { captureLog, expectErrorsLogged } from '../testing/log.ts';
import type { DossierJson } from './dossier.ts';

// Issue 22, item 5: a claim's dossier is one ZIP of everything it holds, streamed, with each
// file byte for byte as uploaded (checked here by SHA-256), a PDF summary and the same data as
// JSON; for claims handlers, the company's administrators and the host backend.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A PDF the upload's type sniffer takes, with `size` bytes of content that does not compress. */
const pdf = (size = 50_000) => new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1'), randomBytes(size)]));

let api: Api;
let claim: { id: string; reference: string };
/** The SHA-256 of each uploaded file, by the file's id. */
const uploaded = new Map<string, string>();

async function ok<T = any>(res: Promise<{ status: number; body: any }>, status = 200): Promise<T> {
  const answer = await res;
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  return answer.body as T;
}

async function uploadTo(caller: Caller, claimId: string, requirementId: string, name: string, bytes: Uint8Array) {
  const requirement = await ok(api.upload(caller, claimId, requirementId, [{ name, bytes }]), 201);
  const file = requirement.files.at(-1);
  uploaded.set(file.id, sha256(bytes));
  return file as { id: string; name: string };
}

async function attach(caller: Caller, claimId: string, name: string, bytes: Uint8Array, body: string) {
  const { items } = await ok(api.uploadTo(caller, `/claims/${claimId}/attachments`, [{ name, bytes }]), 201);
  uploaded.set(items[0].id, sha256(bytes));
  await ok(api.call(caller, 'POST', `/claims/${claimId}/messages`, { body, clientId: crypto.randomUUID(), attachments: [items[0].id] }), 201);
}

/** How many files of the storage this process holds open. */
const openStored = () =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(api.storage.root);
    } catch {
      return false;
    }
  }).length;

/** The dossier as `caller` downloads it: the answer, and its bytes read to the end. */
async function download(caller: Caller, claimId = claim.id, query = '') {
  const res = await api.app.request(`/api/v1/claims/${claimId}/dossier${query}`, { headers: await api.headersFor(caller) });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** What the API logs: the dossier cut short says so there. */
const log = captureLog();

before(async () => {
  api = await createTestApi({ settings: { logger: log.logger } });
  await api.grantAccess('member');
  claim = await api.createClaim({
    claimedAmount: { amountCents: 152_050, currency: 'EUR' },
    origin: 'Valencia',
    destination: 'Łódź',
    originCountry: 'ES',
    destinationCountry: 'PL',
  });
  await ok(api.call('admin', 'POST', `/claims/${claim.id}/accept`));
  const { items } = await ok(api.call('admin', 'GET', `/claims/${claim.id}/documents`));
  const required = (items as { id: string; kind: string; required: boolean }[]).filter((d) => d.required);
  const invoice = required.find((d) => d.kind === 'commercial_invoice')!;
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } }).png().toBuffer();
  for (const requirement of required) {
    await uploadTo('admin', claim.id, requirement.id, requirement === invoice ? 'factura.pdf' : 'documento.pdf', requirement === invoice ? pdf() : pdf(20_000));
  }
  await uploadTo('member', claim.id, required[1]!.id, 'foto del palé.png', new Uint8Array(photo));
  // The invoice is rejected, then uploaded again under the same name: both files stay, told apart.
  await ok(api.call('handler', 'POST', `/claims/${claim.id}/documents/${invoice.id}/review`, { decision: 'rejected', reason: 'La factura está cortada: súbela completa.' }));
  await uploadTo('admin', claim.id, invoice.id, 'factura.pdf', pdf());
  for (const requirement of required) {
    await ok(api.call('handler', 'POST', `/claims/${claim.id}/documents/${requirement.id}/review`, { decision: 'accepted' }));
  }
  // Two attachments of one name in the chat, one from each side.
  await attach('admin', claim.id, 'albarán.pdf', pdf(30_000), 'Os mando el albarán firmado.');
  await attach('handler', claim.id, 'albarán.pdf', pdf(10_000), 'Este es el que tenemos nosotros.');
  for (const move of [{ to: 'submitted' }, { to: 'resolved', outcome: 'partially_paid', amount: { amountCents: 82_050, currency: 'EUR' }, note: 'El transportista paga la mitad.' }]) {
    await ok(api.call('handler', 'POST', `/claims/${claim.id}/transitions`, move));
  }
});
after(() => api.close());

describe('GET /claims/{id}/dossier', () => {
  it('streams a ZIP of known length, named after the claim, with every file byte for byte as uploaded', async () => {
    const { res, bytes } = await download('handler');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    assert.equal(res.headers.get('content-length'), String(bytes.byteLength));
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`filename\\*=UTF-8''Expediente%20${claim.reference}\\.zip`));

    const entries = await unzip(bytes);
    const root = `${claim.reference}/`;
    assert.ok([...entries.keys()].every((name) => name.startsWith(root)), [...entries.keys()].join('\n'));
    assert.ok([...entries.values()].every((entry) => entry.compressionMethod === 0), 'stored, not deflated');
    const data = JSON.parse(entries.get(`${root}Expediente.json`)!.bytes.toString('utf8')) as DossierJson;
    assert.ok(entries.has(`${root}Resumen.pdf`) && entries.has(`${root}Carta al transportista.pdf`));
    assert.equal(data.summary, 'Resumen.pdf');
    assert.equal(data.letter, 'Carta al transportista.pdf');

    const files = [...data.documents.flatMap((document) => document.files), ...data.attachments];
    assert.equal(files.length, uploaded.size, 'every document file and sent attachment, and nothing else');
    for (const file of files) {
      const entry = entries.get(`${root}${file.path}`);
      assert.ok(entry, `${file.path} is in the archive`);
      assert.equal(sha256(entry.bytes), uploaded.get(file.id), `${file.path}: the bytes uploaded`);
      assert.equal(file.sha256, uploaded.get(file.id));
    }
    assert.equal(entries.size, files.length + 3, 'the files, the summary, the letter and the JSON');

    // Readable names: each document's folder in checklist order, a rejected file marked, repeated names numbered.
    const invoice = data.documents.find((document) => document.kind === 'commercial_invoice')!;
    const invoiceFolder = `Documentos/${String(data.documents.indexOf(invoice) + 1).padStart(2, '0')} ${invoice.label.es}`;
    assert.deepEqual(
      invoice.files.map((file) => file.path),
      [`${invoiceFolder}/RECHAZADO factura.pdf`, `${invoiceFolder}/factura.pdf`],
    );
    assert.ok(data.documents.some((document) => document.files.some((file) => file.path.endsWith('/foto del palé.png'))));
    const day = data.attachments[0]!.message.at.slice(0, 10);
    assert.deepEqual(
      data.attachments.map((attachment) => [attachment.path, attachment.message.author.name]),
      [
        [`Adjuntos del chat/${day} albarán.pdf`, 'Ana Martínez'],
        [`Adjuntos del chat/${day} albarán (2).pdf`, 'Carmen Ruiz'],
      ],
    );
  });

  it('holds the claim, its checklist and its history as JSON, as the API gives them', async () => {
    const entries = await unzip((await download('handler')).bytes);
    const data = JSON.parse(entries.get(`${claim.reference}/Expediente.json`)!.bytes.toString('utf8')) as DossierJson;
    const own = await ok(api.call('handler', 'GET', `/claims/${claim.id}`));
    assert.deepEqual(data.claim, own);
    assert.deepEqual(data.claim.outcome, { result: 'partially_paid', amount: { amountCents: 82_050, currency: 'EUR' } });
    const { items: events } = await ok(api.call('handler', 'GET', `/claims/${claim.id}/events`));
    assert.deepEqual(data.events, events);
    const { items: documents } = await ok(api.call('handler', 'GET', `/claims/${claim.id}/documents`));
    assert.deepEqual(
      data.documents.map(({ files, ...document }) => ({ ...document, files: files.map(({ path: _, ...file }) => file) })),
      documents,
    );
    assert.equal(data.reference, claim.reference);
    assert.equal(data.language, 'es');
    const me = await ok(api.call('handler', 'GET', '/me'));
    assert.deepEqual(data.generatedBy, { kind: 'handler', id: me.id, name: 'Carmen Ruiz' });
  });

  it('summarises the claim, its outcome and amount, its documents’ reviews and its whole history in a PDF', async () => {
    const entries = await unzip((await download('admin')).bytes);
    const text = pdfText(entries.get(`${claim.reference}/Resumen.pdf`)!.bytes);
    for (const expected of [
      `Expediente del siniestro ${claim.reference}`,
      'Ferretería Martínez S.L.',
      'Transportes Azkar',
      // Ł and ź are not in the PDF's font: written as their Latin letters (the JSON keeps them).
      'Valencia (ES) – Lódz (PL)',
      'Indemnizado en parte',
      '820,50 €',
      '1520,50 €',
      'Factura comercial',
      ': La factura está cortada: súbela completa.',
      'Documento rechazado: Factura comercial',
      'Pasa a «Resuelto»',
      'Nota: El transportista paga la mitad.',
      'Carmen Ruiz',
      'Ana Martínez',
      // Opened by the operator's backend: named in the dossier's language, not the log's English name.
      'Sistema automático: Incidencia notificada',
      'Aceptado por el cliente',
      `En el expediente: Adjuntos del chat/`,
      'CMR art. 30.2',
    ]) {
      assert.ok(text.includes(expected), `the summary says «${expected}»:\n${text}`);
    }
    assert.ok(!text.includes('Host system'), text);
    // Every history entry, with who and when.
    const { items: events } = await ok(api.call('admin', 'GET', `/claims/${claim.id}/events`));
    assert.equal(text.match(/• \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} CES?T · /g)?.length, events.length);
  });

  it('names the operator’s backend in the dossier’s language, on the history and on the files it uploaded', async () => {
    const opened = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national' });
    await ok(api.call('admin', 'POST', `/claims/${opened.id}/accept`));
    const { items } = await ok(api.call('admin', 'GET', `/claims/${opened.id}/documents`));
    await uploadTo('apiKey', opened.id, items[0].id, 'albaran-operador.pdf', pdf());
    for (const [lang, summary, name] of [['', 'Resumen.pdf', 'Sistema automático'], ['?lang=en', 'Summary.pdf', 'Automated system']] as const) {
      const { bytes } = await download('admin', opened.id, lang);
      const text = pdfText((await unzip(bytes)).get(`${opened.reference}/${summary}`)!.bytes);
      assert.ok(text.includes(`${name}:`), `the history names it «${name}»:\n${text}`);
      assert.match(text, new RegExp(`albaran-operador\\.pdf[^\\n]*${name}`), `the file names it «${name}»:\n${text}`);
      assert.ok(!text.includes('Host system'), text);
    }
  });

  it('speaks English when asked, names and all', async () => {
    const { res, bytes } = await download('handler', claim.id, '?lang=en');
    assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`filename="Claim dossier ${claim.reference}\\.zip"`));
    const entries = await unzip(bytes);
    const root = `${claim.reference}/`;
    const data = JSON.parse(entries.get(`${root}Dossier.json`)!.bytes.toString('utf8')) as DossierJson;
    assert.equal(data.language, 'en');
    assert.ok(data.documents.some((document) => document.files.some((file) => file.path.startsWith('Documents/') && file.path.includes('/REJECTED factura.pdf'))));
    const text = pdfText(entries.get(`${root}Summary.pdf`)!.bytes);
    for (const expected of [`Claim dossier ${claim.reference}`, 'Partially paid', '€820.50', 'Document rejected: Commercial invoice', 'Moved to “Resolved”', 'Automated system: Incident notified']) {
      assert.ok(text.includes(expected), `the summary says «${expected}»:\n${text}`);
    }
    assert.ok(pdfText(entries.get(`${root}Letter to the carrier.pdf`)!.bytes).includes('CMR art. 30.2'));
  });

  it('gives a reader of another language the one it reads, as the dossier is written in Spanish and English only', async () => {
    for (const [lang, name, language] of [['fr', 'Claim dossier', 'en'], ['it', 'Claim dossier', 'en'], ['pt', 'Expediente', 'es'], ['ca', 'Expediente', 'es']] as const) {
      const { res, bytes } = await download('handler', claim.id, `?lang=${lang}`);
      assert.equal(res.status, 200, lang);
      assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`filename\\*=UTF-8''${encodeURIComponent(name)}%20${claim.reference}\\.zip`), lang);
      const data = JSON.parse((await unzip(bytes)).get(`${claim.reference}/${language === 'en' ? 'Dossier' : 'Expediente'}.json`)!.bytes.toString('utf8')) as DossierJson;
      assert.equal(data.language, language, lang);
    }
  });

  it('is for handlers, the company’s admins, the host backend and the company’s keys that read claims; a member gets 403, another company 404', async () => {
    assert.equal((await download('admin')).res.status, 200);
    assert.equal((await download('apiKey')).res.status, 200);
    assert.equal((await download('companyKey')).res.status, 200);
    assert.equal((await api.call('otherCompanyKey', 'GET', `/claims/${claim.id}/dossier`)).status, 404);
    const writeOnly = await api.createCompanyKey('admin', { name: 'Subidas', scopes: ['claims:write'] });
    const refused = await api.call('anonymous', 'GET', `/claims/${claim.id}/dossier`, undefined, { 'X-Api-Key': writeOnly });
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /claims:read/);
    const member = await api.call('member', 'GET', `/claims/${claim.id}/dossier`);
    assert.equal(member.status, 403);
    assert.match(member.body.detail, /administrators/);
    assert.equal((await api.call('memberWithoutAccess', 'GET', `/claims/${claim.id}/dossier`)).status, 403);
    const other = await api.call('otherAdmin', 'GET', `/claims/${claim.id}/dossier`);
    assert.equal(other.status, 404);
    assert.equal(other.body.type, 'https://claimdesk.dev/problems/not-found');
    assert.equal((await api.call('handler', 'GET', '/claims/no-such-claim/dossier')).status, 404);
    assert.equal((await api.call('handler', 'GET', `/claims/${claim.id}/dossier?lang=ja`)).status, 400);
  });

  it('answers HEAD with the length and opens no stored file', async () => {
    const res = await api.app.request(`/api/v1/claims/${claim.id}/dossier`, { method: 'HEAD', headers: await api.headersFor('handler') });
    assert.equal(res.status, 200);
    assert.equal(Number(res.headers.get('content-length')) > 0, true);
    assert.equal((await res.arrayBuffer()).byteLength, 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(openStored(), 0);
  });

  it('leaves the letter out of a declined claim’s dossier', async () => {
    const declined = await api.createClaim();
    await ok(api.call('admin', 'POST', `/claims/${declined.id}/decline`, { reason: 'Lo reclamamos por nuestra cuenta.' }));
    const entries = await unzip((await download('admin', declined.id)).bytes);
    assert.deepEqual([...entries.keys()], [`${declined.reference}/Resumen.pdf`, `${declined.reference}/Expediente.json`]);
    const text = pdfText(entries.get(`${declined.reference}/Resumen.pdf`)!.bytes);
    assert.ok(text.includes('Motivo del rechazo de la gestión: Lo reclamamos por nuestra cuenta.'), text);
  });

  it('lets a client go away at any point, before or while a stored file is read', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => void uncaught.push(error);
    process.on('uncaughtException', record);
    const big = await api.createClaim();
    await ok(api.call('admin', 'POST', `/claims/${big.id}/accept`));
    const { items } = await ok(api.call('admin', 'GET', `/claims/${big.id}/documents`));
    await uploadTo('admin', big.id, items[0].id, 'factura.pdf', pdf(3_000_000));
    // Unchecked: the harness's app reads a copy of every body whole, to check it against the OpenAPI document.
    const app = createApp({ db: api.db, bus: api.bus, reactions: api.reactions, feed: api.feed, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], storage: api.storage });
    try {
      for (const reads of [0, 1, 3, 10, 20]) {
        const res = await app.request(`/api/v1/claims/${big.id}/dossier`, { headers: { 'X-Api-Key': API_KEY } });
        const reader = res.body!.getReader();
        for (let i = 0; i < reads; i++) await reader.read();
        await reader.cancel();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('uncaughtException', record);
    }
    assert.deepEqual(uncaught, []);
    assert.equal(openStored(), 0, 'every stored file opened was closed');
    assert.equal((await download('handler')).res.status, 200);
  });

  it('cuts the answer short, and only it, when a stored file cannot be read whole', async () => {
    const broken = await api.createClaim();
    await ok(api.call('admin', 'POST', `/claims/${broken.id}/accept`));
    const { items } = await ok(api.call('admin', 'GET', `/claims/${broken.id}/documents`));
    const file = await uploadTo('admin', broken.id, items[0].id, 'factura.pdf', pdf(2_000_000));
    const row = await api.db.selectFrom('files').select('storage_key').where('id', '=', file.id).executeTakeFirstOrThrow();
    const stored = readdirSync(api.storage.root, { recursive: true, withFileTypes: true }).find((entry) => entry.name === row.storage_key)!;
    truncateSync(path.join(stored.parentPath, stored.name), 1_000_000);

    await expectErrorsLogged(log, [new RegExp(`GET /claims/${broken.id}/dossier was cut short`)], () =>
      assert.rejects(async () => {
        const res = await api.app.request(`/api/v1/claims/${broken.id}/dossier`, { headers: await api.headersFor('handler') });
        assert.equal(res.status, 200, 'the answer had begun');
        await res.arrayBuffer();
      }, /unexpected number of bytes/, 'the body ends in an error, not as a whole archive'),
    );
    // The process serves on.
    assert.equal((await download('handler')).res.status, 200);
  });
});
