import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../components/claims-app/claims-app.ts';
import '../components/claims-documents/claims-documents.ts';
import type { ClaimsApp } from '../components/claims-app/claims-app.component.ts';
import type { ClaimsList } from '../components/claims-list/claims-list.component.ts';
import type { ClaimsDocuments } from '../components/claims-documents/claims-documents.component.ts';
import type { DocumentList } from '../internal/types.ts';
import { ClaimsElement } from '../internal/claims-element.ts';
import { plural } from '../internal/format.ts';
import { bytes } from '../internal/upload-check.ts';
import { apiTextIn, languageOf, LANGUAGES, mainCatalogue } from './languages.ts';
import { $, $$, acceptAs, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../test/helpers.ts';

// The widget's languages: each catalogue loads on demand, in the language an element speaks
// (its `lang`, an enclosing element's, `<html lang>`, else Spanish), and the element draws only
// once its words are in. This page loads French first in the first test: keep that test first.

/** Says which language and locale the base element resolves, in its main strings' own words. */
class LanguageProbe extends ClaimsElement {
  override render() {
    return html`<p lang=${this.language}>${this.language} ${this.locale} ${this.t.claims}</p>`;
  }
}
customElements.define('claims-language-probe', LanguageProbe);

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const rows = (el: Element) => $$(el, '[part~="row"]');

async function listFor(company: string, lang: string): Promise<ClaimsList> {
  const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
  return fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token} lang=${lang}></claims-list>`);
}

describe('languages', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('draws an element only once the words of its language are in, and then in that language', async () => {
    expect(mainCatalogue.get('fr'), 'French is not loaded before this test').to.equal(undefined);
    const company = uniqueCompany();
    await createClaim(company, { type: 'breakage', declaredValue: { amountCents: 184_000, currency: 'EUR' } });
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const el = fixtureSync<ClaimsList>(html`<claims-list api-base=${base} token=${token} lang="fr"></claims-list>`);
    // Whatever the element draws first is drawn with the French words in: never empty keys, never Spanish first.
    const first = await new Promise<{ loaded: boolean; lang: string | null }>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve({ loaded: !!mainCatalogue.get('fr'), lang: $(el, '[part~="base"]')?.getAttribute('lang') ?? null });
      });
      observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    });
    expect(first).to.deep.equal({ loaded: true, lang: 'fr' });
    await until(() => rows(el).length === 1, 10_000, 'the claim');
    expect(text(el)).to.contain('Action requise');
    expect(text(el)).to.contain('Casse');
    expect($$(el, '[part~="filter-chip"]')[0]!.textContent).to.match(/Tous\s+1/);
    // Money through Intl in the language's locale (fr-FR: a narrow no-break space between thousands).
    expect(text(el)).to.match(/1\s840,00\s€/);
    await expect(el).to.be.accessible();
  });

  it('switches language at runtime, showing the previous one until the new words are in', async () => {
    const company = uniqueCompany();
    await createClaim(company);
    const el = await listFor(company, 'fr');
    await until(() => rows(el).length === 1, 10_000, 'the claim');
    expect(text(el)).to.contain('Action requise');

    expect(mainCatalogue.get('en'), 'English is not loaded before this test').to.equal(undefined);
    el.lang = 'en';
    await Promise.resolve();
    expect(text(el), 'still French while English loads').to.contain('Action requise');
    await el.updateComplete;
    expect(text(el)).to.contain('Needs action');
    expect(text(el)).not.to.contain('Action requise');

    el.lang = 'es-MX';
    await el.updateComplete;
    expect(text(el)).to.contain('Requiere acción');
    expect($(el, '[part~="base"]')!.getAttribute('lang')).to.equal('es');
  });

  it('redraws every element, nested ones too, when <html lang> changes', async () => {
    const company = uniqueCompany();
    await createClaim(company);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    document.documentElement.lang = 'fr-FR';
    const app = await fixture<ClaimsApp>(html`<claims-app api-base=${base} token=${token}></claims-app>`);
    const list = await until(() => $<ClaimsList>(app, 'claims-list'), 10_000, 'the list inside the app');
    await until(() => rows(list).length === 1, 10_000, 'the claim');
    expect(text(app)).to.contain('Paramètres');
    expect(text(list)).to.contain('Action requise');

    document.documentElement.lang = 'en-GB';
    await until(() => text(list).includes('Needs action'), 10_000, 'the list in English');
    await app.updateComplete;
    expect(text(app)).to.contain('Settings');
  });

  it('takes a tag’s language without its region (fr-CA is French), keeps the region for Intl, and speaks Spanish for a language it does not know', async () => {
    expect(languageOf('fr-CA')).to.equal('fr');
    expect(languageOf('pt-BR')).to.equal('pt');
    expect(languageOf('de-AT')).to.equal('de');
    expect(languageOf('ca-ES-valencia')).to.equal('ca');
    expect(languageOf('FR_ch')).to.equal('fr');
    expect(languageOf('en-US')).to.equal('en');
    expect(languageOf('es-MX')).to.equal('es');
    expect(languageOf('ja-JP')).to.equal('es');
    expect(languageOf('')).to.equal('es');
    expect(languageOf(undefined)).to.equal('es');
    for (const language of Object.keys(LANGUAGES)) expect(languageOf(`${language}-XX`), language).to.equal(language);

    const probe = (lang: string) => fixture<LanguageProbe>(html`<claims-language-probe lang=${lang}></claims-language-probe>`);
    expect(text(await probe('fr-CA')).trim()).to.equal('fr fr-CA Sinistres');
    expect(text(await probe('fr')).trim()).to.equal('fr fr Sinistres');
    expect(text(await probe('ja')).trim()).to.equal('es es-ES Siniestros');

    document.documentElement.lang = 'fr-BE';
    const outer = await fixture<LanguageProbe>(html`<claims-language-probe lang="en-IE"><claims-language-probe></claims-language-probe></claims-language-probe>`);
    const inner = outer.querySelector<LanguageProbe>('claims-language-probe')!;
    await inner.updateComplete;
    expect(text(outer).trim(), 'its own lang first').to.equal('en en-IE Claims');
    expect(text(inner).trim(), 'then the enclosing element’s').to.equal('en en-IE Claims');
    const alone = await fixture<LanguageProbe>(html`<claims-language-probe></claims-language-probe>`);
    expect(text(alone).trim(), 'then <html lang>').to.equal('fr fr-BE Sinistres');
  });

  it('words a failure in the element’s language', async () => {
    const el = await fixture<ClaimsList>(html`<claims-list api-base="http://127.0.0.1:9/api/v1" token="x" lang="fr"></claims-list>`);
    await until(() => text(el).includes('Impossible de charger les données'), 10_000, 'the failure');
    await until(() => text(el).includes('Impossible de joindre le serveur'), 10_000, 'what it means, in French');
    expect($(el, '[role=alert] button')!.textContent).to.contain('Réessayer');
  });

  it('shows an element loaded on use in French, with the document kinds in the API’s own French words', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company, { type: 'loss', goods: 'parcel', scope: 'national' });
    await acceptAs(company, claim.id);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const list = (await (await fetch(`${base}/claims/${claim.id}/documents`, { headers: { Authorization: `Bearer ${token}` } })).json()) as DocumentList;
    const el = await fixture<ClaimsDocuments>(html`<claims-documents api-base=${base} token=${token} claim-id=${claim.id} lang="fr"></claims-documents>`);
    await until(() => $$(el, 'h3').length === list.items.length, 10_000, 'the checklist');
    expect(text(el)).to.contain('Obligatoire');
    expect(text(el)).to.contain('En attente');
    // Every kind in every language the widget speaks, each shown in the element's own.
    for (const item of list.items) expect(Object.keys(item.label).sort(), item.kind).to.deep.equal(Object.keys(LANGUAGES).sort());
    const invoice = list.items.findIndex((item) => item.kind === 'commercial_invoice');
    expect($$(el, 'h3')[invoice]!.textContent!.trim()).to.equal('Facture commerciale (justificatif de valeur)');
    expect(text(el)).to.contain('Elle prouve la valeur de la marchandise');
    await expect(el).to.be.accessible();
  });

  it('reads words the API holds in Spanish and English only in the source language each language reads', () => {
    const label = { es: 'Fotos del precinto', en: 'Photos of the seal' };
    expect(apiTextIn(label, 'fr')).to.equal('Photos of the seal');
    expect(apiTextIn(label, 'de')).to.equal('Photos of the seal');
    expect(apiTextIn(label, 'it')).to.equal('Photos of the seal');
    expect(apiTextIn(label, 'pt')).to.equal('Fotos del precinto');
    expect(apiTextIn(label, 'ca')).to.equal('Fotos del precinto');
    expect(apiTextIn({ ...label, ca: 'Fotos del precinte' }, 'ca')).to.equal('Fotos del precinte');
  });

  it('draws the list in each language, every word there', async () => {
    const company = uniqueCompany();
    await createClaim(company);
    for (const language of Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[]) {
      const el = await listFor(company, language);
      await until(() => rows(el).length === 1, 10_000, `the claim in ${language}`);
      const t = mainCatalogue.get(language)!;
      expect(text(el), language).to.contain(t.needsAction);
      expect(text(el), language).to.contain(t.type.breakage);
      expect(text(el), language).not.to.match(/undefined|\[object|NaN/);
      expect($(el, '[part~="base"]')!.getAttribute('lang')).to.equal(language);
      el.remove();
    }
  });

  it('counts in French with Intl plural rules: 0 and 1 take the singular', async () => {
    expect(plural(0, 'fr-FR', { one: 'jour', other: 'jours' })).to.equal('jour');
    expect(plural(1, 'fr-FR', { one: 'jour', other: 'jours' })).to.equal('jour');
    expect(plural(2, 'fr-FR', { one: 'jour', other: 'jours' })).to.equal('jours');
    expect(plural(0, 'en-GB', { one: 'day', other: 'days' })).to.equal('days');
    const fr = await mainCatalogue.load('fr');
    expect(fr.deadlineBasis(1, 'business')).to.equal('1 jour ouvrable');
    expect(fr.deadlineBasis(7, 'calendar')).to.equal('7 jours calendaires');
    expect(fr.chat.unread(0)).to.equal('0 message non lu');
    expect(fr.daysLeft(0)).to.equal('Échéance aujourd’hui');
    expect(fr.daysLeft(3)).to.equal('Il reste 3 jours');
  });

  it('says a file’s size in bytes in full, with its plural, and larger sizes in short units', () => {
    expect(bytes(1, 'en-GB')).to.equal('1 byte');
    expect(bytes(69, 'en-GB')).to.equal('69 bytes');
    expect(bytes(69, 'pt-PT')).to.equal('69 bytes');
    expect(bytes(69, 'es-ES')).to.equal('69 bytes');
    expect(bytes(69, 'fr-FR')).to.match(/^69\soctets$/);
    expect(bytes(1536, 'en-GB')).to.equal('1.5 kB');
    expect(bytes(20 * 1024 * 1024, 'es-ES')).to.equal('20 MB');
  });
});
