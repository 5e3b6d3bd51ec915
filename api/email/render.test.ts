import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LANGUAGES, type Language } from '../../domain/constants.ts';
import { COMPILED_HTML_FILE, compileEveryEmail } from '../../scripts/compile-emails.ts';
import { sampleEmail, sampleWebhookEmail } from '../testing/email-sample.ts';
import { renderWithMjmlEachTime } from '../testing/render-with-mjml.ts';
import { CLAIM_EMAIL_KINDS, claimUrlFor, createEmailRenderer, type ClaimEmailInput, type ClaimEmailKind, type EmailKind } from './render.ts';
import { escapeHtml } from './templates/layout.ts';

// The emails in every language: what each says, in the reader's language, that whatever a person
// typed is escaped in the HTML (and left as typed in the text part), the link to the claim, and
// that the HTML mjml compiled at build time (compiled-html.json) is what mjml makes of the
// templates now.

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

/** French puts a no-break space before a colon and inside « » (U+00A0), as the widget's French does. */
const NBSP = '\u00a0';

/**
 * What each email says in each language, for the sample (api/testing/email-sample.ts): its subject,
 * words of its text part, and how an email without a link names the claim. Written out, not
 * read from strings.ts: this is what a reader of the language gets.
 */
const IN_EACH_LANGUAGE: Record<Language, { greeting: string; findIt: string; subjects: Record<EmailKind, string>; says: Record<ClaimEmailKind, string[]> }> = {
  es: {
    greeting: 'Hola, Ana Martínez:',
    findIt: 'con la referencia SIN-2026-000877',
    subjects: {
      claim_created: 'Nuevo siniestro SIN-2026-000877: acepta o rechaza su gestión',
      status_changed: 'Siniestro SIN-2026-000877: ahora «En revisión»',
      document_rejected: 'SIN-2026-000877: documento rechazado (Factura comercial), sube uno nuevo',
      message: 'SIN-2026-000877: nuevo mensaje de Carmen Ruiz',
      deadline_approaching: 'SIN-2026-000877: el plazo de reclamación vence en 48 horas',
      webhook_disabled: 'Webhook desactivado: https://erp.ferreteria.example/claimdesk',
    },
    says: {
      claim_created: ['Rotura', 'Aceptar o rechazar'],
      status_changed: ['ha pasado de «Documentación» a «En revisión»', 'Ya tenemos la documentación obligatoria'],
      document_rejected: ['Carmen Ruiz ha revisado «Factura comercial»', 'Sube uno nuevo que lo corrija.'],
      message: ['Carmen Ruiz te ha escrito sobre el siniestro SIN-2026-000877.', 'Leer y responder'],
      deadline_approaching: ['vence el jueves, 3 de diciembre de 2026, 23:59', 'quedan 48 horas'],
    },
  },
  en: {
    greeting: 'Hello Ana Martínez,',
    findIt: 'under reference SIN-2026-000877',
    subjects: {
      claim_created: 'New claim SIN-2026-000877: accept or decline handling it',
      status_changed: 'Claim SIN-2026-000877: now “In review”',
      document_rejected: 'SIN-2026-000877: document rejected (Commercial invoice), please upload a new one',
      message: 'SIN-2026-000877: new message from Carmen Ruiz',
      deadline_approaching: 'SIN-2026-000877: the claim deadline ends in 48 hours',
      webhook_disabled: 'Webhook disabled: https://erp.ferreteria.example/claimdesk',
    },
    says: {
      claim_created: ['Breakage', 'Accept or decline'],
      status_changed: ['moved from “Documentation” to “In review”', 'We have the required documents'],
      document_rejected: ['Carmen Ruiz reviewed “Commercial invoice”', 'Please upload a new one that fixes this.'],
      message: ['Carmen Ruiz wrote to you about claim SIN-2026-000877.', 'Read and reply'],
      deadline_approaching: ['ends on Thursday, 3 December 2026 at 23:59', '48 hours left'],
    },
  },
  pt: {
    greeting: 'Olá, Ana Martínez,',
    findIt: 'com a referência SIN-2026-000877',
    subjects: {
      claim_created: 'Novo sinistro SIN-2026-000877: aceite ou recuse a sua tramitação',
      status_changed: 'Sinistro SIN-2026-000877: agora «Em revisão»',
      document_rejected: 'SIN-2026-000877: documento rejeitado (Fatura comercial), carregue um novo',
      message: 'SIN-2026-000877: nova mensagem de Carmen Ruiz',
      deadline_approaching: 'SIN-2026-000877: o prazo de reclamação termina dentro de 48 horas',
      webhook_disabled: 'Webhook desativado: https://erp.ferreteria.example/claimdesk',
    },
    says: {
      claim_created: ['Quebra', 'Aceitar ou recusar'],
      status_changed: ['passou de «Documentação» para «Em revisão»', 'Já temos a documentação obrigatória'],
      document_rejected: ['Carmen Ruiz reviu «Fatura comercial»', 'Carregue um novo que o corrija.'],
      message: ['Carmen Ruiz escreveu-lhe sobre o sinistro SIN-2026-000877.', 'Ler e responder'],
      deadline_approaching: ['termina quinta-feira, 3 de dezembro de 2026 às 23:59', 'faltam 48 horas'],
    },
  },
  fr: {
    greeting: 'Bonjour Ana Martínez,',
    findIt: 'sous la référence SIN-2026-000877',
    subjects: {
      claim_created: `Nouveau sinistre SIN-2026-000877${NBSP}: acceptez ou refusez sa prise en charge`,
      status_changed: `Sinistre SIN-2026-000877${NBSP}: désormais «${NBSP}En cours d’examen${NBSP}»`,
      document_rejected: `SIN-2026-000877${NBSP}: document refusé (Facture commerciale), envoyez-en un nouveau`,
      message: `SIN-2026-000877${NBSP}: Carmen Ruiz vous a écrit`,
      deadline_approaching: `SIN-2026-000877${NBSP}: le délai de réclamation expire dans 48 heures`,
      webhook_disabled: `Webhook désactivé${NBSP}: https://erp.ferreteria.example/claimdesk`,
    },
    says: {
      claim_created: ['Casse', 'Accepter ou refuser'],
      status_changed: [`est passé de «${NBSP}Documentation${NBSP}» à «${NBSP}En cours d’examen${NBSP}»`, 'Nous avons reçu les documents obligatoires'],
      document_rejected: [`Carmen Ruiz a examiné «${NBSP}Facture commerciale${NBSP}»`, 'Envoyez-en un nouveau qui corrige le problème.'],
      message: ['Carmen Ruiz vous a écrit au sujet du sinistre SIN-2026-000877.', 'Lire et répondre'],
      deadline_approaching: ['expire le jeudi 3 décembre 2026 à 23:59', 'il reste 48 heures'],
    },
  },
  de: {
    greeting: 'Guten Tag Ana Martínez,',
    findIt: 'unter der Referenz SIN-2026-000877',
    subjects: {
      claim_created: 'Neuer Schadensfall SIN-2026-000877: Bearbeitung annehmen oder ablehnen',
      status_changed: 'Schadensfall SIN-2026-000877: jetzt „In Prüfung“',
      document_rejected: 'SIN-2026-000877: Dokument abgelehnt (Handelsrechnung), bitte laden Sie ein neues hoch',
      message: 'SIN-2026-000877: neue Nachricht von Carmen Ruiz',
      deadline_approaching: 'SIN-2026-000877: Die Reklamationsfrist endet in 48 Stunden',
      webhook_disabled: 'Webhook deaktiviert: https://erp.ferreteria.example/claimdesk',
    },
    says: {
      claim_created: ['Bruchschaden', 'Annehmen oder ablehnen'],
      status_changed: ['von „Unterlagen“ in „In Prüfung“ geändert', 'Die Pflichtdokumente liegen vor'],
      document_rejected: ['Carmen Ruiz hat „Handelsrechnung“ zum Schadensfall SIN-2026-000877 geprüft', 'Bitte laden Sie eine korrigierte Fassung hoch.'],
      message: ['Carmen Ruiz hat Ihnen zum Schadensfall SIN-2026-000877 geschrieben.', 'Lesen und antworten'],
      deadline_approaching: ['endet am Donnerstag, 3. Dezember 2026 um 23:59', 'noch 48 Stunden'],
    },
  },
  it: {
    greeting: 'Ciao Ana Martínez,',
    findIt: 'con il riferimento SIN-2026-000877',
    subjects: {
      claim_created: 'Nuovo sinistro SIN-2026-000877: accetta o rifiuta la gestione',
      status_changed: 'Sinistro SIN-2026-000877: ora «In revisione»',
      document_rejected: 'SIN-2026-000877: documento rifiutato (Fattura commerciale), caricane uno nuovo',
      message: 'SIN-2026-000877: nuovo messaggio da Carmen Ruiz',
      deadline_approaching: 'SIN-2026-000877: il termine per il reclamo scade tra 48 ore',
      webhook_disabled: 'Webhook disattivato: https://erp.ferreteria.example/claimdesk',
    },
    says: {
      claim_created: ['Rottura', 'Accetta o rifiuta'],
      status_changed: ['è passato da «Documentazione» a «In revisione»', 'Abbiamo ricevuto la documentazione obbligatoria'],
      document_rejected: ['Carmen Ruiz ha controllato «Fattura commerciale»', 'Caricane uno nuovo che lo corregga.'],
      message: ['Carmen Ruiz ti ha scritto sul sinistro SIN-2026-000877.', 'Leggi e rispondi'],
      deadline_approaching: ['scade giovedì 3 dicembre 2026 alle ore 23:59', 'mancano 48 ore'],
    },
  },
  ca: {
    greeting: 'Hola, Ana Martínez:',
    findIt: 'amb la referència SIN-2026-000877',
    subjects: {
      claim_created: 'Nou sinistre SIN-2026-000877: accepta’n o rebutja’n la gestió',
      status_changed: 'Sinistre SIN-2026-000877: ara «En revisió»',
      document_rejected: 'SIN-2026-000877: document rebutjat (Factura comercial), puja’n un de nou',
      message: 'SIN-2026-000877: missatge nou de Carmen Ruiz',
      deadline_approaching: 'SIN-2026-000877: el termini de reclamació venç d’aquí a 48 hores',
      webhook_disabled: 'Webhook desactivat: https://erp.ferreteria.example/claimdesk',
    },
    says: {
      claim_created: ['Trencament', 'Acceptar o rebutjar'],
      status_changed: ['ha passat de «Documentació» a «En revisió»', 'Ja tenim la documentació obligatòria'],
      document_rejected: ['Carmen Ruiz ha revisat «Factura comercial»', 'Puja’n un de nou que el corregeixi.'],
      message: ['Carmen Ruiz t’ha escrit sobre el sinistre SIN-2026-000877.', 'Llegir i respondre'],
      deadline_approaching: ['venç el dijous, 3 de desembre del 2026, a les 23:59', 'queden 48 hores'],
    },
  },
};

