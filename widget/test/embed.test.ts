import { expect } from '@open-wc/testing';
import { $, $$, apiBase, createClaim, serverUrl, tokenFor, uniqueCompany, until } from './helpers.ts';

// This file loads only the built bundle, the way a host page does: one script tag pointing at
// the API server, another origin than the page's.
describe('embedding the built bundle from another origin', () => {
  it('registers every element from /widget/claimdesk.js, loading the rest on first use, and shows the company’s claims', async () => {
    const origin = await serverUrl();
    expect(new URL(origin).origin).not.to.equal(location.origin);

    const script = document.createElement('script');
    script.type = 'module';
    script.src = `${origin}/widget/claimdesk.js`;
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${script.src} did not load: run npm run build`));
    });
    document.head.append(script);
    await loaded;
    for (const tag of ['claims-app', 'claims-list']) expect(customElements.get(tag), tag).to.exist;
    // The others come from chunks beside the bundle (on the API's origin) the first time a page has one.
    const lazy = ['claims-detail', 'claims-timeline', 'claims-documents', 'claims-chat', 'claims-console', 'claims-api-keys', 'claims-webhooks', 'claims-analytics'];
    expect(lazy.filter((tag) => customElements.get(tag)), 'none is loaded before a page uses it').to.deep.equal([]);
    for (const tag of lazy) {
      const element = document.createElement(tag);
      document.body.append(element);
      await until(() => customElements.get(tag), 10_000, `${tag} to load when used`);
      element.remove();
    }

    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: 'Palletways Iberia' });
    const host = document.createElement('div');
    host.innerHTML = `<claims-app api-base="${await apiBase()}" token="${await tokenFor(company)}" lang="en"></claims-app>`;
    document.body.append(host);
    const app = host.querySelector('claims-app')!;
    const list = await until(() => $(app, 'claims-list'), 10_000, 'the list inside the app');
    const row = await until(() => $$(list, 'button[data-id]')[0], 10_000, 'a claim row');
    expect(row.textContent).to.include(claim.reference);
    expect(row.textContent).to.include('Palletways Iberia');
    host.remove();
  });
});
