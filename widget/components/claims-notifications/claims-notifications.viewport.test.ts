import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './claims-notifications.ts';
import '../claims-app/claims-app.ts';
import type { ClaimsNotifications } from './claims-notifications.component.ts';
import type { ClaimsApp } from '../claims-app/claims-app.component.ts';
import { $, $$, apiBase, createClaim, deepActive, loadDarkTheme, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// Issue 21: the panel hung leftwards from the bell, off the viewport. It must stay inside it at
// 320 px and up: a sheet along the bottom on narrow viewports, a popover kept inside it on wide ones.

const bell = (el: ClaimsNotifications) => $<HTMLButtonElement>(el, '[part~="bell"]')!;
const panel = (el: ClaimsNotifications) => $(el, '[part~="panel"]')!;
const items = (el: ClaimsNotifications) => $$(el, '[part~="item"]');

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const box = (el: Element): Box => {
  const { left, top, right, bottom } = el.getBoundingClientRect();
  return { left: Math.round(left), top: Math.round(top), right: Math.round(right), bottom: Math.round(bottom) };
};

async function admin() {
  const company = uniqueCompany();
  const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
  // The user exists before the claim, so the claim's notification is made for them.
  await fetch(`${base}/me`, { headers: { Authorization: `Bearer ${token}` } });
  await createClaim(company, { carrier: 'Transportes Internacionales del Mediterráneo S.A.' });
  return { company, base, token };
}

/** Opens the panel from the bell and waits for its first notification, focused. */
async function open(el: ClaimsNotifications): Promise<void> {
  await until(() => $(el, '[part~="badge"]'), 10_000, 'the unread count');
  bell(el).click();
  await until(() => el.open && items(el).length > 0 && deepActive() === items(el)[0], 10_000, 'the list, focused');
  // Placed (a popover follows the bell in updated()): its box is no longer the default one.
  await el.updateComplete;
}

/** The panel lies inside the viewport, and the first notification's text and the heading are unclipped and on top. */
function expectInside(el: ClaimsNotifications, what: string): Box {
  const p = panel(el);
  const rect = box(p);
  const vw = document.documentElement.clientWidth;
  expect(rect.left, `${what}: panel left`).to.be.at.least(0);
  expect(rect.right, `${what}: panel right`).to.be.at.most(vw);
  expect(rect.top, `${what}: panel top`).to.be.at.least(0);
  expect(rect.bottom, `${what}: panel bottom`).to.be.at.most(window.innerHeight);
  for (const [name, target] of [
    ['heading', $(el, '#title')!],
    ['first notification', items(el)[0]!.querySelector('.text')!],
  ] as const) {
    const r = target.getBoundingClientRect();
    expect(r.width, `${what}: ${name} has a width`).to.be.greaterThan(0);
    expect(r.left >= rect.left && r.right <= rect.right && r.left >= 0 && r.right <= vw, `${what}: ${name} inside the panel horizontally`).to.equal(true);
    expect(r.top >= rect.top && r.bottom <= rect.bottom && r.top >= 0 && r.bottom <= window.innerHeight, `${what}: ${name} inside the panel vertically`).to.equal(true);
    // Nothing covers its start or its end.
    for (const x of [r.left + 2, r.right - 2]) {
      const hit = el.shadowRoot!.elementFromPoint(x, r.top + r.height / 2);
      expect(!!hit && (target.contains(hit) || hit.contains(target)), `${what}: ${name} on top at x=${Math.round(x)}`).to.equal(true);
    }
  }
  return rect;
}

describe('<claims-notifications> in the viewport', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    document.body.style.margin = '';
  });

  for (const width of [320, 360]) {
    for (const side of ['start', 'end'] as const) {
      it(`is a sheet along the bottom at ${width} px (bell at the row's ${side})`, async () => {
        await setViewport({ width, height: 640 });
        const { base, token } = await admin();
        document.body.style.margin = '0';
        const row = fixtureSync<HTMLElement>(html`<div style="display: flex; justify-content: flex-${side}; padding: 8px">
          <claims-notifications api-base=${base} token=${token} lang="es"></claims-notifications>
        </div>`);
        const el = row.querySelector<ClaimsNotifications>('claims-notifications')!;
        await open(el);
        const rect = expectInside(el, `${width} px, ${side}`);
        expect(rect, 'the whole width, at the bottom').to.deep.equal({ left: 0, right: width, top: rect.top, bottom: window.innerHeight });
        expect(panel(el).getAttribute('aria-modal')).to.equal('true');
        expect(getComputedStyle(document.documentElement).overflow, 'the page behind does not scroll').to.equal('hidden');
        await expect(el).to.be.accessible();

        // A visible close button, which returns focus to the bell and gives the page its scrolling back.
        const close = $<HTMLButtonElement>(el, '[part~="close-button"]')!;
        expect(close.getAttribute('aria-label')).to.equal('Cerrar');
        const c = close.getBoundingClientRect();
        expect(c.width >= 24 && c.left >= 0 && c.right <= width && c.top >= rect.top).to.equal(true);
        close.click();
        await until(() => !el.open && deepActive() === bell(el), 5000, 'closed, focus on the bell');
        expect(panel(el).hidden).to.equal(true);
        expect(document.documentElement.style.overflow).to.equal('');
      });
    }
  }

  it('keeps Tab inside the sheet, and closes with Escape back to the bell', async () => {
    await setViewport({ width: 360, height: 640 });
    const { base, token } = await admin();
    const el = fixtureSync<ClaimsNotifications>(html`<claims-notifications api-base=${base} token=${token} lang="en"></claims-notifications>`);
    await open(el);
    const close = $<HTMLButtonElement>(el, '[part~="close-button"]')!;
    expect(close.getAttribute('aria-label')).to.equal('Close');
    // The newest notification is the last control: Tab goes round to the first (Mark all as read).
    await sendKeys({ press: 'Tab' });
    await until(() => deepActive() === $(el, '[part~="mark-all-button"]'), 5000, 'focus round to the first control');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await until(() => deepActive() === items(el)[0], 5000, 'focus back round to the last');
    await sendKeys({ press: 'Escape' });
    await until(() => !el.open && deepActive() === bell(el), 5000, 'closed, focus on the bell');
  });

  it('closes the sheet on a click on the page dimmed behind it', async () => {
    await setViewport({ width: 320, height: 640 });
    const { base, token } = await admin();
    const el = fixtureSync<ClaimsNotifications>(html`<claims-notifications api-base=${base} token=${token} lang="es"></claims-notifications>`);
    await open(el);
    const layer = $(el, '.layer')!;
    expect(getComputedStyle(layer).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    layer.click();
    await until(() => !el.open && deepActive() === bell(el), 5000, 'closed, focus on the bell');
  });

  for (const side of ['start', 'end'] as const) {
    it(`is a popover inside the viewport at 1280 px, aligned to the bell's end (bell at the ${side})`, async () => {
      await setViewport({ width: 1280, height: 800 });
      const { base, token } = await admin();
      document.body.style.margin = '0';
      const row = fixtureSync<HTMLElement>(html`<div style="display: flex; justify-content: flex-${side}; padding: 4px 16px">
        <claims-notifications api-base=${base} token=${token} lang="es"></claims-notifications>
      </div>`);
      const el = row.querySelector<ClaimsNotifications>('claims-notifications')!;
      await open(el);
      const rect = expectInside(el, `1280 px, ${side}`);
      const b = box(bell(el));
      expect(rect.top, 'below the bell').to.be.at.least(b.bottom);
      if (side === 'end') expect(rect.right, 'aligned to the bell’s end edge').to.equal(b.right);
      else expect(rect.left, 'kept off the viewport’s edge').to.equal(8);
      expect(rect.right - rect.left, 'its full width').to.be.at.least(300);
      expect(panel(el).hasAttribute('aria-modal'), 'not modal').to.equal(false);
      expect(document.documentElement.style.overflow, 'the page still scrolls').to.equal('');
      await expect(el).to.be.accessible();
    });
  }

  it('stays inside the viewport and under the bell as the page scrolls', async () => {
    await setViewport({ width: 1280, height: 600 });
    const { base, token } = await admin();
    document.body.style.margin = '0';
    const page = fixtureSync<HTMLElement>(html`<div style="padding: 200px 4px 1600px">
      <claims-notifications api-base=${base} token=${token} lang="es"></claims-notifications>
    </div>`);
    const el = page.querySelector<ClaimsNotifications>('claims-notifications')!;
    await open(el);
    window.scrollTo(0, 120);
    expect(box(bell(el)).top, 'the page scrolled').to.be.below(100);
    // Scroll events are fired with animation frames, which a test tab in the background (beside
    // other test files) does not get: the event is sent here too, as a foreground tab would.
    document.dispatchEvent(new Event('scroll'));
    await until(() => Math.abs(box(panel(el)).top - (box(bell(el)).bottom + 6)) <= 1, 5000, 'the panel to follow the bell');
    expectInside(el, 'scrolled');
    window.scrollTo(0, 0);
  });

  it('keeps the sheet accessible in the dark theme, contrast included', async () => {
    await setViewport({ width: 360, height: 640 });
    const link = await loadDarkTheme();
    try {
      const { base, token } = await admin();
      const wrapper = fixtureSync<HTMLElement>(html`<div class="claims-theme-dark" style="background: #0b0c10">
        <claims-notifications api-base=${base} token=${token} lang="es"></claims-notifications>
      </div>`);
      const el = wrapper.querySelector<ClaimsNotifications>('claims-notifications')!;
      await open(el);
      expect(getComputedStyle(panel(el)).backgroundColor).to.equal('rgb(19, 20, 25)');
      expectInside(el, 'dark');
      await expect(wrapper).to.be.accessible();
    } finally {
      link.remove();
    }
  });

  describe('inside <claims-app>', () => {
    async function app(width: number, layout: 'side-by-side' | 'phone') {
      await setViewport({ width, height: layout === 'phone' ? 640 : 800 });
      const { base, token } = await admin();
      document.body.style.margin = '0';
      // As the demo's side-by-side view: the customer's app in the narrower, left column.
      const page = fixtureSync<HTMLElement>(
        layout === 'side-by-side'
          ? html`<div style="display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 16px; padding: 24px">
              <section style="padding: 20px; border: 1px solid #ccc"><claims-app api-base=${base} token=${token} lang="es"></claims-app></section>
              <section style="padding: 20px; border: 1px solid #ccc; min-height: 400px"></section>
            </div>`
          : html`<div style="padding: 12px"><section style="padding: 12px"><claims-app api-base=${base} token=${token} lang="es"></claims-app></section></div>`,
      );
      const claims = page.querySelector<ClaimsApp>('claims-app')!;
      await claims.updateComplete;
      const el = await until(() => {
        const n = $(claims, 'claims-notifications') as ClaimsNotifications | null;
        return n && customElements.get('claims-notifications') && $(n, '[part~="bell"]') ? n : null;
      }, 10_000, 'the bell');
      return { claims, el };
    }

    it('keeps the popover inside the viewport in the 1280 px side-by-side view', async () => {
      const { el } = await app(1280, 'side-by-side');
      await open(el);
      const rect = expectInside(el, 'side by side');
      const b = box(bell(el));
      // The bell is nearer the viewport's left edge than the panel is wide: the panel is moved
      // right to 8 px from the edge, still under the bell.
      expect(b.right - (rect.right - rect.left), 'the bell nearer the edge than the panel is wide').to.be.below(8);
      expect(rect.left).to.equal(8);
      expect(rect.right, 'still under the bell').to.be.at.least(b.right);
      expect(rect.top).to.be.at.least(b.bottom);
    });

    for (const width of [320, 360]) {
      it(`is a sheet at ${width} px`, async () => {
        const { claims, el } = await app(width, 'phone');
        await open(el);
        const rect = expectInside(el, `app at ${width} px`);
        expect([rect.left, rect.right, rect.bottom]).to.deep.equal([0, width, window.innerHeight]);
        await expect(claims).to.be.accessible();
        await sendKeys({ press: 'Escape' });
        await until(() => !el.open && deepActive() === bell(el), 5000, 'closed, focus on the bell');
      });
    }
  });
});
