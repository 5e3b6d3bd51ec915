import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { ACCESS_RETRY_MS, LiveStream, type LiveState } from './live-stream.ts';
import { ClaimsSession } from './session.ts';
import { TokenSource } from './token-source.ts';
import { claimsContext } from './context.ts';
import type { ClaimEvent, LiveEvent, UserEvent } from './types.ts';
import { CLAIM_EVENT_TYPES } from '../../domain/constants.ts';
import '../components/claims-list/claims-list.ts';
import type { ClaimsList } from '../components/claims-list/claims-list.component.ts';
import { $$, apiBase, createClaim, dropStreams, tokenFor, uniqueCompany, until } from '../test/helpers.ts';
import { FakeClock } from '../test/fakes.ts';

/** A stand-in for GET /events: each request gets the next scripted answer, and is kept. */
function fakeServer(answers: Array<string | 'fail'>) {
  const requests: Headers[] = [];
  const fetch: typeof window.fetch = async (_input, init) => {
    requests.push(new Headers(init?.headers));
    const answer = answers.shift() ?? 'fail';
    if (answer === 'fail') throw new TypeError('Failed to fetch');
    // The body is sent whole and then ends, as a stream the server closes does.
    return new Response(answer, { headers: { 'Content-Type': 'text/event-stream' } });
  };
  return { fetch, requests };
}

/** Resolves at the stream's next change to `state`. */
function next(live: LiveStream, state: LiveState): Promise<void> {
  return new Promise((resolve) => {
    const off = live.onState((s) => s === state && (off(), resolve()));
  });
}

const frame = (id: number, event: { type: string; [field: string]: unknown }) => `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify({ id, ...event })}\n\n`;

