import sharp from 'sharp';
import type { ClaimStatus } from '../domain/constants.ts';
import { assignClaim, createClaim, moveClaim } from '../api/claims/claims.commands.ts';
import type { CreateClaimInput } from '../api/claims/claims.schema.ts';
import type { Actor } from '../api/events/events.schema.ts';
import type { WriteDeps } from '../api/events/record.ts';
import { changeUserSettings, syncUserFromToken } from '../api/users/users.commands.ts';
import type { AddLiabilityRate } from '../api/liability/liability.schema.ts';
import { recordLiabilityRate } from '../api/liability/rates.repository.ts';
import { SYSTEM_ACTOR } from '../api/events/actor.ts';

export const DEMO_COMPANY = { id: 'ferreteria-martinez', name: 'Ferretería Martínez S.L.' };
const OTHER_COMPANY = { id: 'textiles-del-sur', name: 'Textiles del Sur S.A.' };
const OPERATOR = { id: 'claimdesk-operador', name: 'Claimdesk Logística' };

/** The people of the demo; the switcher on the demo page picks one. */
export const DEMO_USERS = {
  ana: { sub: 'ana.martinez', company: DEMO_COMPANY.id, companyName: DEMO_COMPANY.name, role: 'admin', name: 'Ana Martínez', email: 'ana.martinez@ferreteriamartinez.es' },
  jordi: { sub: 'jordi.puig', company: DEMO_COMPANY.id, companyName: DEMO_COMPANY.name, role: 'member', name: 'Jordi Puig', email: 'jordi.puig@ferreteriamartinez.es' },
  lucia: { sub: 'lucia.gomez', company: DEMO_COMPANY.id, companyName: DEMO_COMPANY.name, role: 'member', name: 'Lucía Gómez', email: 'lucia.gomez@ferreteriamartinez.es' },
  carmen: { sub: 'carmen.ruiz', company: OPERATOR.id, companyName: OPERATOR.name, role: 'handler', name: 'Carmen Ruiz', email: 'carmen.ruiz@claimdesk.es' },
  /** A second handler, for the console's "Reassign". */
  javier: { sub: 'javier.ortega', company: OPERATOR.id, companyName: OPERATOR.name, role: 'handler', name: 'Javier Ortega', email: 'javier.ortega@claimdesk.es' },
} as const;
export type DemoUserKey = keyof typeof DEMO_USERS;

const SYSTEM: Actor = { kind: 'service', id: null, name: 'ERP Ferretería Martínez' };
type Who = 'ana' | 'carmen';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const eur = (euros: number) => ({ amountCents: Math.round(euros * 100), currency: 'EUR' });

interface SeedClaim {
  input: Omit<CreateClaimInput, 'company' | 'packages'> & { packages?: number };
  company?: { id: string; name: string };
  /** Taken by the demo handler before any of her moves; left out, the claim waits in the queue unassigned. */
  handler?: 'carmen';
  /** Moves after creation: [to, who, extra]. */
  moves?: Array<[ClaimStatus, Who, { reason?: string; note?: string; outcome?: 'paid' | 'partially_paid' | 'denied'; amount?: ReturnType<typeof eur> }?]>;
  /** Documents the customer uploads once the server runs (seedThroughApi): every one the claim asks for, or this many. */
  uploads?: 'all' | number;
  /** Its conversation, sent through the API once the server runs (seedThroughApi), oldest first. */
  conversation?: Array<[Who, string]>;
}

