import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import './claims-chat.ts';
import '../claims-documents/claims-documents.ts';
import type { ClaimsChat } from './claims-chat.component.ts';
import type { ClaimsDocuments } from '../claims-documents/claims-documents.component.ts';
import { $, $$, acceptAs, apiBase, createClaim, deepActive, loadDarkTheme, serverUrl, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';
import { countRequests } from '../../test/requests.ts';
import { canvasJpeg, exifSegment, phoneExif, withSegments } from '../../test/photos.ts';
import { readJpeg } from '../../photos/exif.ts';

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
  /** Sends a message with files, as the handler's own screen would: each file uploaded, then the message naming them. */
  const handlerSends = async (body: string, files: File[]) => {
    const attachments: string[] = [];
    for (const file of files) {
      const form = new FormData();
      form.append('file', file);
      const res = await fetch(`${base}/claims/${claim.id}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${handlerToken}` }, body: form });
      expect(res.status, `${file.name} uploaded`).to.equal(201);
      attachments.push(((await res.json()) as { items: { id: string }[] }).items[0]!.id);
    }
    const sent = await api(handlerToken)('POST', `/claims/${claim.id}/messages`, { body, clientId: crypto.randomUUID(), attachments });
    expect(sent.status, 'the message sent').to.equal(201);
  };
  return { company, claim, customer, handler, asCustomer: api(customerToken), asHandler: api(handlerToken), handlerSends };
}

function type(chat: ClaimsChat, text: string, key: Partial<KeyboardEventInit> = {}) {
  const textarea = $<HTMLTextAreaElement>(chat, 'textarea')!;
  textarea.value = text;
  textarea.dispatchEvent(new Event('input'));
  textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...key }));
  return textarea;
}

const bodies = (chat: ClaimsChat) => $$(chat, '.message .body').map((b) => b.textContent);