describe('LiveStream (fake clock and server)', () => {
  const tokens = new TokenSource('token', undefined);

  it('backs off exponentially from the retry hint, jittered between half and full delay, up to 30 s', async () => {
    const clock = new FakeClock();
    const randoms = [0, 0.5, 0.25, 0, 0.5, 0];
    const live = new LiveStream('/events', tokens, { clock, random: () => randoms.shift()!, fetch: fakeServer([]).fetch });
    const delays: number[] = [];
    let reconnecting = next(live, 'reconnecting');
    const off = live.subscribe(() => {});
    for (let i = 0; i < 6; i++) {
      await reconnecting;
      reconnecting = next(live, 'reconnecting');
      delays.push(clock.fire());
    }
    off();
    // 3 s · 2^n, capped at 30 s; then half of it plus the random share of the other half.
    expect(delays).to.deep.equal([1500, 4500, 7500, 12000, 22500, 15000]);
  });

  it('takes the server’s retry hint, starts over once a stream opened, and reconnects from its last id when the body ends', async () => {
    const clock = new FakeClock();
    const server = fakeServer(['retry: 1000\nid: 5\n\n', 'fail', 'fail', 'id: 5\n\n']);
    const live = new LiveStream('/events', tokens, { clock, random: () => 0, fetch: server.fetch });
    const states: LiveState[] = [];
    live.onState((s) => states.push(s));
    const delays: number[] = [];
    let reconnecting = next(live, 'reconnecting');
    const off = live.subscribe(() => {});
    for (let i = 0; i < 4; i++) {
      await reconnecting;
      reconnecting = next(live, 'reconnecting');
      delays.push(clock.fire());
    }
    off();
    expect(delays).to.deep.equal([500, 1000, 2000, 500]);
    expect(states.slice(0, 3)).to.deep.equal(['connecting', 'open', 'reconnecting']);
    expect(server.requests.slice(0, 4).map((h) => h.get('Last-Event-ID'))).to.deep.equal([null, '5', '5', '5']);
  });

  it('delivers every event type to a plain subscription, and only the chosen types to a filtered one', async () => {
    const stream = [
      'retry: 3000\nid: 1\n\n',
      frame(2, { type: 'claim.created', claimId: 'c1' }),
      frame(3, { type: 'user.updated', userId: 'u1' }),
      frame(4, { type: 'invoice.issued' }), // a type this widget does not know yet
    ].join('');
    const live = new LiveStream('/events', tokens, { clock: new FakeClock(), fetch: fakeServer([stream]).fetch });
    const all: LiveEvent[] = [];
    const users: UserEvent[] = [];
    const claims: ClaimEvent[] = [];
    const offs = [
      live.subscribe((e) => all.push(e)),
      live.subscribe((e) => users.push(e), { types: ['user.updated'] }),
      live.subscribe((e) => claims.push(e), { types: CLAIM_EVENT_TYPES }),
    ];
    await until(() => all.length === 3, 2000, 'three events');
    offs.forEach((off) => off());
    expect(all.map((e) => e.id)).to.deep.equal([2, 3, 4]);
    expect(users.map((e) => e.userId)).to.deep.equal(['u1']);
    expect(claims.map((e) => e.claimId)).to.deep.equal(['c1']);
  });

  it('hands signals (no id) to signal listeners only, leaving Last-Event-ID where the events put it', async () => {
    const typing = { claimId: 'c1', companyId: 'co', user: { id: 'u2', name: 'Carmen', kind: 'handler' }, at: '2026-11-27T10:00:00.000Z' };
    const notification = { id: 'n1', kind: 'claim_created', claimId: 'c1', claimReference: 'EXP-1', read: false, count: 1 };
    const read = { ids: null, unread: 0 };
    const stream = [
      'retry: 3000\nid: 1\n\n',
      frame(2, { type: 'claim.created', claimId: 'c1' }),
      `event: typing\ndata: ${JSON.stringify(typing)}\n\n`,
      'event: dancing\ndata: {}\n\n', // a signal this widget does not know yet
      `event: notification\ndata: ${JSON.stringify(notification)}\n\n`,
      frame(3, { type: 'message.posted', claimId: 'c1' }),
      `event: notifications-read\ndata: ${JSON.stringify(read)}\n\n`,
    ].join('');
    const live = new LiveStream('/events', tokens, { clock: new FakeClock(), fetch: fakeServer([stream]).fetch });
    const events: LiveEvent[] = [];
    const signals: unknown[] = [];
    const offSignal = live.onSignal((type, data) => signals.push({ type, data }));
    const off = live.subscribe((e) => events.push(e));
    await until(() => events.length === 2 && signals.length === 3, 2000, 'both events and the signals');
    off();
    offSignal();
    expect(events.map((e) => e.id)).to.deep.equal([2, 3]);
    expect(signals).to.deep.equal([
      { type: 'typing', data: typing },
      { type: 'notification', data: notification },
      { type: 'notifications-read', data: read },
    ]);
    expect(live.lastEventId).to.equal('3');
  });

  it('on reset, resumes from the server’s position and tells its listeners to reload', async () => {
    const stream = ['retry: 3000\nid: 7\n\n', 'id: 7\nevent: reset\ndata: {"lastEventId":7}\n\n', frame(8, { type: 'claim.created', claimId: 'c8' })].join('');
    const server = fakeServer([stream]);
    const live = new LiveStream('/events', tokens, { clock: new FakeClock(), fetch: server.fetch });
    live.lastEventId = '999';
    const order: string[] = [];
    const offReset = live.onReset(() => order.push(`reset at ${live.lastEventId}`));
    const off = live.subscribe((e) => order.push(`event ${e.id}`));
    await until(() => order.length === 2, 2000, 'the reset and the event after it');
    off();
    offReset();
    expect(server.requests[0]!.get('Last-Event-ID')).to.equal('999');
    // The event after the reset is delivered although its id is below what the page had seen.
    expect(order).to.deep.equal(['reset at 7', 'event 8']);
    expect(live.lastEventId).to.equal('8');
  });
});

