import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LANGUAGES, type Language } from '../../domain/constants.ts';
import { COMPILED_HTML_FILE, compileEveryEmail } from '../../scripts/compile-emails.ts';
import { sampleEmail, sampleWebhookEmail } from '../testing/email-sample.ts';
import { renderWithMjmlEachTime } from '../testing/render-with-mjml.ts';
import { CLAIM_EMAIL_KINDS, claimUrlFor, createEmailRenderer, type ClaimEmailInput, type ClaimEmailKind } from './render.ts';

// The five emails in both languages: what each says, that whatever a person typed is escaped in
// the HTML (and left as typed in the text part), the link to the claim, and that the HTML mjml
// compiled at build time (compiled-html.json) is what mjml makes of the templates now.

const renderer = createEmailRenderer();
const HOSTILE = `<script>alert(1)</script>&"'`;

const input = sampleEmail;

/** Every value a person or a host typed, made hostile. */
function hostileInput(kind: ClaimEmailKind, lang: Language): ClaimEmailInput {
  const base = input(kind, lang);
  return {
    ...base,
    recipientName: `Ana ${HOSTILE}`,
    companyName: `Ferretería ${HOSTILE}`,
    claim: { ...base.claim, carrier: `Azkar ${HOSTILE}`, trackingNumber: `AZK ${HOSTILE}` },
    data: {
      ...base.data,
      actor: { kind: 'handler', id: 'usr_carmen', name: `Carmen ${HOSTILE}` },
      document: { requirementId: 'req_1', kind: 'other', label: { es: `Factura ${HOSTILE}`, en: `Invoice ${HOSTILE}` } },
      reason: `Ilegible ${HOSTILE}`,
      preview: `Hola\n${HOSTILE}`,
    },
  };
}

const every = CLAIM_EMAIL_KINDS.flatMap((kind) => LANGUAGES.map((lang) => [kind, lang] as const));

