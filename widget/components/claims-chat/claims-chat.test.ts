import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import './claims-chat.ts';
import type { ClaimsChat } from './claims-chat.component.ts';
import { $, $$, acceptAs, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The conversation against the real API: a customer and the handler, each with their own
// token, session and live stream, side by side on one page.

async function setup() {
  const company = uniqueCompany();
  const claim = await createClaim(company);
  await acceptAs(company, claim.id);
  const base = await apiBase();
  const customerToken = await tokenFor(company, { lang: 'es' });
  const handlerToken = await tokenFor(company, { role: 'handler', sub: `handler-${company}` });
  // fixtureSync: `fixture` waits for an animation frame on a plain element, and a test tab that
  // is not in front gets none.
  const el = fixtureSync<HTMLDivElement>(html`<div>
    <claims-chat id="customer" api-base=${base} token=${customerToken} claim-id=${claim.id} lang="es"></claims-chat>
    <claims-chat id="handler" api-base=${base} token=${handlerToken} claim-id=${claim.id} lang="en"></claims-chat>
  </div>`);
  const customer = el.querySelector<ClaimsChat>('#customer')!;
  const handler = el.querySelector<ClaimsChat>('#handler')!;
  await Promise.all([customer.updateComplete, handler.updateComplete]);
  // Loaded, not loading: a message that arrives while a page loads is merged with it, not announced.
  const loaded = (chat: ClaimsChat) => $(chat, '.empty:not(.loading)') && !$(chat, 'textarea')?.hasAttribute('disabled');
  await until(() => loaded(customer) && loaded(handler), 10_000, 'both conversations loaded');
  const api = (token: string) => async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  return { company, claim, customer, handler, asCustomer: api(customerToken), asHandler: api(handlerToken) };
}

function type(chat: ClaimsChat, text: string, key: Partial<KeyboardEventInit> = {}) {
  const textarea = $<HTMLTextAreaElement>(chat, 'textarea')!;
  textarea.value = text;
  textarea.dispatchEvent(new Event('input'));
  textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...key }));
  return textarea;
}

const bodies = (chat: ClaimsChat) => $$(chat, '.message .body').map((b) => b.textContent);