describe('LiveStream without claims access (fake clock and server)', () => {
  it('asks again every half to full ACCESS_RETRY_MS while refused with 403, and once open tells its listeners to reload', async () => {
    const clock = new FakeClock();
    const answers: Array<Response | string> = [
      new Response(JSON.stringify({ status: 403, title: 'Forbidden', detail: 'No claims access.' }), { status: 403, headers: { 'Content-Type': 'application/problem+json' } }),
      new Response(JSON.stringify({ status: 403, title: 'Forbidden', detail: 'No claims access.' }), { status: 403, headers: { 'Content-Type': 'application/problem+json' } }),
      'retry: 3000\nid: 4\n\n',
    ];
    let requests = 0;
    const fetch: typeof window.fetch = async () => {
      requests++;
      const answer = answers.shift()!;
      return typeof answer === 'string' ? new Response(answer, { headers: { 'Content-Type': 'text/event-stream' } }) : answer;
    };
    const randoms = [0, 1];
    const live = new LiveStream('/events', new TokenSource('token', undefined), { clock, random: () => randoms.shift() ?? 0, fetch });
    const errors: (number | undefined)[] = [];
    const states: LiveState[] = [];
    live.onState((state, error) => {
      states.push(state);
      if (state === 'closed') errors.push(error?.status);
    });
    let resets = 0;
    const offReset = live.onReset(() => resets++);
    const off = live.subscribe(() => {});
    try {
      await until(() => errors.length === 1, 2000, 'the first refusal');
      expect(live.state).to.equal('closed');
      expect(clock.fire()).to.equal(ACCESS_RETRY_MS / 2);
      await until(() => errors.length === 2, 2000, 'the second refusal');
      expect(resets, 'nothing to reload while refused').to.equal(0);
      expect(clock.fire()).to.equal(ACCESS_RETRY_MS);
      // (The scripted body ends at once after opening, so the stream goes on to reconnect.)
      await until(() => states.includes('open'), 2000, 'open once access is granted');
      expect(errors).to.deep.equal([403, 403]);
      expect(requests).to.equal(3);
      expect(resets, 'what was loaded without access is reloaded').to.equal(1);
    } finally {
      off();
      offReset();
    }
    expect(clock.timers.size, 'no retry left once unsubscribed').to.equal(0);
    expect(states.slice(0, 5)).to.deep.equal(['connecting', 'closed', 'connecting', 'closed', 'connecting']);
  });

  it('does not ask again after a 401 or 404: the token or the URL is wrong, and waiting will not fix it', async () => {
    for (const status of [401, 404]) {
      const clock = new FakeClock();
      const fetch: typeof window.fetch = async () => new Response('{}', { status, headers: { 'Content-Type': 'application/problem+json' } });
      const live = new LiveStream('/events', new TokenSource('token', undefined), { clock, fetch });
      const off = live.subscribe(() => {});
      await until(() => live.state === 'closed', 2000, `closed on ${status}`);
      expect(clock.timers.size, `no retry after ${status}`).to.equal(0);
      off();
    }
  });
});

