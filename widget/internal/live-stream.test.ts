import { expect, fixture, html } from '@open-wc/testing';
import { SseParser, type SseMessage } from './live-stream.ts';
import { ClaimsSession } from './session.ts';
import type { ClaimEvent } from './types.ts';
import '../components/claims-list/claims-list.ts';
import type { ClaimsList } from '../components/claims-list/claims-list.component.ts';
import { $$, apiBase, createClaim, dropStreams, tokenFor, uniqueCompany, until } from '../test/helpers.ts';

describe('SseParser', () => {
  it('parses id, event, multi-line data, retry and comments across arbitrary chunks', () => {
    const messages: SseMessage[] = [];
    let retry = 0;
    const parser = new SseParser((m) => messages.push(m), (ms) => (retry = ms));
    const stream = 'retry: 3000\nid: 6\n\n: heartbeat\n\nid: 7\r\nevent: claim.created\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 8\nevent: claim.accepted\ndata:{"b":2}\n\n';
    for (let i = 0; i < stream.length; i += 5) parser.feed(stream.slice(i, i + 5));
    expect(retry).to.equal(3000);
    expect(messages).to.deep.equal([
      { id: '6', event: 'message', data: '' },
      { id: '7', event: 'claim.created', data: '{"a":\n1}' },
      { id: '8', event: 'claim.accepted', data: '{"b":2}' },
    ]);
  });
});

describe('LiveStream', () => {
  it('reconnects after the server drops it, sends Last-Event-ID and delivers a missed event exactly once', async () => {
    const company = uniqueCompany();
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const session = new ClaimsSession(base, token, undefined);
    const received: ClaimEvent[] = [];
    const states: string[] = [];
    session.live.onState((s) => states.push(s));
    const off = session.live.subscribe((e) => received.push(e));
    // A list on its own session too: it must show the missed claim once.
    const list = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token}></claims-list>`);
    try {
      await until(() => session.live.state === 'open', 10_000, 'stream open');
      await until(() => $$(list, '.live.on').length, 10_000, 'list stream open');

      const first = await createClaim(company);
      await until(() => received.some((e) => e.claimId === first.id), 10_000, 'first event');
      const lastBeforeDrop = session.live.lastEventId;
      expect(lastBeforeDrop).to.equal(String(received.at(-1)!.id));

      const { dropped } = await dropStreams();
      expect(dropped).to.be.at.least(2);
      // Written while every client is disconnected (the reconnect waits ≥ 1.5 s).
      const missed = await createClaim(company);
      await until(() => received.some((e) => e.claimId === missed.id), 15_000, 'the missed event after reconnect');
      expect(states).to.include('reconnecting');
      await until(() => session.live.state === 'open');

      await until(() => $$(list, '[part~="row"]').filter((r) => r.textContent!.includes(missed.reference)).length, 15_000, 'missed claim in list');
      await new Promise((r) => setTimeout(r, 500));
      const ids = received.map((e) => e.id);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(received.filter((e) => e.claimId === missed.id)).to.have.length(1);
      expect($$(list, '[part~="row"]').filter((r) => r.textContent!.includes(missed.reference))).to.have.length(1);
      expect($$(list, '[part~="row"]')).to.have.length(2);
    } finally {
      off();
      list.remove();
    }
  });

  it('resumes from where it started when the stream drops before any event arrived', async () => {
    const company = uniqueCompany();
    const session = new ClaimsSession(await apiBase(), await tokenFor(company), undefined);
    const received: ClaimEvent[] = [];
    const off = session.live.subscribe((e) => received.push(e));
    try {
      await until(() => session.live.state === 'open', 10_000, 'stream open');
      await until(() => session.live.lastEventId !== null, 10_000, 'the starting position');
      await dropStreams();
      const missed = await createClaim(company); // while disconnected, before any event
      await until(() => received.some((e) => e.claimId === missed.id), 15_000, 'the missed event after reconnect');
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
});