describe('claims-chat', () => {
  it('sends on Enter, shows it pending then sent, and the handler gets it live with who wrote it', async () => {
    const { customer, handler } = await setup();
    type(customer, 'Hola, ¿qué documentos faltan?');
    await customer.updateComplete;
    expect($(customer, '.message.pending')!.textContent).to.contain('Hola, ¿qué documentos faltan?');
    await until(() => $(customer, '.message.mine:not(.pending)'), 10_000, 'the message confirmed');
    expect($(customer, '[part~="receipt"]')!.textContent!.trim()).to.equal('Enviado');
    await until(() => bodies(handler).includes('Hola, ¿qué documentos faltan?'), 10_000, 'the handler to see it');
    expect($(handler, '.message.theirs [part~="author"]')!.textContent).to.contain('Ana Martínez');
    await until(() => $(handler, '[role="status"]')!.textContent!.includes('New message from Ana Martínez: Hola, ¿qué documentos faltan?'), 10_000, 'the polite announcement');
    expect($(handler, '[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
    expect($<HTMLTextAreaElement>(customer, 'textarea')!.value, 'the composer is cleared').to.equal('');
  });

  it('invites each side to write in its own words, in the informal Spanish of the rest of the widget', async () => {
    const { customer, handler } = await setup();
    expect($(customer, '.empty')!.textContent).to.equal('Todavía no hay mensajes. Escribe a tu gestora para resolver cualquier duda.');
    expect($(handler, '.empty')!.textContent).to.equal('No messages yet. Write to the customer to ask for what is missing or to answer their questions.');
    handler.lang = 'es';
    await until(() => $(handler, '.empty')!.textContent!.startsWith('Todavía'), 10_000, 'the handler’s Spanish');
    expect($(handler, '.empty')!.textContent).to.equal('Todavía no hay mensajes. Escribe al cliente para pedirle lo que falte o resolver sus dudas.');
  });

  it('keeps Shift+Enter as a new line, and sends nothing blank', async () => {
    const { claim, customer, handler, asCustomer } = await setup();
    const sent: string[] = [];
    customer.addEventListener('claims-message-sent', (e) => sent.push(e.detail.message.body));
    const textarea = type(customer, 'primera línea', { shiftKey: true });
    await customer.updateComplete;
    expect(textarea.value).to.equal('primera línea');
    expect($$(customer, '.message'), 'Shift+Enter sends nothing').to.have.length(0);
    type(customer, '   ');
    await customer.updateComplete;
    expect($$(customer, '.message'), 'nothing blank').to.have.length(0);
    // The next message sent is the first thing either side, and the server, ever get.
    type(customer, 'Ahora sí');
    await until(() => sent.length && bodies(handler).length, 10_000, 'the message after them, on both sides');
    expect(sent).to.deep.equal(['Ahora sí']);
    expect(bodies(handler)).to.deep.equal(['Ahora sí']);
    expect($$(customer, '.message').map((m) => m.querySelector('.body')?.textContent)).to.deep.equal(['Ahora sí']);
    const stored = await asCustomer('GET', `/claims/${claim.id}/messages`);
    expect(stored.body.items.map((m: { body: string }) => m.body)).to.deep.equal(['Ahora sí']);
  });

  it('shows the handler typing to the customer only, and “Visto” once the handler has read', async () => {
    // Messages count as read only while the page is in view; test tabs run behind one another.
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    try {
      const { customer, handler } = await setup();
      type(customer, 'Adjunto la factura luego');
      await until(() => bodies(handler).includes('Adjunto la factura luego'), 10_000, 'the message to reach the handler');
      const textarea = $<HTMLTextAreaElement>(handler, 'textarea')!;
      textarea.value = 'Perfecto';
      textarea.dispatchEvent(new Event('input'));
      await until(() => $(customer, '[part~="typing"]')!.textContent!.includes('está escribiendo'), 10_000, 'the typing indicator');
      expect($(customer, '[part~="typing"]')!.textContent).to.contain('Carmen Ruiz');
      expect($(handler, '[part~="typing"]')!.textContent, 'nobody sees their own typing').not.to.contain('Carmen Ruiz');
      // The handler's element marked the message read on arrival: the customer sees the receipt.
      await until(() => $(customer, '[part~="receipt"]')?.textContent?.trim() === 'Visto', 10_000, 'the read receipt');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('leaves messages unread while the page is not in view', async () => {
    // The page's visibility, as the elements see it: each look is counted.
    let visible = false;
    let looks = 0;
    const look = () => (looks++, visible);
    Object.defineProperty(document, 'visibilityState', { get: () => (look() ? 'visible' : 'hidden'), configurable: true });
    Object.defineProperty(document, 'hidden', { get: () => !look(), configurable: true });
    const realFetch = window.fetch;
    const reads: { visible: boolean }[] = [];
    try {
      const { claim, customer, handler, asCustomer } = await setup();
      window.fetch = (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        const by = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).get('Authorization');
        if (url.endsWith(`/claims/${claim.id}/read`) && by === `Bearer ${customer.token}`) reads.push({ visible });
        return realFetch(input, init);
      };
      looks = 0;
      type(handler, 'Le escribo mientras no mira');
      await until(() => bodies(customer).includes('Le escribo mientras no mira'), 10_000, 'the message');
      // The customer's element asks whether the page is in view before it marks anything read.
      await until(() => looks > 0, 10_000, 'the element to check whether the page is in view');
      const page = await asCustomer('GET', `/claims/${claim.id}/messages`);
      expect(page.body.unreadMessages, 'still unread for the customer').to.equal(1);
      // Then the page comes into view: that read is the first one the element sends.
      visible = true;
      document.dispatchEvent(new Event('visibilitychange'));
      await until(async () => (await asCustomer('GET', `/claims/${claim.id}/messages`)).body.unreadMessages === 0, 10_000, 'read once in view');
      expect(reads, 'one read by the customer, sent once the page was in view').to.deep.equal([{ visible: true }]);
    } finally {
      window.fetch = realFetch;
      delete (document as { visibilityState?: unknown }).visibilityState;
      delete (document as { hidden?: unknown }).hidden;
    }
  });

  it('shows HTML and script in a message as text', async () => {
    const { customer, handler } = await setup();
    const body = '<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script><b>negrita</b>';
    type(customer, body);
    await until(() => bodies(handler).includes(body), 10_000, 'the message as text');
    expect(!!$(handler, '.message img, .message script, .message b'), 'no element made from the text').to.equal(false);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it('delivers a message sent while the network is down exactly once when it comes back', async () => {
    const { claim, customer, handler, asHandler } = await setup();
    const realFetch = window.fetch;
    let attempts = 0;
    const isSend = (input: RequestInfo | URL, init?: RequestInit) => init?.method === 'POST' && String(input instanceof Request ? input.url : input).endsWith('/messages');
    // The network is down: sends fail before reaching the server.
    window.fetch = async (input, init) => {
      if (isSend(input, init)) {
        attempts++;
        throw new TypeError('Failed to fetch');
      }
      return realFetch(input, init);
    };
    try {
      type(customer, 'Enviado sin conexión');
      await until(() => $(customer, '.message.retrying'), 10_000, 'the automatic retry to be scheduled');
      expect($(customer, '.message.retrying [part~="receipt"]')!.textContent).to.contain('Sin conexión');
      // Back, but flaky: the next send reaches the server and its answer is lost on the way back.
      window.fetch = async (input, init) => {
        if (isSend(input, init) && attempts++ < 2) {
          await realFetch(input, init);
          throw new TypeError('Failed to fetch');
        }
        return realFetch(input, init);
      };
      window.dispatchEvent(new Event('online'));
      await until(() => !$(customer, '.message.pending'), 15_000, 'the message to be confirmed');
    } finally {
      window.fetch = realFetch;
    }
    await until(() => bodies(handler).includes('Enviado sin conexión'), 10_000, 'the handler to see it');
    // One more message, sent normally: once it is in, any second copy would have come before it.
    type(customer, 'Y este después');
    await until(() => !$(customer, '.message.pending') && bodies(handler).includes('Y este después'), 10_000, 'the next message, on both sides');
    expect(bodies(customer)).to.deep.equal(['Enviado sin conexión', 'Y este después']);
    expect(bodies(handler)).to.deep.equal(['Enviado sin conexión', 'Y este después']);
    const stored = await asHandler('GET', `/claims/${claim.id}/messages`);
    expect(stored.body.items.map((m: { body: string }) => m.body), 'stored once each, newest first').to.deep.equal(['Y este después', 'Enviado sin conexión']);
  });

  it('marks a message refused for good as failed, with a retry', async () => {
    const { customer } = await setup();
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/messages')) {
        return new Response(JSON.stringify({ type: 'https://claimdesk.dev/problems/invalid-request', title: 'Invalid request', detail: 'body: Too big.', status: 400 }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      }
      return realFetch(input, init);
    };
    try {
      type(customer, 'No pasará');
      await until(() => $(customer, '.message.failed'), 10_000, 'the failure');
    } finally {
      window.fetch = realFetch;
    }
    expect($(customer, '.message.failed')!.textContent).to.contain('Algún dato no es válido.').and.not.contain('Too big');
    $<HTMLButtonElement>(customer, '.message.failed .retry')!.click();
    await until(() => !$(customer, '.message.pending'), 10_000, 'the retried message to be confirmed');
    expect(bodies(customer)).to.deep.equal(['No pasará']);
  });

  it('loads older messages on scrolling up without moving what is on screen', async () => {
    const { claim, customer, asHandler } = await setup();
    for (let i = 0; i < 45; i++) await asHandler('POST', `/claims/${claim.id}/messages`, { body: `mensaje ${i}`, clientId: crypto.randomUUID() });
    customer.claimId = '';
    await customer.updateComplete;
    customer.claimId = claim.id;
    await until(() => $$(customer, '.message').length === 30, 10_000, 'the newest page');
    const log = $(customer, '[part~="log"]')!;
    expect(log.scrollTop, 'opens at the newest message').to.be.greaterThan(0);
    const anchor = $$(customer, '.message')[0]!;
    expect(anchor.textContent).to.contain('mensaje 15');
    log.scrollTop = 0;
    const offset = () => anchor.getBoundingClientRect().top - log.getBoundingClientRect().top;
    const before = offset();
    log.dispatchEvent(new Event('scroll'));
    await until(() => $$(customer, '.message').length === 45, 10_000, 'the older page');
    await customer.updateComplete;
    expect(Math.abs(offset() - before), 'the message that was at the top stays where it was').to.be.lessThan(2);
    expect($$(customer, '.message .body')[0]!.textContent).to.equal('mensaje 0');
  });

  it('attaches a photo by the picker with its progress, sends it, and the other side sees its thumbnail; refuses a wrong type before sending', async () => {
    const { customer, handler } = await setup();
    const canvas = Object.assign(document.createElement('canvas'), { width: 1200, height: 900 });
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#c0392b';
    context.fillRect(0, 0, 1200, 900);
    const png = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const picker = $<HTMLInputElement>(customer, 'input[type="file"]')!;
    const pick = (...files: File[]) => {
      const transfer = new DataTransfer();
      files.forEach((f) => transfer.items.add(f));
      picker.files = transfer.files;
      picker.dispatchEvent(new Event('change'));
    };
    pick(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], 'setup.exe', { type: 'application/x-msdownload' }));
    await until(() => $(customer, '.draft.failed'), 5000, 'the refusal');
    expect($(customer, '.draft.failed')!.textContent).to.contain('no es de un tipo admitido');
    $<HTMLButtonElement>(customer, '.draft.failed .remove')!.click();

    pick(new File([png], 'palé roto.png', { type: 'image/png' }));
    // Dropped on the conversation, a file is attached the same way.
    const dropped = new DataTransfer();
    dropped.items.add(new File(['%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'], 'albarán.pdf', { type: 'application/pdf' }));
    $(customer, '[part~="base"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    await until(() => $$(customer, '.draft.ready').length === 2, 10_000, 'both uploads');
    type(customer, 'Así llegó');
    await until(() => !$(customer, '.message.pending') && $$(customer, '.message').length === 1, 10_000, 'the message sent');
    expect(!!$(customer, '.draft'), 'the composer has no files left').to.equal(false);
    await until(() => $<HTMLImageElement>(handler, '.message [part~="attachment-thumbnail"]')?.naturalWidth, 10_000, 'the thumbnail on the other side');
    const thumbnail = $<HTMLImageElement>(handler, '.message [part~="attachment-thumbnail"]')!;
    expect(thumbnail.naturalWidth, 'a small preview, not the photo').to.be.at.most(320);
    const names = $$(handler, '.message .attachment .name').map((n) => n.textContent);
    expect(names).to.deep.equal(['palé roto.png', 'albarán.pdf']);
  });

  it('passes axe: empty, with messages of both sides, and with a refused file', async () => {
    const { customer, handler } = await setup();
    await expect(customer).to.be.accessible();
    type(handler, '¿Tiene fotos del embalaje?');
    await until(() => bodies(customer).includes('¿Tiene fotos del embalaje?'), 10_000, 'the handler’s message');
    type(customer, 'Sí, ahora las adjunto');
    await until(() => $(customer, '.message.mine:not(.pending)') && bodies(handler).includes('Sí, ahora las adjunto'), 10_000, 'the reply, on both sides');
    const picker = $<HTMLInputElement>(customer, 'input[type="file"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], 'setup.exe', { type: 'application/x-msdownload' }));
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change'));
    await until(() => $(customer, '.draft.failed'), 5000, 'the refusal');
    await expect(customer).to.be.accessible();
    await expect(handler).to.be.accessible();
  });

  it('shows a closed conversation read-only once the claim is declined', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const token = await tokenFor(company);
    const chat = await fixture<ClaimsChat>(html`<claims-chat api-base=${await apiBase()} token=${token} claim-id=${claim.id} lang="en"></claims-chat>`);
    await until(() => $(chat, 'textarea') && !$(chat, 'textarea')!.hasAttribute('disabled'), 10_000, 'the composer');
    const res = await fetch(`${await apiBase()}/claims/${claim.id}/decline`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'No procede' }),
    });
    expect(res.status).to.equal(200);
    await until(() => $(chat, '.closed'), 10_000, 'the conversation to close live');
    expect(!!$(chat, 'textarea'), 'no composer').to.equal(false);
    await expect(chat).to.be.accessible();
  });
});