/** A PNG of one colour, `width` × `height`: a photo, as far as the API can tell. */
async function png(color: string, width = 120, height = 90): Promise<Blob> {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d')!;
  context.fillStyle = color;
  context.fillRect(0, 0, width, height);
  return new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

const PDF_BYTES = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

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
  it('names the handler on her messages and tells the customer when she last answered', async () => {
    const { claim, customer, handler } = await setup();
    type(customer, 'Buenos días');
    await until(() => bodies(handler).includes('Buenos días'), 10_000, 'the customer’s message, at the handler');
    expect(!!$(customer, '[part~="last-reply"]'), 'nothing to tell before she answers').to.equal(false);
    await until(() => $(handler, '.message.theirs [part~="author"]')?.textContent?.includes('Ferretería Martínez S.L.'), 10_000, 'the company, for the handler');
    expect($(handler, '.message.theirs [part~="author"]')!.textContent).to.contain('Ana Martínez · Ferretería Martínez S.L.');
    type(handler, 'Buenos días, Ana');
    await until(() => bodies(customer).includes('Buenos días, Ana'), 10_000, 'the handler’s answer');
    expect($(customer, '.message.theirs [part~="author"]')!.textContent).to.contain('Carmen Ruiz · gestora');
    expect($(customer, '[part~="last-reply"]')!.textContent!.trim()).to.equal('Carmen respondió ahora');
    expect(!!$(handler, '[part~="last-reply"]'), 'the handler is not told of her own answers').to.equal(false);

    // Loaded later, her answer is two hours old (the page as the server would give it then).
    const realFetch = window.fetch;
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000 - 60_000).toISOString();
    window.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      if (!new URL(String(input instanceof Request ? input.url : input)).pathname.endsWith(`/claims/${claim.id}/messages`) || (init?.method ?? 'GET') !== 'GET') return res;
      const page = (await res.json()) as { items: { at: string; author: { kind: string } }[] };
      for (const m of page.items) if (m.author.kind === 'handler') m.at = twoHoursAgo;
      return new Response(JSON.stringify(page), { status: res.status, headers: res.headers });
    };
    try {
      customer.claimId = '';
      await customer.updateComplete;
      customer.claimId = claim.id;
      await until(() => $(customer, '[part~="last-reply"]')?.textContent?.includes('hace 2 horas'), 10_000, 'the answer, two hours old');
    } finally {
      window.fetch = realFetch;
    }
    expect($(customer, '[part~="last-reply"]')!.textContent!.trim()).to.equal('Carmen respondió hace 2 horas');
    expect($(customer, '[part~="last-reply"] time')!.getAttribute('datetime')).to.equal(twoHoursAgo);
    customer.lang = 'en';
    await customer.updateComplete;
    expect($(customer, '[part~="last-reply"]')!.textContent!.trim()).to.equal('Carmen replied 2 hours ago');
  });

  it('names an integration on its messages, live and loaded: the company’s ERP by its key’s name, the operator’s systems by the sender they name or in the reader’s words', async () => {
    const { claim, customer, handler, asCustomer } = await setup();
    const key = await asCustomer('POST', '/company/api-keys', { name: 'ERP SAP', scopes: ['claims:read', 'claims:write'] });
    expect(key.status, 'the admin creates a key for the ERP').to.equal(201);
    const erp = await fetch(`${await apiBase()}/claims/${claim.id}/messages`, {
      method: 'POST',
      headers: { 'X-Api-Key': key.body.secret, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Albarán firmado recibido en almacén.', clientId: crypto.randomUUID() }),
    });
    expect(erp.status, 'the ERP writes').to.equal(201);
    const operator = await fetch(`${await serverUrl()}/test/claims/${claim.id}/operator-message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Le llamamos mañana por la mañana.', sender: { name: 'Mesa Valencia' } }),
    });
    expect(operator.status, 'the operator’s systems write, with no user behind them').to.equal(201);

    const authors = (chat: ClaimsChat) => $$(chat, '.message.theirs [part~="author"]').map((a) => a.textContent!.split(' · ').slice(0, 2).join(' · '));
    await until(() => bodies(customer).includes('Le llamamos mañana por la mañana.'), 10_000, 'both messages, live, at the customer');
    expect(authors(customer)).to.deep.equal(['ERP SAP · integración', 'Mesa Valencia · integración']);
    await until(() => $(customer, '[role="status"]')!.textContent!.includes('Mesa Valencia'), 10_000, 'the announcement names the sender');

    // Naming no sender, the operator's backend is shown in the reader's words, not the log's English name.
    const unnamed = await fetch(`${await serverUrl()}/test/claims/${claim.id}/operator-message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Recogida programada para el lunes.' }),
    });
    expect(unnamed.status).to.equal(201);
    await until(() => $(customer, '[role="status"]')!.textContent!.includes('Sistema automático'), 10_000, 'the announcement names the system in Spanish');
    expect(authors(customer)).to.deep.equal(['ERP SAP · integración', 'Mesa Valencia · integración', 'Sistema automático · integración']);
    await until(() => bodies(handler).length === 3, 10_000, 'the three messages at the handler');
    expect(authors(handler)).to.deep.equal(['ERP SAP · integration', 'Mesa Valencia · integration', 'Automated system · integration']);

    customer.claimId = '';
    await customer.updateComplete;
    customer.claimId = claim.id;
    await until(() => bodies(customer).length === 3, 10_000, 'the conversation loaded again');
    expect(authors(customer)).to.deep.equal(['ERP SAP · integración', 'Mesa Valencia · integración', 'Sistema automático · integración']);
    expect($$(customer, '.message.mine'), 'neither is the customer’s own').to.have.length(0);
  });

  it('marks where the messages that came while you were away begin, says so once, and drops the mark when you write or leave', async () => {
    // Whether the page is in view, as the elements see it.
    let visible = true;
    Object.defineProperty(document, 'visibilityState', { get: () => (visible ? 'visible' : 'hidden'), configurable: true });
    try {
      const { claim, customer, asHandler, asCustomer } = await setup();
      const handlerWrites = (body: string) => asHandler('POST', `/claims/${claim.id}/messages`, { body, clientId: crypto.randomUUID() });
      const unread = async () => (await asCustomer('GET', `/claims/${claim.id}/messages`)).body.unreadMessages as number;
      await handlerWrites('Hola, soy Carmen');
      await until(() => bodies(customer).includes('Hola, soy Carmen'), 10_000, 'the first message');
      await until(async () => (await unread()) === 0, 10_000, 'read as it came, in view');
      expect($$(customer, '.messages > li:not([part~="day"])').length, 'no mark for what came in view').to.equal(1);

      // The customer goes; two messages come meanwhile; the conversation opened again has them unread.
      customer.remove();
      await handlerWrites('Ya tengo las fotos');
      await handlerWrites('Falta el albarán');
      const chat = fixtureSync<ClaimsChat>(html`<claims-chat api-base=${customer.apiBase} token=${customer.token} claim-id=${claim.id} lang="es"></claims-chat>`);
      await chat.updateComplete;
      const status = $(chat, '[role="status"]')!;
      const said: string[] = [];
      new MutationObserver(() => said.push(status.textContent!.trim())).observe(status, { childList: true, characterData: true, subtree: true });
      /** The conversation as read: each message's text, and the mark as "—". */
      const shown = () =>
        $$(chat, '.messages > li:not([part~="day"])').map((li) => (li.matches('[part~="new-messages"]') ? '—' : li.querySelector('.body')!.textContent));
      await until(() => bodies(chat).includes('Falta el albarán'), 10_000, 'the messages that came meanwhile');
      expect(shown()).to.deep.equal(['Hola, soy Carmen', '—', 'Ya tengo las fotos', 'Falta el albarán']);
      expect($(chat, '[part~="new-messages"]')!.textContent!.trim()).to.equal('Mensajes nuevos');
      await until(() => said.includes('2 mensajes sin leer'), 10_000, 'the mark announced');
      expect($(chat, '[part~="last-reply"]')!.textContent).to.contain('Carmen respondió');
      await expect(chat, 'the mark and the last answer').to.be.accessible();

      type(chat, 'Ahora lo busco');
      await until(() => !$(chat, '[part~="new-messages"]'), 10_000, 'the mark gone once you write');

      // The page is hidden: what comes now is marked, and stays marked once back in view and read.
      visible = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await handlerWrites('Sin prisa');
      await handlerWrites('Cuando puedas');
      await until(() => bodies(chat).includes('Cuando puedas'), 10_000, 'the messages that came while hidden');
      expect(shown()).to.deep.equal(['Hola, soy Carmen', 'Ya tengo las fotos', 'Falta el albarán', 'Ahora lo busco', '—', 'Sin prisa', 'Cuando puedas']);
      visible = true;
      document.dispatchEvent(new Event('visibilitychange'));
      await until(async () => (await unread()) === 0, 10_000, 'read once back in view');
      expect(shown().indexOf('—'), 'still marked for the reader to find').to.equal(4);

      // Left (the page hidden meanwhile), with one more coming: back, the old mark is gone and the new one is above that message alone.
      visible = false;
      const parent = chat.parentElement!;
      chat.remove();
      await handlerWrites('Otra cosa');
      parent.append(chat);
      await until(() => bodies(chat).includes('Otra cosa'), 10_000, 'the message that came meanwhile');
      expect(shown().slice(3)).to.deep.equal(['Ahora lo busco', 'Sin prisa', 'Cuando puedas', '—', 'Otra cosa']);
      expect(said.filter((s) => s === '2 mensajes sin leer'), 'announced once').to.have.length(1);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  describe('files', () => {
    const LONG = 'fotografía del palé roto en el muelle de carga de Zaragoza, vista desde el lateral izquierdo.png';

    /** The handler sends three photos (each its own size, to tell them apart) and a PDF between them. */
    async function withFiles() {
      const context = await setup();
      await context.handlerSends('Le mando las fotos y el albarán', [
        new File([await png('#c0392b', 1200, 900)], LONG, { type: 'image/png' }),
        new File([await png('#27ae60', 800, 600)], 'embalaje.png', { type: 'image/png' }),
        new File([PDF_BYTES], 'albarán.pdf', { type: 'application/pdf' }),
        new File([await png('#2980b9', 600, 800)], 'etiqueta.png', { type: 'image/png' }),
      ]);
      await until(() => $$(context.customer, '.attachment').length === 4, 10_000, 'the files in the customer’s conversation');
      return context;
    }

    const viewer = (chat: ClaimsChat) => $<HTMLDialogElement>(chat, 'dialog[part~="viewer"]')!;
    const shown = (chat: ClaimsChat) => ({ name: $(chat, '.viewer-name')?.textContent ?? null, position: $(chat, '.position')?.textContent ?? null });
    /** The image the viewer shows, once it has loaded, and its width. */
    const imageWidth = (chat: ClaimsChat) =>
      until(() => {
        const image = $<HTMLImageElement>(chat, 'dialog[open] img.view');
        return image?.complete && image.naturalWidth;
      }, 10_000, 'the image in the viewer');
    /** The name of the file whose button has the focus. */
    const focusedFile = () => deepActive()?.closest('.attachment')?.querySelector('.name')?.textContent;

    it('opens a photo large on a click, steps through the conversation’s photos by buttons and arrow keys, and gives the focus back on Escape', async () => {
      const { customer } = await withFiles();
      $$(customer, '.attachment')[0]!.click();
      expect(await imageWidth(customer), 'the photo itself, not its thumbnail').to.equal(1200);
      expect(viewer(customer).open).to.equal(true);
      expect(shown(customer)).to.deep.equal({ name: LONG, position: '1 de 3' });
      expect($<HTMLImageElement>(customer, 'dialog img.view')!.alt).to.equal(LONG);
      expect(deepActive(), 'the focus on Close').to.equal($(customer, 'dialog .close'));

      await sendKeys({ press: 'ArrowRight' });
      await until(() => shown(customer).name === 'embalaje.png', 10_000, 'the next photo');
      expect(shown(customer).position).to.equal('2 de 3');
      expect(await imageWidth(customer)).to.equal(800);
      // The PDF between them is not a photo: the next one is the last photo.
      $(customer, 'dialog .step[aria-label="Imagen siguiente"]')!.click();
      await until(() => shown(customer).name === 'etiqueta.png', 10_000, 'the photo after the PDF');
      expect(shown(customer).position).to.equal('3 de 3');
      expect(await imageWidth(customer)).to.equal(600);
      await sendKeys({ press: 'ArrowRight' });
      await until(() => shown(customer).name === LONG, 10_000, 'from the last photo round to the first');
      $(customer, 'dialog .step[aria-label="Imagen anterior"]')!.click();
      await until(() => shown(customer).name === 'etiqueta.png', 10_000, 'from the first photo back to the last');
      await imageWidth(customer);

      await sendKeys({ press: 'Escape' });
      await until(() => focusedFile() === 'etiqueta.png', 5000, 'the focus back on the photo last shown');
      expect(viewer(customer).open).to.equal(false);
      expect(!!$(customer, 'dialog img'), 'nothing kept of it').to.equal(false);
    });

    it('opens on the keyboard too, and closes on a click outside it but not inside', async () => {
      const { customer } = await withFiles();
      $$(customer, '.attachment')[1]!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => viewer(customer).open && shown(customer).name === 'embalaje.png', 10_000, 'the viewer opened by Enter');
      await imageWidth(customer);
      const box = viewer(customer).getBoundingClientRect();
      viewer(customer).dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: box.left + 4, clientY: box.top + 4 }));
      await customer.updateComplete;
      expect(viewer(customer).open, 'a click on its own edge keeps it open').to.equal(true);
      viewer(customer).dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 2, clientY: 2 }));
      await until(() => focusedFile() === 'embalaje.png', 5000, 'the viewer closed by a click outside, the focus back on the photo');
      expect(viewer(customer).open).to.equal(false);
    });

    it('previews a PDF with its full name and Download, without stepping', async () => {
      const { customer } = await withFiles();
      const pdf = $$(customer, '.attachment')[2]!;
      expect(pdf.getAttribute('aria-haspopup')).to.equal('dialog');
      expect(pdf.querySelector('.sr-only')!.textContent).to.equal('Ver');
      pdf.click();
      const frame = await until(() => $<HTMLIFrameElement>(customer, 'dialog[open] iframe.view'), 10_000, 'the preview');
      expect(frame.src).to.match(/^blob:/);
      expect(frame.title).to.equal('albarán.pdf');
      expect(shown(customer)).to.deep.equal({ name: 'albarán.pdf', position: null });
      expect($$(customer, 'dialog .step'), 'no stepping through documents').to.have.length(0);
      const downloads = countRequests('GET', `/files/${pdf.dataset.file}`);
      try {
        const download = $$(customer, 'dialog .dialog-actions button').find((b) => b.textContent!.trim() === 'Descargar')!;
        download.click();
        await until(() => downloads.count === 1, 10_000, 'the file fetched to be saved');
      } finally {
        downloads.restore();
      }
      $(customer, 'dialog .close')!.click();
      await until(() => focusedFile() === 'albarán.pdf', 5000, 'the preview closed, the focus back on the PDF');
      expect(viewer(customer).open).to.equal(false);
    });

    it('says in the viewer why a file could not be shown, and reports it', async () => {
      const { customer } = await withFiles();
      const photo = $$(customer, '.attachment')[1]!;
      const errors: string[] = [];
      customer.addEventListener('claims-error', (e) => errors.push(e.detail.action));
      const realFetch = window.fetch;
      window.fetch = async (input, init) => {
        if (String(input instanceof Request ? input.url : input).endsWith(`/files/${photo.dataset.file}`)) throw new TypeError('Failed to fetch');
        return realFetch(input, init);
      };
      try {
        photo.click();
        const alert = await until(() => $(customer, 'dialog[open] [role="alert"]'), 10_000, 'the failure in the viewer');
        expect(alert.textContent).to.equal('No hay conexión con el servidor. Comprueba tu conexión a internet y vuelve a intentarlo.');
      } finally {
        window.fetch = realFetch;
      }
      expect(errors).to.deep.equal(['preview']);
      expect(shown(customer).name, 'still named, with Download to try again').to.equal('embalaje.png');
      await sendKeys({ press: 'ArrowRight' });
      expect(await imageWidth(customer), 'the next photo shows').to.equal(600);
    });

    it('passes axe with the photo viewer and the PDF preview open, in the light and the dark theme', async () => {
      const { customer } = await withFiles();
      const wrapper = customer.parentElement!;
      // In the dark theme the page behind the modal viewer is dimmed by its backdrop, and inert:
      // axe would still weigh its colours (a dark label on a dimmed light button), so there it
      // looks at the viewer alone.
      const checkBoth = async (scope: () => Element) => {
        $$(customer, '.attachment')[0]!.click();
        await imageWidth(customer);
        await expect(scope()).to.be.accessible();
        $(customer, 'dialog .close')!.click();
        await until(() => !viewer(customer).open, 5000, 'the viewer closed');
        $$(customer, '.attachment')[2]!.click();
        await until(() => $(customer, 'dialog[open] iframe.view'), 10_000, 'the preview');
        await expect(scope()).to.be.accessible();
        $(customer, 'dialog .close')!.click();
        await until(() => !viewer(customer).open, 5000, 'the preview closed');
      };
      await checkBoth(() => customer);
      const link = await loadDarkTheme();
      wrapper.classList.add('claims-theme-dark');
      document.body.style.background = '#0b0c10';
      try {
        expect(getComputedStyle(customer).getPropertyValue('--claims-color-surface').trim()).to.equal('#131419');
        await checkBoth(() => viewer(customer));
      } finally {
        link.remove();
        document.body.style.background = '';
      }
    });

    it('shows a long file name whole on keyboard focus, in the conversation and among the files to send', async () => {
      const { customer } = await withFiles();
      const button = $$(customer, '.attachment')[0]!;
      const name = button.querySelector<HTMLElement>('.name')!;
      expect(name.scrollWidth, 'cut to fit').to.be.greaterThan(name.clientWidth);
      button.focus();
      expect(name.scrollWidth, 'whole while focused').to.be.at.most(name.clientWidth);
      expect(name.textContent).to.equal(LONG);
      button.blur();
      expect(name.scrollWidth, 'cut again').to.be.greaterThan(name.clientWidth);

      const picker = $<HTMLInputElement>(customer, 'input[type="file"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([await png('#555')], `informe pericial ${LONG}`, { type: 'image/png' }));
      picker.files = transfer.files;
      picker.dispatchEvent(new Event('change'));
      const draft = await until(() => $(customer, '.draft .name'), 5000, 'the file to send');
      expect(draft.scrollWidth, 'cut to fit').to.be.greaterThan(draft.clientWidth);
      $(customer, '.draft .remove')!.focus();
      expect(draft.scrollWidth, 'whole while its Remove button has the focus').to.be.at.most(draft.clientWidth);
    });

    it('attaches a pasted screenshot like a chosen file, with the same checks, and sends it; a paste with text stays text', async () => {
      const { customer, handler } = await setup();
      const textarea = $<HTMLTextAreaElement>(customer, 'textarea')!;
      const paste = (...items: Array<File | string>) => {
        const data = new DataTransfer();
        for (const item of items) {
          if (typeof item === 'string') data.setData('text/plain', item);
          else data.items.add(item);
        }
        const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
        textarea.dispatchEvent(event);
        return event;
      };
      // Cells copied from a spreadsheet come as text and as a picture of them: the text is what is meant.
      expect(paste('A1\tB1', new File([await png('#000')], 'image.png', { type: 'image/png' })).defaultPrevented).to.equal(false);
      await customer.updateComplete;
      expect(!!$(customer, '.draft'), 'nothing attached').to.equal(false);
      // Refused as a chosen file would be.
      expect(paste(new File(['GIF89a'], 'image.gif', { type: 'image/gif' })).defaultPrevented).to.equal(true);
      await until(() => $(customer, '.draft.failed'), 5000, 'the refusal');
      expect($(customer, '.draft.failed')!.textContent).to.contain('«image.gif» no es de un tipo admitido');
      $<HTMLButtonElement>(customer, '.draft.failed .remove')!.click();

      expect(paste(new File([await png('#8e44ad', 640, 400)], 'image.png', { type: 'image/png' })).defaultPrevented).to.equal(true);
      const draft = await until(() => $(customer, '.draft.ready'), 10_000, 'the screenshot uploaded');
      const name = draft.querySelector('.name')!.textContent!;
      expect(name, 'a name that tells one screenshot from another').to.match(/^Captura \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.png$/);
      type(customer, 'Así se ve en pantalla');
      await until(() => !$(customer, '.message.pending') && $$(customer, '.message').length === 1, 10_000, 'the message sent');
      expect(!!$(customer, '.draft'), 'the composer has no files left').to.equal(false);
      await until(() => $<HTMLImageElement>(handler, '.message [part~="attachment-thumbnail"]')?.naturalWidth, 10_000, 'the screenshot on the other side');
      expect($$(handler, '.message .attachment .name').map((n) => n.textContent)).to.deep.equal([name]);
    });
  });

  describe('asking for a document', () => {
    /** The handler opens the form by its button, picks a kind, writes a note and sends it. */
    async function request(handler: ClaimsChat, kind: string, note = '') {
      const button = await until(() => $<HTMLButtonElement>(handler, '[part~="request-button"]'), 10_000, 'the handler’s “Request a document”');
      button.click();
      const select = await until(() => $<HTMLSelectElement>(handler, '#request-kind'), 5000, 'the form');
      select.value = kind;
      select.dispatchEvent(new Event('change'));
      $<HTMLTextAreaElement>(handler, '#request-note')!.value = note;
      await handler.updateComplete;
      $<HTMLButtonElement>(handler, '[part~="request-form"] button[type="submit"]')!.click();
    }

    const card = (chat: ClaimsChat) => $(chat, '.message [part~="document-request"]');
    const status = (chat: ClaimsChat) => card(chat)?.querySelector('[part~="request-status"]')?.textContent?.trim();

    it('asks from the chat; the customer sees it live, uploads from the message, and both sides and the documents tab show it uploaded', async () => {
      const { claim, customer, handler, asCustomer } = await setup();
      const documents = fixtureSync<ClaimsDocuments>(
        html`<claims-documents api-base=${await apiBase()} token=${customer.token} claim-id=${claim.id} lang="es"></claims-documents>`,
      );
      expect(!!$(customer, '[part~="request-button"]'), 'customers do not ask for documents').to.equal(false);

      await request(handler, 'police_report', 'Con el sello de la comisaría.');
      // The customer's, live: the document's name and note in Spanish, missing, with its upload.
      await until(() => status(customer) === 'Pendiente', 10_000, 'the request, live, with its state');
      expect(card(customer)!.textContent).to.contain('Te pedimos este documento').and.contain('Denuncia policial').and.contain('Con el sello de la comisaría.');
      await until(() => status(handler) === 'Missing', 10_000, 'the handler’s own request, confirmed, with its state');
      expect(card(handler)!.textContent).to.contain('Document requested').and.contain('Police report');
      expect(!!$(handler, '[part~="request-upload"]'), 'the handler gets no upload button').to.equal(false);
      // The same document is in the checklist, once.
      const list = await asCustomer('GET', `/claims/${claim.id}/documents`);
      const asked = list.body.items.filter((r: { kind: string }) => r.kind === 'police_report');
      expect(asked.map((r: { note: string; status: string }) => [r.note, r.status])).to.deep.equal([['Con el sello de la comisaría.', 'missing']]);
      await until(() => $$(documents, '[part~="item"]').some((item) => item.textContent!.includes('Denuncia policial')), 10_000, 'the documents tab, live');

      const uploaded = new Promise<CustomEvent>((resolve) => customer.addEventListener('claims-document-uploaded', resolve as EventListener, { once: true }));
      const picker = card(customer)!.querySelector<HTMLInputElement>('input[type="file"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([PDF_BYTES], 'denuncia.pdf', { type: 'application/pdf' }));
      picker.files = transfer.files;
      picker.dispatchEvent(new Event('change'));
      const event = await uploaded;
      expect(event.detail.requirementId).to.equal(asked[0].id);
      expect(event.detail.file.name).to.equal('denuncia.pdf');

      await until(() => status(customer) === 'Por revisar', 10_000, 'uploaded, in the customer’s message');
      expect(card(customer)!.textContent).to.contain('Ya está subido');
      expect(!!$(customer, '[part~="request-upload"]'), 'filled: no more upload from the message').to.equal(false);
      await until(() => status(handler) === 'To review', 10_000, 'uploaded, live in the handler’s message');
      expect(card(handler)!.textContent).to.contain('waiting for your review');
      await until(
        () => $$(documents, '[part~="item"]').find((item) => item.textContent!.includes('Denuncia policial'))?.querySelector('[part~="status-badge"]')?.textContent?.trim() === 'Por revisar',
        10_000,
        'uploaded, in the documents tab',
      );
      const stored = await asCustomer('GET', `/claims/${claim.id}/messages`);
      expect(stored.body.items.length, 'one message').to.equal(1);
    });

    it('opens and closes by keyboard, the focus going in and back; asks which document when none of the kinds fits', async () => {
      const { customer, handler } = await setup();
      const button = await until(() => $<HTMLButtonElement>(handler, '[part~="request-button"]'), 10_000, 'the handler’s “Request a document”');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => deepActive()?.id === 'request-kind', 5000, 'the focus on the kinds');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      await expect(handler, 'the form open').to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await until(() => !$(handler, '[part~="request-form"]') && deepActive() === button, 5000, 'closed, the focus back on the button');
      expect(button.getAttribute('aria-expanded')).to.equal('false');

      button.click();
      const select = await until(() => $<HTMLSelectElement>(handler, '#request-kind'), 5000, 'the form again');
      select.value = 'other';
      select.dispatchEvent(new Event('change'));
      await handler.updateComplete;
      expect($(handler, 'label[for="request-note"]')!.textContent).to.equal('Which document you need');
      $<HTMLButtonElement>(handler, '[part~="request-form"] button[type="submit"]')!.click();
      await handler.updateComplete;
      expect($(handler, '#request-error')!.textContent).to.equal('Write which document you need.');
      expect(deepActive()?.id, 'the focus on what is missing').to.equal('request-note');
      expect($$(handler, '.message'), 'nothing sent').to.have.length(0);
      $<HTMLTextAreaElement>(handler, '#request-note')!.value = 'El parte de daños del almacén, firmado.';
      $<HTMLButtonElement>(handler, '[part~="request-form"] button[type="submit"]')!.click();
      await until(() => card(customer)?.textContent?.includes('El parte de daños del almacén, firmado.'), 10_000, 'the free request, live');
      expect(card(customer)!.textContent).to.contain('Otro documento');
      await until(() => status(customer) === 'Pendiente', 10_000, 'its state');
    });

    it('offers the camera in a message that asks for photos; a photo taken goes made small, without its GPS, the saving shown', async () => {
      const { claim, customer, handler, asCustomer } = await setup();
      await request(handler, 'packaging_photos');
      const camera = await until(() => card(customer)?.querySelector<HTMLButtonElement>('[part~="request-camera"]'), 10_000, 'the camera in the message');
      expect(camera.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Hacer foto: Fotos del embalaje');
      const input = camera.nextElementSibling as HTMLInputElement;
      expect([input.accept, input.getAttribute('capture'), input.multiple]).to.deep.equal(['image/*', 'environment', true]);
      await expect(customer).to.be.accessible();

      const photo = withSegments(await canvasJpeg(4000, 3000), exifSegment(phoneExif()));
      await executeServerCommand('throttle-upload', 200_000);
      try {
        const transfer = new DataTransfer();
        transfer.items.add(new File([photo as BlobPart], 'embalaje.jpg', { type: 'image/jpeg' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change'));
        const row = await until(() => card(customer)?.querySelector('.draft .saving'), 20_000, 'the saving beside the upload');
        expect(row.textContent).to.match(/→/).and.contain('Foto «embalaje.jpg» reducida de');
      } finally {
        await executeServerCommand('throttle-upload', null);
      }
      await until(() => status(customer) === 'Por revisar', 20_000, 'uploaded');
      const list = await asCustomer('GET', `/claims/${claim.id}/documents`);
      // The requirement the message added (the breakage's checklist has one of its own, still empty).
      const [file] = list.body.items.find((r: { kind: string; files: unknown[] }) => r.kind === 'packaging_photos' && r.files.length).files;
      const res = await fetch(`${await apiBase()}/files/${file.id}`, { headers: { Authorization: `Bearer ${customer.token}` } });
      const facts = readJpeg(new Uint8Array(await res.arrayBuffer()))!;
      expect([facts.width, facts.height]).to.deep.equal([2560, 1920]);
      expect(facts.gps).to.equal(false);
      expect(facts.captureTime!.dateTimeOriginal).to.equal('2026:11:27 09:41:07');
      expect(file.size).to.be.lessThan(photo.length);
    });

    it('refuses a file of the wrong type in the message before sending it, and passes axe with the request on both sides', async () => {
      const { customer, handler } = await setup();
      const sent: string[] = [];
      customer.addEventListener('claims-upload', (e) => sent.push(e.detail.file.name));
      await request(handler, 'bank_account_certificate');
      const upload = await until(() => card(customer)?.querySelector<HTMLButtonElement>('[part~="request-upload"]'), 10_000, 'the upload in the message');
      expect(upload.textContent).to.contain('Subir archivo');
      const picker = card(customer)!.querySelector<HTMLInputElement>('input[type="file"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], 'setup.exe', { type: 'application/x-msdownload' }));
      picker.files = transfer.files;
      picker.dispatchEvent(new Event('change'));
      const refused = await until(() => card(customer)?.querySelector('.draft.failed'), 5000, 'the refusal');
      expect(refused.textContent).to.contain('no es de un tipo admitido');
      expect(sent, 'never offered to the host, never sent').to.deep.equal([]);
      await until(() => status(handler) === 'Missing', 10_000, 'the handler’s message with its state');
      await expect(customer).to.be.accessible();
      await expect(handler).to.be.accessible();
      refused.querySelector<HTMLButtonElement>('.remove')!.click();
      await until(() => !card(customer)?.querySelector('.draft'), 5000, 'dismissed');
      expect(status(customer)).to.equal('Pendiente');
    });
  });
});