const CLAIMS: SeedClaim[] = [
  {
    input: { externalRef: 'ALB-2026-10452', type: 'breakage', goods: 'pallet', scope: 'national', carrier: 'Palletways Iberia', trackingNumber: 'PW-4410982', description: 'Palé de azulejos de 60×60 llegó con el film roto y 9 cajas partidas. Se firmó el albarán con reservas.', incidentAt: daysAgo(1), declaredValue: eur(2140), claimedAmount: eur(820), origin: 'Castellón de la Plana', destination: 'Zaragoza', packages: 48, grossWeightKg: 216 },
  },
  {
    input: { externalRef: 'ALB-2026-10391', type: 'loss', goods: 'parcel', scope: 'national', carrier: 'SEUR', trackingNumber: '08230045671290', description: 'Bulto con 25 cerraduras de seguridad no entregado; el seguimiento se detiene en la plataforma de Coslada.', incidentAt: daysAgo(6), declaredValue: eur(612.5), origin: 'Barcelona', destination: 'Madrid', packages: 1, grossWeightKg: 18.5 },
  },
  {
    input: { externalRef: 'EXP-2026-0877', type: 'robbery', goods: 'pallet', scope: 'international', carrier: 'DHL Freight', trackingNumber: 'DHLF-7731-0021', description: 'Robo con violencia del camión en un área de servicio de la A-7 cerca de Perpiñán; 2 palés de herramienta eléctrica sustraídos.', incidentAt: daysAgo(3), declaredValue: eur(18450), claimedAmount: eur(18450), origin: 'Valencia', destination: 'Lyon', originCountry: 'ES', destinationCountry: 'FR', packages: 2, grossWeightKg: 640 },
    moves: [['documentation', 'ana']],
    handler: 'carmen',
    uploads: 2,
    conversation: [
      ['carmen', 'Hola Ana, soy Carmen, tu gestora. Para el robo necesito la denuncia de la Gendarmerie con la relación de la mercancía sustraída.'],
      ['ana', 'Buenos días. El conductor la presentó en Perpiñán; nos la envía hoy escaneada.'],
      ['carmen', 'Perfecto. Súbela en «Denuncia policial» cuando la tengas; con eso y el CMR presento la reclamación a DHL Freight.'],
    ],
  },
  {
    input: { externalRef: 'ALB-2026-10212', type: 'theft', goods: 'parcel', scope: 'national', carrier: 'MRW', trackingNumber: 'MRW-0261-889120', description: 'La caja llegó abierta y faltan 6 taladros percutores de 10; precinto manipulado.', incidentAt: daysAgo(9), declaredValue: eur(954), claimedAmount: eur(572.4), origin: 'Bilbao', destination: 'Sevilla', packages: 1, grossWeightKg: 15 },
    handler: 'carmen',
    moves: [['documentation', 'ana'], ['review', 'carmen', { note: 'Denuncia y fotos recibidas; reviso el valor declarado.' }]],
  },
  {
    input: { externalRef: 'EXP-2026-0815', type: 'breakage', goods: 'pallet', scope: 'international', carrier: 'DB Schenker', trackingNumber: 'SCH-ES-3390145', description: 'Daños ocultos: al desembalar, 3 radiadores de aluminio aparecen abollados. Embalaje exterior intacto.', incidentAt: daysAgo(14), declaredValue: eur(3275), claimedAmount: eur(1310), origin: 'Vitoria-Gasteiz', destination: 'Oporto', originCountry: 'ES', destinationCountry: 'PT', packages: 6, grossWeightKg: 45 },
    handler: 'carmen',
    moves: [['documentation', 'ana'], ['review', 'carmen'], ['submitted', 'carmen', { note: 'Reclamación presentada a DB Schenker con reservas CMR.' }]],
  },
  {
    input: { externalRef: 'ALB-2026-09987', type: 'breakage', goods: 'parcel', scope: 'national', carrier: 'Correos Express', trackingNumber: '3230012877610', description: 'Mampara de ducha con el cristal templado estallado.', incidentAt: daysAgo(30), declaredValue: eur(389), claimedAmount: eur(389), origin: 'Murcia', destination: 'Alicante', packages: 1 },
    handler: 'carmen',
    moves: [['documentation', 'ana'], ['review', 'carmen'], ['submitted', 'carmen'], ['resolved', 'carmen', { outcome: 'paid', amount: eur(389), note: 'Correos Express abona el importe íntegro.' }]],
  },
  {
    input: { externalRef: 'ALB-2026-09850', type: 'loss', goods: 'pallet', scope: 'national', carrier: 'TIPSA', trackingNumber: 'TIP-55-201993', description: 'Palé de pintura plástica extraviado en la delegación de Getafe.', incidentAt: daysAgo(45), declaredValue: eur(1680), origin: 'Getafe', destination: 'Toledo', packages: 40, grossWeightKg: 168 },
    handler: 'carmen',
    moves: [['documentation', 'ana'], ['review', 'carmen'], ['submitted', 'carmen'], ['resolved', 'carmen', { outcome: 'partially_paid', amount: eur(1120), note: 'Indemnización limitada por peso (Ley 15/2009, art. 57).' }], ['closed', 'carmen']],
  },
  {
    input: { externalRef: 'ALB-2026-09711', type: 'breakage', goods: 'parcel', scope: 'national', carrier: 'GLS', trackingNumber: 'GLS-9921004471', description: 'Un bote de barniz golpeado; la pérdida no compensa la gestión.', incidentAt: daysAgo(20), declaredValue: eur(42.9), origin: 'Zaragoza', destination: 'Huesca', packages: 1 },
    moves: [['declined', 'ana', { reason: 'Importe muy bajo; lo asumimos como merma.' }]],
  },
  {
    // Accepted, and every document in: the upload of the last one moves it to review, unassigned.
    input: { externalRef: 'ALB-2026-10533', type: 'breakage', goods: 'parcel', scope: 'national', carrier: 'Nacex', trackingNumber: 'NX-7720145', description: 'Columna de ducha con el rociador partido; la caja presenta un golpe en una esquina.', incidentAt: daysAgo(2), declaredValue: eur(318), claimedAmount: eur(318), origin: 'Madrid', destination: 'Guadalajara', packages: 1 },
    moves: [['documentation', 'ana']],
    uploads: 'all',
  },
  {
    company: OTHER_COMPANY,
    input: { externalRef: 'TS-87944', type: 'loss', goods: 'parcel', scope: 'national', carrier: 'SEUR', trackingNumber: '08230045911873', description: 'Caja con 40 metros de lino estampado no entregada; el seguimiento la da por entregada sin firma.', incidentAt: daysAgo(8), declaredValue: eur(1264), origin: 'Sevilla', destination: 'Valencia', packages: 1 },
  },
  {
    company: OTHER_COMPANY,
    input: { externalRef: 'TS-88120', type: 'breakage', goods: 'pallet', scope: 'international', carrier: 'Dachser', trackingNumber: 'DAC-2026-771203', description: 'Rollos de tejido mojados por filtración en el remolque.', incidentAt: daysAgo(2), declaredValue: eur(7420), origin: 'Écija', destination: 'Milán', originCountry: 'ES', destinationCountry: 'IT', packages: 8 },
  },
];

