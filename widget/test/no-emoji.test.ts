import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../components/claims-list/claims-list.ts';
import '../components/claims-chat/claims-chat.ts';
import '../components/claims-timeline/claims-timeline.ts';
import type { ClaimsList } from '../components/claims-list/claims-list.component.ts';
import type { ClaimsChat } from '../components/claims-chat/claims-chat.component.ts';
import type { ClaimsTimeline } from '../components/claims-timeline/claims-timeline.component.ts';
import { $, $$, acceptAs, apiBase, createClaim, tokenFor, uniqueCompany, until } from './helpers.ts';

// Icons are drawn (claims-list.icons.ts, claims-chat.icons.ts, claims-timeline.icons.ts), never characters: an emoji renders as an empty box on a
// machine without an emoji font (this test machine, for one). Against the real API, the list with
// an unread count and the conversation with an attachment and drafts show no emoji anywhere, and
// each icon is an SVG element, hidden from assistive technology, sized and coloured as its text.

/** Pictographs, emoji, Miscellaneous Symbols, Dingbats, and the emoji presentation selector. */
const EMOJI = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{FE0F}]/u;

/** The text a root shows: its text nodes and the attributes shown as text, through nested shadow roots. */
function shownText(root: ShadowRoot | Element): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.textContent!.trim() && !node.parentElement?.closest('style, script')) found.push(node.textContent!);
      continue;
    }
    const el = node as Element;
    for (const name of ['title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) found.push(value);
    }
    if (el.shadowRoot) found.push(...shownText(el.shadowRoot));
  }
  return found;
}

/** Fails with the text that has an emoji, if any does. */
function expectNoEmoji(el: Element): void {
  const text = shownText(el.shadowRoot!);
  expect(text.length, 'some text to look at').to.be.greaterThan(0);
  expect(text.filter((t) => EMOJI.test(t))).to.deep.equal([]);
}

/** An icon: an <svg>, out of the accessibility tree and the tab order, 1em square, painted in the text's colour. */
function expectIcon(icon: Element | null | undefined, what: string): void {
  expect(icon instanceof SVGSVGElement, `${what}: an <svg>`).to.equal(true);
  const svg = icon as SVGSVGElement;
  expect(svg.getAttribute('aria-hidden'), `${what}: aria-hidden`).to.equal('true');
  expect(svg.getAttribute('focusable'), `${what}: focusable`).to.equal('false');
  expect(svg.textContent, `${what}: no text in it`).to.equal('');
  const style = getComputedStyle(svg);
  const box = svg.getBoundingClientRect();
  expect(box.height, `${what}: as tall as its text`).to.be.closeTo(parseFloat(style.fontSize), 0.5);
  expect(box.width, `${what}: square`).to.be.closeTo(box.height, 0.5);
  // Filled or outlined, in currentColor: the text's colour, so the theme's.
  expect(style.fill === 'none' ? style.stroke : style.fill, `${what}: painted in the text's colour`).to.equal(style.color);
}

function pick(chat: ClaimsChat, ...files: File[]): void {
  const picker = $<HTMLInputElement>(chat, 'input[type="file"]')!;
  const transfer = new DataTransfer();
  files.forEach((f) => transfer.items.add(f));
  picker.files = transfer.files;
  picker.dispatchEvent(new Event('change'));
}

const pdf = (name: string) => new File(['%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'], name, { type: 'application/pdf' });

describe('icons, not emoji', () => {
  it('the list shows an unread count with a drawn icon and its words for screen readers', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const [base, token, handler] = await Promise.all([apiBase(), tokenFor(company), tokenFor(company, { role: 'handler' })]);
    const res = await fetch(`${base}/claims/${claim.id}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${handler}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: '¿Tiene fotos del embalaje?', clientId: crypto.randomUUID() }),
    });
    expect(res.status).to.equal(201);
    const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token} lang="es"></claims-list>`);
    const badge = await until(() => $(el, '[part~="unread-badge"]'), 10_000, 'the unread badge');
    expectNoEmoji(el);
    const icons = badge.querySelectorAll('svg');
    expect(icons).to.have.length(1);
    expectIcon(icons[0], 'the unread icon');
    expect(badge.querySelector('[aria-hidden="true"]:not(svg)')!.textContent).to.equal('1');
    expect(badge.querySelector('.sr-only')!.textContent).to.equal('1 mensaje sin leer');
  });

  it('the conversation draws its attach, file and remove icons, and names the controls as before', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    await acceptAs(company, claim.id);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company, { lang: 'es' })]);
    // fixtureSync: `fixture` waits for an animation frame, which a test tab not in front gets none of.
    const chat = fixtureSync<ClaimsChat>(html`<claims-chat api-base=${base} token=${token} claim-id=${claim.id} lang="es"></claims-chat>`);
    await until(() => $(chat, '.empty:not(.loading)') && $(chat, 'input[type="file"]') && !$(chat, 'textarea')!.hasAttribute('disabled'), 10_000, 'the conversation loaded');

    // A message with a file that has no preview (a PDF): it shows the file icon.
    pick(chat, pdf('albarán.pdf'));
    await until(() => $(chat, '.draft.ready'), 10_000, 'the upload');
    const textarea = $<HTMLTextAreaElement>(chat, 'textarea')!;
    textarea.value = 'Adjunto el albarán';
    textarea.dispatchEvent(new Event('input'));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await until(() => $(chat, '.message.mine:not(.pending) .attachment') && !$(chat, '.draft'), 10_000, 'the message with its file, sent');
    // Then two drafts: one uploaded, one refused.
    pick(chat, pdf('factura.pdf'), new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], 'setup.exe', { type: 'application/x-msdownload' }));
    await until(() => $(chat, '.draft.ready') && $(chat, '.draft.failed'), 10_000, 'a draft uploaded and one refused');

    expectNoEmoji(chat);
    const attach = $(chat, '[part~="attach-button"]')!;
    expectIcon(attach.querySelector('svg'), 'the attach icon');
    expect(attach.querySelector('input[type="file"]')!.getAttribute('aria-label')).to.equal('Adjuntar archivos');
    expectIcon($(chat, '.message .attachment')!.querySelector('svg'), 'the file icon');
    const removes = $$<HTMLButtonElement>(chat, '.draft .remove');
    expect(removes.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Quitar «factura.pdf»', 'Quitar «setup.exe»']);
    removes.forEach((b, i) => expectIcon(b.querySelector('svg'), `remove icon ${i + 1}`));
    await expect(chat).to.be.accessible();
  });

  it('the timeline’s stepper draws its done and declined marks', async () => {
    const company = uniqueCompany();
    const [accepted, declined] = await Promise.all([createClaim(company), createClaim(company)]);
    await acceptAs(company, accepted.id);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company, { lang: 'es' })]);
    const decline = await fetch(`${base}/claims/${declined.id}/decline`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'Lo gestionamos con el transportista' }),
    });
    expect(decline.status).to.equal(200);
    for (const [claim, step] of [[accepted, 'done'], [declined, 'declined']] as const) {
      const el = fixtureSync<ClaimsTimeline>(html`<claims-timeline api-base=${base} token=${token} claim-id=${claim.id} lang="es"></claims-timeline>`);
      const mark = await until(() => $(el, `[part~="step-${step}"] .mark`), 10_000, `the ${step} step`);
      expectNoEmoji(el);
      expectIcon(mark.querySelector('svg'), `the ${step} mark`);
    }
  });
});