describe('every email, in every language', () => {
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
      const { findIt } = IN_EACH_LANGUAGE[lang];
      assert.ok(email.html.includes(findIt));
      assert.ok(email.text.includes(findIt));
    });

    it(`${kind} (${lang}) says it in the reader’s language, subject and body`, () => {
      const email = renderer.render(input(kind, lang));
      const { greeting, subjects, says } = IN_EACH_LANGUAGE[lang];
      assert.equal(email.subject, subjects[kind]);
      for (const words of [greeting, ...says[kind]]) {
        assert.ok(email.text.includes(words), `the text part says “${words}”`);
        assert.ok(email.html.includes(escapeHtml(words)), `the HTML says “${words}”`);
      }
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

  it('names the operator’s backend in the reader’s words when it wrote, and a sender it named as named', () => {
    const base = input('message', 'es');
    const host = { kind: 'service' as const, id: null, name: 'Host system' };
    assert.equal(renderer.render({ ...base, data: { ...base.data, actor: host } }).subject, 'SIN-2026-000877: nuevo mensaje de Sistema automático');
    const english = input('message', 'en');
    assert.ok(renderer.render({ ...english, data: { ...english.data, actor: host } }).text.includes('Automated system wrote to you about claim SIN-2026-000877.'));
    const sender = { ...host, name: 'Mesa Valencia' };
    assert.equal(renderer.render({ ...base, data: { ...base.data, actor: sender } }).subject, 'SIN-2026-000877: nuevo mensaje de Mesa Valencia');
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

describe('in the reader’s language', () => {
  it('tells administrators of a disabled webhook in their language', () => {
    for (const lang of LANGUAGES) {
      const email = renderer.render(sampleWebhookEmail(lang, 'gone'));
      assert.equal(email.subject, IN_EACH_LANGUAGE[lang].subjects.webhook_disabled);
      assert.ok(email.text.includes(IN_EACH_LANGUAGE[lang].greeting), lang);
      assert.match(email.html, new RegExp(`<html[^>]* lang="${lang}"`));
    }
  });

  it('names the document in the reader’s language, or — recorded before Claimdesk spoke it — in the one that language reads', () => {
    const before = input('document_rejected', 'fr');
    const esAndEnOnly = { ...before.data, document: { ...before.data.document!, label: { es: 'Factura comercial', en: 'Commercial invoice' } } };
    assert.match(renderer.render(input('document_rejected', 'fr')).subject, /\(Facture commerciale\)/);
    assert.match(renderer.render(input('document_rejected', 'fr', { data: esAndEnOnly })).subject, /\(Commercial invoice\)/, 'French reads English');
    assert.match(renderer.render(input('document_rejected', 'de', { data: esAndEnOnly })).subject, /\(Commercial invoice\)/, 'German reads English');
    assert.match(renderer.render(input('document_rejected', 'pt', { data: esAndEnOnly })).subject, /\(Factura comercial\)/, 'Portuguese reads Spanish');
  });

  it('writes amounts as the reader’s locale does', () => {
    const claim = { ...input('status_changed', 'fr').claim, status: 'resolved' as const, outcome: { result: 'paid' as const, amountCents: 184_000, currency: 'EUR' } };
    const outcome = (lang: Language) => renderer.render(input('status_changed', lang, { claim, count: 2 })).text;
    assert.match(outcome('fr'), /Résultat\u00a0: Indemnisé, 1\u202f840,00\u00a0€\./);
    assert.match(outcome('de'), /Ergebnis: Entschädigt, 1\.840,00\u00a0€\./);
    assert.match(outcome('pt'), /Resultado: Indemnizado, 1840,00\u00a0€\./);
    assert.match(outcome('it'), /Esito: Indennizzato, 1840,00\u00a0€\./);
    assert.match(outcome('ca'), /Resultat: Indemnitzat, 1\.840,00\u00a0€\./);
  });

  it('counts by each language’s plural rules', () => {
    const inHours = (lang: Language, hoursLeft: number) => renderer.render(input('deadline_approaching', lang, { data: { ...input('deadline_approaching', lang).data, hoursLeft } })).subject;
    assert.match(inHours('fr', 1), /expire dans 1 heure$/);
    assert.match(inHours('fr', 0), /expire dans 0 heure$/, 'French counts 0 in the singular');
    assert.match(inHours('pt', 0), /termina dentro de 0 horas$/, 'Portuguese (pt-PT) does not');
    assert.match(inHours('de', 1), /endet in 1 Stunde$/);
    assert.match(inHours('it', 1), /scade tra 1 ora$/);
    assert.match(inHours('ca', 1), /venç d’aquí a 1 hora$/);
  });

  it('elides Catalan "de" before a name, a company or a status that begins with a vowel sound', () => {
    const sample = input('status_changed', 'ca');
    const moved = renderer.render({ ...sample, claim: { ...sample.claim, status: 'submitted' }, data: { ...sample.data, status: 'submitted', from: 'review' } });
    assert.ok(moved.text.includes('El sinistre SIN-2026-000877 ha passat d’«En revisió» a «Presentat».'), moved.text);
    const message = input('message', 'ca');
    assert.equal(renderer.render({ ...message, data: { ...message.data, actor: { ...message.data.actor, name: 'Anna Vidal' } } }).subject, 'SIN-2026-000877: missatge nou d’Anna Vidal');
    const created = renderer.render(input('claim_created', 'ca', { companyName: 'Electrodomèstics Pons' }));
    assert.ok(created.text.includes('en un enviament d’Electrodomèstics Pons'), created.text);
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