describe('every email, in Spanish and English', () => {
  for (const [kind, lang] of every) {
    it(`${kind} (${lang}) has a subject, an HTML and a text part, all filled in`, () => {
      const email = renderer.render(input(kind, lang));
      assert.match(email.subject, /SIN-2026-000877/);
      assert.match(email.html, new RegExp(`<html[^>]* lang="${lang}"`));
      assert.match(email.html, /Claimdesk/);
      assert.match(email.html, /SIN-2026-000877/);
      assert.match(email.text, /SIN-2026-000877/);
      for (const part of [email.subject, email.html, email.text]) {
        assert.doesNotMatch(part, /\{\{|\}\}/, 'a slot was left unfilled');
      }
    });

    it(`${kind} (${lang}) links to the claim, in the button and in the text part`, () => {
      const email = renderer.render(input(kind, lang));
      const url = 'https://host.example/area/siniestros/clm_0001?ref=SIN-2026-000877&tab=resumen';
      assert.ok(email.html.includes(`href="${url.replace('&', '&amp;')}"`), 'the button links to PUBLIC_CLAIM_URL with the id');
      assert.ok(email.text.includes(url));
    });

    it(`${kind} (${lang}) without PUBLIC_CLAIM_URL has no button but names the reference`, () => {
      const email = renderer.render(input(kind, lang, { claimUrl: null }));
      assert.doesNotMatch(email.html, /host\.example/);
      assert.doesNotMatch(email.text, /https?:/);
      const findIt = lang === 'es' ? 'con la referencia SIN-2026-000877' : 'under reference SIN-2026-000877';
      assert.ok(email.html.includes(findIt));
      assert.ok(email.text.includes(findIt));
    });

    it(`${kind} (${lang}) escapes what people typed in the HTML and keeps it as typed in the text`, () => {
      const email = renderer.render(hostileInput(kind, lang));
      assert.doesNotMatch(email.html, /<script>/);
      assert.ok(email.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;'));
      assert.ok(email.text.includes(HOSTILE));
    });
  }
});

describe('what each email says', () => {
  it('asks to accept or decline a new claim, naming its type, carrier and tracking number', () => {
    const es = renderer.render(input('claim_created', 'es'));
    assert.equal(es.subject, 'Nuevo siniestro SIN-2026-000877: acepta o rechaza su gestión');
    for (const words of ['Rotura', 'Transportes Azkar', 'AZK-2026-55821', 'Aceptar o rechazar']) assert.ok(es.text.includes(words), words);
    const en = renderer.render(input('claim_created', 'en'));
    assert.equal(en.subject, 'New claim SIN-2026-000877: accept or decline handling it');
    for (const words of ['Breakage', 'Accept or decline']) assert.ok(en.text.includes(words), words);
  });

  it('names the rejected document in the reader’s language, with the handler’s reason', () => {
    const es = renderer.render(input('document_rejected', 'es'));
    assert.match(es.subject, /Factura comercial/);
    assert.ok(es.text.includes('La factura no es legible.'));
    assert.ok(es.text.includes('Sube uno nuevo que lo corrija.'));
    assert.match(renderer.render(input('document_rejected', 'en')).subject, /Commercial invoice/);
  });

  it('counts the handler’s messages and quotes the newest, line breaks kept', () => {
    const one = renderer.render(input('message', 'es'));
    assert.equal(one.subject, 'SIN-2026-000877: nuevo mensaje de Carmen Ruiz');
    const three = input('message', 'en', { count: 3 });
    const burst = renderer.render({ ...three, data: { ...three.data, preview: 'First line\nSecond line' } });
    assert.equal(burst.subject, 'SIN-2026-000877: 3 new messages from Carmen Ruiz');
    assert.ok(burst.text.includes('Carmen Ruiz sent you 3 messages about claim SIN-2026-000877.'));
    assert.ok(burst.text.includes('First line\nSecond line'));
    assert.match(burst.html, /white-space:pre-line">First line\nSecond line</);
  });

  it('says from which status to which, in the widget’s words', () => {
    const es = renderer.render(input('status_changed', 'es'));
    assert.equal(es.subject, 'Siniestro SIN-2026-000877: ahora «En revisión»');
    assert.ok(es.text.includes('ha pasado de «Documentación» a «En revisión»'));
    const en = renderer.render(input('status_changed', 'en'));
    assert.ok(en.text.includes('moved from “Documentation” to “In review”'));
  });

  it('says where the claim is when the email goes, and how many changes a burst folded in', () => {
    const burst = input('status_changed', 'es', { count: 120, claim: { ...input('status_changed', 'es').claim, status: 'documentation' } });
    const es = renderer.render(burst);
    assert.equal(es.subject, 'Siniestro SIN-2026-000877: ahora «Documentación»');
    assert.ok(es.text.includes('120 cambios de estado'));
    assert.ok(es.text.includes('El siniestro SIN-2026-000877 ha cambiado 120 veces de estado y ahora está en «Documentación».'));
    const en = renderer.render({ ...burst, lang: 'en' });
    assert.equal(en.subject, 'Claim SIN-2026-000877: now “Documentation”');
    assert.ok(en.text.includes('120 status changes'));
    assert.ok(en.text.includes('Claim SIN-2026-000877 changed status 120 times and is now “Documentation”.'));

    // One change, but the claim moved on before the email went (a change of its own, emailed after): where it is now.
    const movedOn = renderer.render(input('status_changed', 'en', { claim: { ...input('status_changed', 'en').claim, status: 'submitted' } }));
    assert.equal(movedOn.subject, 'Claim SIN-2026-000877: now “Submitted”');
    assert.ok(movedOn.text.includes('Claim SIN-2026-000877 is now “Submitted”.'));
    assert.doesNotMatch(movedOn.text, /In review/);
  });

  it('says what the claim got once resolved — also when it was closed before the email went — and no amount when denied', () => {
    const claim = input('status_changed', 'es').claim;
    const paid = { ...claim, status: 'closed' as const, outcome: { result: 'paid' as const, amountCents: 80_000, currency: 'EUR' } };
    const es = renderer.render(input('status_changed', 'es', { count: 2, claim: paid }));
    assert.match(es.text, /Resultado: Indemnizado, 800,00\s€\./);
    const en = renderer.render(input('status_changed', 'en', { count: 2, claim: paid }));
    assert.match(en.text, /Outcome: Paid, €800\.00\./);
    const denied = renderer.render(input('status_changed', 'en', { claim: { ...claim, status: 'resolved', outcome: { result: 'denied', amountCents: 0, currency: 'EUR' } } }));
    assert.match(denied.text, /Outcome: Denied\. /);
  });

  it('writes the deadline as the reader’s language and the deadline country’s clock do, with the hours left', () => {
    const es = renderer.render(input('deadline_approaching', 'es'));
    assert.match(es.subject, /48 horas/);
    assert.match(es.text, /jueves, 3 de diciembre de 2026.*23:59/);
    const en = renderer.render(input('deadline_approaching', 'en'));
    assert.match(en.text, /Thursday,? 3 December 2026.*23:59/);
    assert.match(en.subject, /48 hours/);
  });

  it('tells administrators which webhook Claimdesk disabled, why, and how to turn it back on, with no link to a claim', () => {
    const gone = renderer.render(sampleWebhookEmail('es', 'gone'));
    assert.equal(gone.subject, 'Webhook desactivado: https://erp.ferreteria.example/claimdesk');
    for (const words of ['410 Gone', 'ERP SAP', 'PATCH /api/v1/webhooks/whe_0001', 'eres administrador de Ferretería Martínez S.L.']) assert.ok(gone.text.includes(words), words);
    const failing = renderer.render(sampleWebhookEmail('en', 'failing'));
    assert.equal(failing.subject, 'Webhook disabled: https://erp.ferreteria.example/claimdesk');
    for (const words of ['has failed for 3 days', 'turn it back on', 'you are an administrator of Ferretería Martínez S.L.']) assert.ok(failing.text.includes(words), words);
    for (const email of [gone, failing]) {
      assert.doesNotMatch(email.html, /\{\{|\}\}|href="https:\/\/host/);
      assert.doesNotMatch(email.text, /referencia|reference/);
    }
  });
});

describe('compiled at build time', () => {
  it('compiled-html.json is what mjml makes of the templates as they are now', () => {
    const committed = JSON.parse(readFileSync(COMPILED_HTML_FILE, 'utf8')) as Record<string, string>;
    const now = compileEveryEmail();
    const stale = [...new Set([...Object.keys(committed), ...Object.keys(now)])].filter((form) => committed[form] !== now[form]);
    assert.deepEqual(stale, [], `api/email/compiled-html.json is stale (${stale.join(', ')}): run \`npm run build:emails\` and commit it.`);
  });

  it('renders what mjml run for each email would', () => {
    for (const [kind, lang] of every) {
      for (const email of [input(kind, lang), hostileInput(kind, lang), input(kind, lang, { claimUrl: null })]) {
        assert.deepEqual(renderer.render(email), renderWithMjmlEachTime(email));
      }
    }
  });

  it('refuses, when it is made, compiled HTML that lacks an email, saying how to compile it', () => {
    const committed = JSON.parse(readFileSync(COMPILED_HTML_FILE, 'utf8')) as Record<string, string>;
    const lacking = Object.fromEntries(Object.entries(committed).filter(([form]) => form !== 'message en plain'));
    assert.throws(() => createEmailRenderer(lacking), /has no "message en plain" email; run `npm run build:emails`/);
  });
});

describe('claimUrlFor', () => {
  it('puts the claim id and reference in PUBLIC_CLAIM_URL, URL-encoded', () => {
    assert.equal(
      claimUrlFor('https://host.example/c/{id}?r={reference}', { id: 'clm_1', reference: 'SIN 2026/1&2' }),
      'https://host.example/c/clm_1?r=SIN%202026%2F1%262',
    );
  });

  it('gives no link without PUBLIC_CLAIM_URL', () => {
    assert.equal(claimUrlFor(undefined, { id: 'clm_1', reference: 'SIN-2026-000001' }), null);
    assert.equal(claimUrlFor('', { id: 'clm_1', reference: 'SIN-2026-000001' }), null);
  });
});