/**
 * The published values the demo's liability limits are counted with. Data the operator must
 * keep current (POST /api/v1/liability-rates), as published; these were, when written:
 * - the euro value of one SDR: 1.17176, the IMF's "Currency units per SDR" for the euro on
 *   20 October 2025 (imf.org, Exchange Rates: SDR valuation; the IMF publishes it each
 *   business day);
 * - the daily IPREM: 20.00 euros in 2025 and in 2026 (600 a month), as set for 2023 by the Ley
 *   31/2022 de Presupuestos Generales del Estado and unchanged while those budgets stay extended.
 */
const DEMO_RATES: AddLiabilityRate[] = [
  { kind: 'eur-per-sdr', value: '1.17176', effectiveFrom: '2025-10-20', source: 'FMI, «Currency units per SDR», euro, 20/10/2025' },
  { kind: 'iprem-daily-eur', value: '20.00', effectiveFrom: '2025-01-01', source: 'IPREM 2025: Ley 31/2022 de PGE para 2023, prorrogada' },
  { kind: 'iprem-daily-eur', value: '20.00', effectiveFrom: '2026-01-01', source: 'IPREM 2026: Ley 31/2022 de PGE para 2023, prorrogada' },
];

/** Records DEMO_RATES once, into a demo that has none: rates an operator changed stay as they left them. */
async function seedLiabilityRates(deps: WriteDeps): Promise<void> {
  if (await deps.db.selectFrom('liability_rates').select('id').limit(1).executeTakeFirst()) return;
  for (const rate of DEMO_RATES) await recordLiabilityRate(deps.db, rate, SYSTEM_ACTOR);
}

/**
 * Fills an empty demo database: the liability rates, users, and claims in every phase with their
 * histories, some assigned to the demo handler and some waiting unassigned. Resolves to whether
 * it did (the documents follow once the server listens: seedThroughApi).
 */
