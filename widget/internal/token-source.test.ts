import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ApiError } from './api-error.ts';
import { TokenSource } from './token-source.ts';
import '../components/claims-list/claims-list.ts';
import type { ClaimsList } from '../components/claims-list/claims-list.component.ts';
import { $$, apiBase, createClaim, dropStreams, tokenFor, uniqueCompany, until } from '../test/helpers.ts';

/** An unsigned JWT with these claims: TokenSource only reads them. */
function jwt(claims: { sub?: string; company?: string; exp?: number }): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'ana', company: 'acme', ...claims })}.signature`;
}

/** The company a (real) token is for. */
function companyOf(token: string): string {
  return (JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { company: string }).company;
}

/** A clock the test moves by hand, in seconds. */
function fakeNow(seconds = 1_000_000) {
  const clock = { seconds, now: () => clock.seconds * 1000 };
  return clock;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('TokenSource rules', () => {
  it('reuses a provider’s token until 30 s before its exp, then asks again; concurrent callers share one call', async () => {
    const clock = fakeNow();
    let calls = 0;
    const source = new TokenSource('', () => (calls++, jwt({ exp: clock.seconds + 600 })), clock);
    const first = await source.lease();
    expect(first.renewIn).to.equal(570_000);
    clock.seconds += 569;
    expect((await source.lease()).token).to.equal(first.token);
    clock.seconds += 1;
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect(calls).to.equal(2);
    expect(a).to.equal(b);
  });

  it('renews a short-lived token halfway through its life', async () => {
    const clock = fakeNow();
    const source = new TokenSource('', () => jwt({ exp: clock.seconds + 20 }), clock);
    expect((await source.lease()).renewIn).to.equal(10_000);
  });

  it('asks the provider once more when it returns an expired token (or one within 5 s of expiry), and hands out the good one', async () => {
    const clock = fakeNow();
    const answers = [jwt({ exp: clock.seconds + 5 }), jwt({ exp: clock.seconds + 60 })];
    let calls = 0;
    const source = new TokenSource('', () => answers[calls++]!, clock);
    expect(await source.get()).to.equal(answers[1]);
    expect(calls).to.equal(2);
  });

  it('fails without a token when the provider keeps returning expired ones, asking it twice per need', async () => {
    const clock = fakeNow();
    let calls = 0;
    const source = new TokenSource('', () => (calls++, jwt({ exp: clock.seconds - 60 })), clock);
    const error = await rejection(source.get());
    expect(error.status).to.equal(401);
    expect(error.detail).to.contain('tokenProvider returned an expired token');
    expect(calls).to.equal(2);
    await rejection(source.get());
    expect(calls, 'asked again for the next need, not cached').to.equal(4);
  });

  it('never hands out a fixed token once it expired', async () => {
    const clock = fakeNow();
    const token = jwt({ exp: clock.seconds + 10 });
    const source = new TokenSource(token, undefined, clock);
    expect(await source.lease()).to.deep.equal({ token, renewIn: Infinity });
    clock.seconds += 5;
    const error = await rejection(source.get());
    expect(error.detail).to.contain('token attribute holds an expired token');
  });

  it('keeps the source for the same user’s new token or provider, and knows a fixed token of another user at once', async () => {
    const clock = fakeNow();
    const source = new TokenSource(jwt({ exp: clock.seconds + 600 }), undefined, clock);
    const refreshed = jwt({ exp: clock.seconds + 900 });
    expect(source.use(refreshed, undefined)).to.equal(true);
    expect(await source.get()).to.equal(refreshed);
    expect(source.use(jwt({ sub: 'ana', company: 'other', exp: clock.seconds + 900 }), undefined), 'another company').to.equal(false);
    expect(source.use(jwt({ sub: 'bob', exp: clock.seconds + 900 }), undefined), 'another subject').to.equal(false);
  });

  it('asks a newly assigned provider once, after the assignments of the task, and never hands out another user’s token', async () => {
    const clock = fakeNow();
    let changes = 0;
    const source = new TokenSource('', () => jwt({ exp: clock.seconds + 600 }), { now: clock.now, onUserChange: () => changes++ });
    await source.get();
    let sameCalls = 0;
    const same = () => (sameCalls++, jwt({ exp: clock.seconds + 700 }));
    // A host re-rendering three times in one task with an inline function: one call, after them.
    for (let i = 0; i < 3; i++) expect(source.use('', same)).to.equal(true);
    expect(sameCalls, 'not during the assignments').to.equal(0);
    await until(() => sameCalls === 1, 1000, 'the new provider asked');
    expect(await source.get(), 'its token, cached').to.equal(same());
    expect(sameCalls).to.equal(2);
    expect(changes).to.equal(0);

    // Another user's provider: known without waiting for a request.
    expect(source.use('', () => jwt({ sub: 'bob', exp: clock.seconds + 600 }))).to.equal(true);
    await until(() => changes === 1, 1000, 'the user change');
    const error = await rejection(source.get());
    expect(error.title).to.equal('Another user');
  });
});

describe('Token handling in the elements (real API)', () => {
  const rows = (list: ClaimsList) => $$(list, '[part~="row"]');

  /** Every request the page sends from now on, with its Authorization header and answer status. */
  function recordRequests() {
    const original = window.fetch;
    const sent: { url: string; token: string; status?: number }[] = [];
    window.fetch = async (input, init) => {
      const request: (typeof sent)[number] = { url: String(input), token: new Headers(init?.headers).get('Authorization')?.slice('Bearer '.length) ?? '' };
      sent.push(request);
      const res = await original(input, init);
      request.status = res.status;
      return res;
    };
    return { sent, restore: () => (window.fetch = original), api: () => sent.filter((r) => r.url.includes('/api/v1/')) };
  }

  /** Collects console.error calls and claims-error events until `stop()`. */
  function watchErrors(target: EventTarget) {
    const original = console.error;
    const logged: unknown[][] = [];
    const events: CustomEvent[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    const onError = (e: Event) => events.push(e as CustomEvent);
    target.addEventListener('claims-error', onError);
    return {
      logged,
      events,
      stop: () => {
        console.error = original;
        target.removeEventListener('claims-error', onError);
      },
    };
  }

  it('keeps the session when the provider is replaced by another one for the same user: no reconnect, no refetch', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const base = await apiBase();
    const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} .tokenProvider=${() => tokenFor(company)} lang="en"></claims-list>`);
    await until(() => rows(el).length === 1 && $$(el, '.live.on').length, 10_000, 'the list, live');
    const session = el['session'];
    const requests = recordRequests();
    try {
      let calls = 0;
      for (let i = 0; i < 3; i++) {
        el.tokenProvider = () => (calls++, tokenFor(company));
        await el.updateComplete;
      }
      expect(calls, 'the new provider is not called during the assignments').to.equal(0);
      await until(() => calls === 1, 5000, 'the newest provider asked once, whose token it gives');
      expect(requests.api().map((r) => r.url), 'nothing refetched, no new stream').to.deep.equal([]);
      expect(el['session'], 'the same session').to.equal(session);

      // The next token comes from the newest provider, and the same session goes on. The stream's
      // reconnect after the drop (≥ 1.5 s after the server ended it) is the first request the
      // element makes since the assignments: none came before the drop's answer, none but it after.
      await dropStreams(company);
      expect(requests.api().map((r) => r.url), 'nothing sent before the drop took effect').to.deep.equal([]);
      await until(() => requests.api().some((r) => r.url.endsWith('/events') && r.status === 200), 15_000, 'the stream back');
      expect(calls).to.equal(1);
      await until(() => $$(el, '.live.on').length, 10_000, 'live again');
      expect(requests.api().filter((r) => !r.url.endsWith('/events')), 'still no refetch').to.deep.equal([]);
      expect(rows(el)[0]!.textContent).to.contain(claim.reference);
      expect(el['session']).to.equal(session);
    } finally {
      requests.restore();
    }
  });

  it('keeps the session when the token attribute is refreshed for the same user, and starts over for another user', async () => {
    const [mine, theirs] = [uniqueCompany(), uniqueCompany()];
    const [a, b] = await Promise.all([createClaim(mine), createClaim(theirs)]);
    const base = await apiBase();
    const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${await tokenFor(mine)} lang="en"></claims-list>`);
    await until(() => rows(el).length === 1 && $$(el, '.live.on').length, 10_000, 'the list, live');
    const session = el['session'];
    const requests = recordRequests();
    try {
      el.token = await tokenFor(mine, { ttl: 900 });
      await el.updateComplete;
      expect(requests.api(), 'nothing refetched, no new stream').to.deep.equal([]);
      expect(el['session'], 'the same session').to.equal(session);

      // Another user's token: the requests it brings are the first the element makes since the
      // refresh, every one of them with the new user's token.
      el.token = await tokenFor(theirs);
      await until(() => rows(el).length === 1 && rows(el)[0]!.textContent!.includes(b.reference), 10_000, 'the other user’s claim');
      expect(el.shadowRoot!.textContent).not.to.contain(a.reference);
      expect(requests.api().length, 'the other user’s list and stream').to.be.at.least(1);
      expect(requests.api().map((r) => companyOf(r.token)), 'nothing sent for the refreshed token').to.deep.equal(requests.api().map(() => theirs));
    } finally {
      requests.restore();
    }
  });

  it('drops the previous user’s screen at once when the replaced provider returns another user’s token', async () => {
    const [mine, theirs] = [uniqueCompany(), uniqueCompany()];
    const [a, b] = await Promise.all([createClaim(mine), createClaim(theirs)]);
    const base = await apiBase();
    const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} .tokenProvider=${() => tokenFor(mine)} lang="en"></claims-list>`);
    await until(() => rows(el).length === 1 && $$(el, '.live.on').length, 10_000, 'the list, live');
    const requests = recordRequests();
    try {
      el.tokenProvider = () => tokenFor(theirs);
      await el.updateComplete;
      // Nothing else happens (no request, no stream drop): asking the new provider shows the change.
      await until(() => !el.shadowRoot!.textContent!.includes(a.reference), 5000, 'the previous user’s claim gone');
      await until(() => rows(el).length === 1 && rows(el)[0]!.textContent!.includes(b.reference), 15_000, 'the other user’s claim');
      const theirToken = requests.api().find((r) => r.url.includes('/claims'))!.token;
      expect(companyOf(theirToken)).to.equal(theirs);
      expect(requests.api().map((r) => companyOf(r.token)), 'nothing sent as the previous user').to.deep.equal(requests.api().map(() => theirs));
    } finally {
      requests.restore();
    }
  });

  it('recovers without a trace when the provider first returns an expired token', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const base = await apiBase();
    const [stale, fresh] = await Promise.all([tokenFor(company, { ttl: -60 }), tokenFor(company)]);
    let calls = 0;
    const provider = () => (++calls === 1 ? stale : fresh);
    const requests = recordRequests();
    const errors = watchErrors(document);
    try {
      const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} .tokenProvider=${provider} lang="en"></claims-list>`);
      await until(() => rows(el).length === 1, 10_000, 'the list');
      expect(rows(el)[0]!.textContent).to.contain(claim.reference);
      expect(requests.api().filter((r) => r.status === 401), 'no 401 on the wire').to.deep.equal([]);
      expect(requests.api().filter((r) => r.token === stale), 'the expired token never sent').to.deep.equal([]);
      expect(errors.events).to.have.length(0);
      expect(errors.logged).to.have.length(0);
    } finally {
      errors.stop();
      requests.restore();
    }
  });

  it('fails with a clear error, sending nothing, when the provider only returns expired tokens', async () => {
    const company = uniqueCompany();
    const base = await apiBase();
    const stale = await tokenFor(company, { ttl: -60 });
    const requests = recordRequests();
    const errors = watchErrors(document);
    try {
      const failed = oneEvent(document, 'claims-error');
      const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} .tokenProvider=${() => stale} lang="en"></claims-list>`);
      const { detail } = await failed;
      expect(detail.status).to.equal(401);
      expect(detail.detail).to.contain('tokenProvider returned an expired token');
      // The host's developer reads why in the event; the person, what to do.
      await until(() => el.shadowRoot!.textContent!.includes('Your session has expired. Reload the page to sign in again.'), 5000, 'the error shown');
      expect(requests.api(), 'no request sent').to.deep.equal([]);
      expect(errors.logged).to.have.length(0);
    } finally {
      errors.stop();
      requests.restore();
    }
  });

  it('fails with a clear error, sending nothing, when the token attribute has expired', async () => {
    const company = uniqueCompany();
    const base = await apiBase();
    const stale = await tokenFor(company, { ttl: -60 });
    const requests = recordRequests();
    try {
      const failed = oneEvent(document, 'claims-error');
      await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${stale} lang="en"></claims-list>`);
      const { detail } = await failed;
      expect(detail.status).to.equal(401);
      expect(detail.detail).to.contain('token attribute holds an expired token');
      expect(requests.api(), 'no request sent').to.deep.equal([]);
    } finally {
      requests.restore();
    }
  });
});