describe('LiveStream tokens (fake clock and server)', () => {
  /** A stand-in for GET /events whose body stays open, as a live stream does, until aborted. */
  function openServer() {
    const tokens: string[] = [];
    const fetch: typeof window.fetch = async (_input, init) => {
      tokens.push(new Headers(init?.headers).get('Authorization')!.slice('Bearer '.length));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('retry: 1000\nid: 1\n\n'));
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('Aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    };
    return { fetch, tokens };
  }

  it('reconnects with a fresh token 30 s before its expiry, staying open meanwhile', async () => {
    const company = uniqueCompany();
    const clock = new FakeClock();
    let now = Date.now();
    let issued = 0;
    // Each token lives 10 min (and one second more than the last, so that no two are the same).
    const tokens = new TokenSource('', () => tokenFor(company, { ttl: 600 + issued++ }), { now: () => now });
    const server = openServer();
    const live = new LiveStream('/events', tokens, { clock, fetch: server.fetch });
    const states: LiveState[] = [];
    live.onState((s) => states.push(s));
    const off = live.subscribe(() => {});
    try {
      await until(() => live.state === 'open', 10_000, 'open');
      // 30 s before the first token's exp, as the (fixed) clock reads it; however long the server
      // took to sign it.
      const exp = (JSON.parse(atob(server.tokens[0]!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number }).exp;
      const renewal = await until(() => [...clock.timers.values()].find((t) => t.ms === exp * 1000 - 30_000 - now), 10_000, 'the renewal timer, 30 s before expiry');
      now += renewal.ms;
      renewal.callback();
      await until(() => server.tokens.length === 2, 10_000, 'the reconnect');
      expect(issued).to.equal(2);
      expect(server.tokens[1]).not.to.equal(server.tokens[0]);
      expect(states).to.deep.equal(['connecting', 'open']);
    } finally {
      off();
    }
  });

  it('never connects with a known-expired token: it tries again later', async () => {
    const company = uniqueCompany();
    const expired = await tokenFor(company, { ttl: -60 });
    let asked = 0;
    const server = openServer();
    const clock = new FakeClock();
    const live = new LiveStream('/events', new TokenSource('', () => (asked++, expired)), { clock, random: () => 0, fetch: server.fetch });
    const reconnecting = next(live, 'reconnecting');
    const off = live.subscribe(() => {});
    await reconnecting;
    off();
    expect(asked, 'asked twice').to.equal(2);
    expect(server.tokens).to.deep.equal([]);
  });
});

describe('LiveStream (real API)', () => {
  const rows = (list: ClaimsList) => $$(list, '[part~="row"]');
  const rowsOf = (list: ClaimsList, reference: string) => rows(list).filter((r) => r.textContent!.includes(reference));

  it('reconnects after the server drops it, sends Last-Event-ID and delivers a missed event exactly once', async () => {
    const company = uniqueCompany();
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const session = new ClaimsSession(base, token, undefined);
    const received: ClaimEvent[] = [];
    const states: string[] = [];
    session.live.onState((s) => states.push(s));
    const off = session.live.subscribe((e) => received.push(e), { types: CLAIM_EVENT_TYPES });
    // A list on its own session too: it must show the missed claim once.
    const list = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token}></claims-list>`);
    try {
      await until(() => session.live.state === 'open', 10_000, 'stream open');
      await until(() => $$(list, '.live.on').length, 10_000, 'list stream open');

      const first = await createClaim(company);
      await until(() => received.some((e) => e.claimId === first.id), 10_000, 'first event');
      const lastBeforeDrop = session.live.lastEventId;
      expect(lastBeforeDrop).to.equal(String(received.at(-1)!.id));

      // Both streams open, then both ended by this drop (of this company's streams only).
      await until(() => session.live.state === 'open' && $$(list, '.live.on').length, 15_000, 'both streams open');
      const mark = states.length;
      await dropStreams(company);
      await until(() => states.slice(mark).includes('reconnecting') && !$$(list, '.live.on').length, 10_000, 'both streams ended');
      // Written while every client is disconnected (the reconnect waits ≥ 1.5 s).
      const missed = await createClaim(company);
      await until(() => received.some((e) => e.claimId === missed.id), 15_000, 'the missed event after reconnect');
      expect(states).to.include('reconnecting');
      await until(() => session.live.state === 'open');
      await until(() => rowsOf(list, missed.reference).length, 15_000, 'missed claim in list');

      // Nothing more comes for it: a later claim arrives, and the missed one is still there once.
      const later = await createClaim(company);
      await until(() => received.some((e) => e.claimId === later.id), 10_000, 'the later event');
      await until(() => rowsOf(list, later.reference).length, 10_000, 'the later claim in the list');
      const ids = received.map((e) => e.id);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(received.filter((e) => e.claimId === missed.id)).to.have.length(1);
      expect(rowsOf(list, missed.reference)).to.have.length(1);
      expect(rows(list)).to.have.length(3);
    } finally {
      off();
      list.remove();
    }
  });

  it('resumes from where it started when the stream drops before any event arrived', async () => {
    const company = uniqueCompany();
    const session = new ClaimsSession(await apiBase(), await tokenFor(company), undefined);
    const received: LiveEvent[] = [];
    const off = session.live.subscribe((e) => received.push(e));
    try {
      await until(() => session.live.state === 'open', 10_000, 'stream open');
      expect(session.live.lastEventId, 'the starting position').not.to.equal(null);
      await dropStreams(company);
      const missed = await createClaim(company); // while disconnected, before any event
      await until(() => received.some((e) => 'claimId' in e && e.claimId === missed.id), 15_000, 'the missed event after reconnect');
      expect(received).to.have.length(1);
    } finally {
      off();
    }
  });

  it('refreshes the token when the stream is refused with 401', async () => {
    const company = uniqueCompany();
    const base = await apiBase();
    const bad = await tokenFor(company, { invalid: true });
    const good = await tokenFor(company);
    let calls = 0;
    const session = new ClaimsSession(base, '', () => (++calls === 1 ? bad : good));
    const off = session.live.subscribe(() => {});
    try {
      await until(() => session.live.state === 'open', 10_000, 'open after refresh');
      expect(calls).to.equal(2);
    } finally {
      off();
    }
  });

  it('reconnects with a fresh token ahead of its expiry, never with an expired one, missing nothing', async () => {
    const company = uniqueCompany();
    const base = await apiBase();
    // Short-lived tokens: renewed halfway through their 16 s (long enough that a slow signing, on a
    // loaded machine, still leaves the renewal 5 s before the expiry).
    const provider = () => tokenFor(company, { ttl: 16 });
    const connections: { token: string; at: number }[] = [];
    const fetch: typeof window.fetch = (input, init) => {
      connections.push({ token: new Headers(init?.headers).get('Authorization')!.slice('Bearer '.length), at: Date.now() / 1000 });
      return window.fetch(input, init);
    };
    const live = new LiveStream(`${base}/events`, new TokenSource('', provider), { fetch });
    const received: ClaimEvent[] = [];
    const states: LiveState[] = [];
    live.onState((s) => states.push(s));
    const off = live.subscribe((e) => received.push(e), { types: CLAIM_EVENT_TYPES });
    try {
      await until(() => live.state === 'open', 10_000, 'stream open');
      const before = await createClaim(company);
      const expiry = (token: string) => (JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number }).exp;
      // (Other test files drop every stream now and then: such a reconnect may reuse the token.)
      const [first] = connections;
      const renewed = await until(() => connections.find((c) => c.token !== first!.token), 16_000, 'a reconnect with a fresh token');
      expect(renewed.at, 'renewed before the first token expired').to.be.below(expiry(first!.token) - 5);
      for (const { token, at } of connections) expect(expiry(token), 'never a token about to expire').to.be.above(at + 5);

      const after = await createClaim(company);
      await until(() => received.some((e) => e.claimId === after.id), 15_000, 'an event after the renewal');
      expect(received.map((e) => e.claimId)).to.deep.equal([before.id, after.id]);
      expect(states, 'never refused').not.to.include('closed');
    } finally {
      off();
    }
  });

  it('a member granted claims access while the list shows "no access" gets the claims once the stream opens', async () => {
    const company = uniqueCompany();
    const base = await apiBase();
    const [adminToken, memberToken] = await Promise.all([tokenFor(company), tokenFor(company, { role: 'member', sub: `lucia-${company}` })]);
    const claim = await createClaim(company);
    const call = async (token: string, method: string, path: string, body?: unknown) =>
      (await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json();
    const member = (await call(memberToken, 'GET', '/me')) as { id: string };
    const session = new ClaimsSession(base, memberToken, undefined);
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: claimsContext, initialValue: { session, lang: 'en' } });
    const list = document.createElement('claims-list');
    host.append(list);
    try {
      await until(() => list.shadowRoot?.textContent?.includes('You do not have access to claims'), 10_000, 'the no-access state');
      await until(() => session.live.state === 'closed', 10_000, 'the stream refused');
      await call(adminToken, 'PATCH', `/users/${member.id}`, { claimsAccess: true });
      // The stream asks again every 15–30 s by itself; a new subscription asks at once.
      const off = session.live.subscribe(() => {});
      await until(() => rowsOf(list, claim.reference).length === 1, 10_000, 'the claim, once access is granted');
      off();
    } finally {
      list.remove();
    }
  });

  it('on a reset (its Last-Event-ID ahead of the log), resumes from the server’s position and the list reloads from now', async () => {
    const company = uniqueCompany();
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    await createClaim(company);
    // The list takes this session from an ancestor, as it would inside <claims-app>.
    const session = new ClaimsSession(base, token, undefined);
    // fixtureSync: a plain element has no update to wait for, and waiting for a frame stalls in a background page.
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: claimsContext, initialValue: { session, lang: 'en' } });
    const list = document.createElement('claims-list');
    host.append(list);
    let resets = 0;
    const offReset = session.live.onReset(() => resets++);
    try {
      await until(() => rows(list).length === 1 && session.live.state === 'open', 10_000, 'the list, live');

      session.live.lastEventId = '999999999'; // as if this page had seen a log the server no longer has
      await dropStreams(company);
      const meanwhile = await createClaim(company); // before the reconnect: the stream will not bring it
      await until(() => resets === 1, 15_000, 'the reset');
      const res = await fetch(`${base}/claims/${meanwhile.id}/events`, { headers: { Authorization: `Bearer ${token}` } });
      const [created] = ((await res.json()) as { items: ClaimEvent[] }).items;
      expect(Number(session.live.lastEventId)).to.be.within(created!.id, 999_999_998);
      await until(() => rowsOf(list, meanwhile.reference).length, 10_000, 'the claim created meanwhile, from the reloaded page');

      // From then on it is live from the server's position: a later claim arrives, the earlier one stays once.
      const later = await createClaim(company);
      await until(() => rowsOf(list, later.reference).length, 10_000, 'a later claim, live');
      expect(rowsOf(list, meanwhile.reference)).to.have.length(1);
      expect(rows(list)).to.have.length(3);
      expect(resets).to.equal(1);
    } finally {
      offReset();
      list.remove();
    }
  });
});