export async function seedDemo(deps: WriteDeps): Promise<boolean> {
  await seedLiabilityRates(deps);
  const existing = await deps.db.selectFrom('claims').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const actors = {} as Record<Who, Actor>;
  for (const [key, user] of Object.entries(DEMO_USERS)) {
    const row = await syncUserFromToken(deps, { companyId: user.company, companyName: user.companyName, externalId: user.sub, name: user.name, email: user.email, role: user.role });
    if (key === 'ana' || key === 'carmen') actors[key] = { kind: user.role === 'handler' ? 'handler' : 'user', id: row.id, name: row.name };
    if (key === 'jordi') {
      // Told in the customer area only; Ana (an admin) gets email too, Lucía (no access) nothing.
      await changeUserSettings(deps, row.company_id, row.id, { claimsAccess: true, notifications: 'in_app' }, actors.ana);
    }
  }
  // Oldest incident first, so references number in the order the incidents happened.
  const byIncident = [...CLAIMS].sort((a, b) => Date.parse(a.input.incidentAt) - Date.parse(b.input.incidentAt));
  for (const seed of byIncident) {
    const { claim } = await createClaim(deps, { company: seed.company ?? DEMO_COMPANY, packages: 1, ...seed.input }, SYSTEM);
    if (seed.handler) await assignClaim(deps, claim.id, { handlerId: actors[seed.handler].id! }, actors[seed.handler]);
    for (const [to, who, extra] of seed.moves ?? []) {
      await moveClaim(deps, {
        claimId: claim.id,
        companyId: null,
        to,
        mover: who === 'carmen' ? 'handler' : 'customer',
        actor: actors[who],
        ...extra,
      });
    }
    await backdateHistory(deps, claim.id, seed.input.incidentAt);
  }
  return true;
}

/**
 * The customer uploads documents to the claims that ask for them (SeedClaim.uploads), through the
 * API's upload route as the widget does: a photo where the document is a photo, a PDF otherwise.
 * Uploading the last required document moves a claim to review. Then the claims' conversations
 * (SeedClaim.conversation), each message by its author.
 */
export async function seedThroughApi(apiUrl: string, tokens: Record<Who, string>): Promise<void> {
  const auth = { Authorization: `Bearer ${tokens.ana}` };
  for (const seed of CLAIMS.filter((c) => c.uploads)) {
    const page = (await (await fetch(`${apiUrl}/api/v1/claims?q=${encodeURIComponent(seed.input.externalRef)}`, { headers: auth })).json()) as { items: Array<{ id: string }> };
    const claim = page.items[0];
    if (!claim) continue;
    const list = (await (await fetch(`${apiUrl}/api/v1/claims/${claim.id}/documents`, { headers: auth })).json()) as {
      items: Array<{ id: string; kind: string; required: boolean; actions: string[]; label: { es: string } }>;
    };
    const open = list.items.filter((r) => r.required && r.actions.includes('upload'));
    for (const requirement of seed.uploads === 'all' ? open : open.slice(0, seed.uploads)) {
      const photo = requirement.kind.includes('photo');
      const form = new FormData();
      const [bytes, type, ext] = photo ? [await samplePhoto(requirement.label.es), 'image/png', 'png'] : [samplePdf(requirement.label.es), 'application/pdf', 'pdf'];
      form.append('file', new Blob([bytes], { type }), `${requirement.kind}.${ext}`);
      const res = await fetch(`${apiUrl}/api/v1/claims/${claim.id}/documents/${requirement.id}/files`, { method: 'POST', headers: auth, body: form });
      if (!res.ok) console.warn(`demo seed: uploading ${requirement.kind} to ${seed.input.externalRef} answered ${res.status}: ${await res.text()}`);
    }
    for (const [who, body] of seed.conversation ?? []) {
      const res = await fetch(`${apiUrl}/api/v1/claims/${claim.id}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ body, clientId: crypto.randomUUID() }),
      });
      if (!res.ok) console.warn(`demo seed: a message on ${seed.input.externalRef} answered ${res.status}: ${await res.text()}`);
    }
  }
}

/**
 * The seeded history is not news: its notifications start read and its emails unsent, so the
 * bell and the demo mailbox show what happens from now on (a simulated incident, say).
 */
export async function settleSeedNotifications(db: WriteDeps['db']): Promise<void> {
  await db.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('read_at', 'is', null).execute();
  await db.updateTable('email_outbox').set({ status: 'skipped', last_error: 'demo seed: history, not news' }).where('status', '=', 'pending').execute();
}

/** A one-page PDF that says what it stands for. */
export function samplePdf(title: string): Uint8Array<ArrayBuffer> {
  const text = title.replace(/[()\\]/g, '').normalize('NFD').replace(/[^\x20-\x7e]/g, '');
  const content = `BT /F1 18 Tf 72 760 Td (${text} - demo) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** A placeholder "photo": a card with the document's name. */
async function samplePhoto(title: string): Promise<Uint8Array<ArrayBuffer>> {
  const label = title.replace(/[<>&]/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#e7e1d6"/><rect x="180" y="170" width="440" height="260" rx="12" fill="#b08d57"/><path d="M300 170 L360 300 L330 430" stroke="#5b4630" stroke-width="6" fill="none"/><text x="400" y="520" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#3b3b3b">${label}</text></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

/**
 * Spreads a seeded claim's history between its incident and now, as if it had happened over
 * those days: the claim opens an hour after the incident, and each later step follows.
 */
async function backdateHistory({ db }: WriteDeps, claimId: string, incidentAt: string): Promise<void> {
  const events = await db.selectFrom('claim_events').select('id').where('claim_id', '=', claimId).orderBy('id').execute();
  const start = Date.parse(incidentAt) + 3_600_000;
  const step = Math.max(0, Math.min(2 * 86_400_000, (Date.now() - start) / (events.length + 1)));
  const at = (i: number) => new Date(start + i * step).toISOString();
  for (const [i, event] of events.entries()) {
    await db.updateTable('claim_events').set({ created_at: at(i) }).where('id', '=', event.id).execute();
  }
  await db.updateTable('claims').set({ created_at: at(0), updated_at: at(events.length - 1) }).where('id', '=', claimId).execute();
}

const INCIDENTS: Array<Omit<CreateClaimInput, 'company' | 'externalRef' | 'incidentAt' | 'packages'> & { packages: number }> = [
  { type: 'breakage', goods: 'parcel', scope: 'national', carrier: 'Nacex', trackingNumber: 'NX-', description: 'Caja de grifería con dos monomandos rotos a la entrega.', declaredValue: eur(265), origin: 'Madrid', destination: 'Segovia', packages: 1, grossWeightKg: 6.5 },
  { type: 'loss', goods: 'pallet', scope: 'international', carrier: 'DSV Road', trackingNumber: 'DSV-', description: 'Palé de tornillería no llegó a destino; último escaneo en Burdeos.', declaredValue: eur(2980), origin: 'Irún', destination: 'Toulouse', originCountry: 'ES', destinationCountry: 'FR', packages: 1, grossWeightKg: 480 },
  { type: 'theft', goods: 'parcel', scope: 'international', carrier: 'UPS', trackingNumber: '1Z', description: 'Paquete entregado con el precinto cortado; faltan 4 medidores láser.', declaredValue: eur(716), origin: 'Barcelona', destination: 'Andorra la Vella', originCountry: 'ES', destinationCountry: 'AD', packages: 1, grossWeightKg: 2.4 },
  { type: 'robbery', goods: 'pallet', scope: 'national', carrier: 'Transportes Ochoa', trackingNumber: 'OCH-', description: 'Asalto al vehículo en el polígono de destino; sustraído un palé de cable de cobre.', declaredValue: eur(5340), origin: 'Lorca', destination: 'Almería', packages: 1, grossWeightKg: 750 },
];

/** A new incident, as the company's ERP would report it: used by the demo's "simulate" button. */
export function randomIncident(): CreateClaimInput {
  const pick = INCIDENTS[Math.floor(Math.random() * INCIDENTS.length)] ?? INCIDENTS[0]!;
  const serial = Math.floor(100000 + Math.random() * 899999);
  return {
    ...pick,
    company: DEMO_COMPANY,
    externalRef: `ALB-${new Date().getFullYear()}-${serial}`,
    trackingNumber: `${pick.trackingNumber}${serial}`,
    incidentAt: new Date().toISOString(),
  };
}
