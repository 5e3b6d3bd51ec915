import { expect } from '@open-wc/testing';
import { ClaimLoader } from './claim-loader.ts';
import type { ClaimsApi } from './api-client.ts';
import type { LiveStream } from './live-stream.ts';
import type { Claim, ClaimEvent } from './types.ts';
import '../test/helpers.ts';

/** An API that answers GET /claims/:id with a numbered version, and a stream at a given position. */
function setup() {
  const gets: string[] = [];
  const api = {
    getClaim: (id: string) => {
      gets.push(id);
      return Promise.resolve({ id, updatedAt: String(gets.length) } as Claim);
    },
  } as unknown as ClaimsApi;
  let reset = () => {};
  const live = { lastEventId: '0', onReset: (listener: () => void) => ((reset = listener), () => {}) } as unknown as LiveStream;
  const loader = new ClaimLoader(api, live, () => 'me');
  /** The stream delivers an event: its id becomes the last one, as LiveStream does before handing it out. */
  const deliver = (id: number, type: ClaimEvent['type'] = 'claim.transitioned', actor = 'someone', claimId = 'c1') => {
    live.lastEventId = String(id);
    return { id, claimId, type, actor: { kind: 'user', id: actor, name: actor }, data: {} } as unknown as ClaimEvent;
  };
  return { gets, loader, deliver, reset: () => reset() };
}

describe('ClaimLoader', () => {
  it('serves every element handed the same event with one request', async () => {
    const { gets, loader, deliver } = setup();
    const event = deliver(1);
    const claims = await Promise.all([loader.after(event), loader.after(event), loader.after(event)]);
    expect(gets).to.deep.equal(['c1']);
    expect(new Set(claims).size).to.equal(1);
  });

  it('fetches a claim at most once more for a burst of events, with what the last one changed', async () => {
    const { gets, loader, deliver } = setup();
    const first = loader.after(deliver(1));
    await first;
    // Within the window: these wait for one request, which leaves after all of them were delivered.
    const burst = [2, 3, 4, 5, 6].map((id) => loader.after(deliver(id)));
    const claims = await Promise.all(burst);
    expect(gets).to.deep.equal(['c1', 'c1']);
    expect(new Set(claims).size, 'one answer for the whole burst').to.equal(1);
  });

  it('never serves an event with a request that left before it', async () => {
    const { gets, loader, deliver } = setup();
    const early = loader.after(deliver(1));
    await early;
    const late = loader.after(deliver(2));
    expect(late).to.not.equal(early);
    await late;
    expect(gets).to.have.length(2);
  });

  it('keeps claims apart', async () => {
    const { gets, loader, deliver } = setup();
    await Promise.all([loader.after(deliver(1, 'claim.assigned', 'x', 'a')), loader.after(deliver(2, 'claim.assigned', 'x', 'b'))]);
    expect(gets.sort()).to.deep.equal(['a', 'b']);
  });

  it('fetches nothing for events that change no claim as its reader sees it', () => {
    const { gets, loader, deliver } = setup();
    expect(loader.after(deliver(1, 'message.posted', 'me')), 'my own message').to.equal(null);
    expect(loader.after(deliver(2, 'message.read', 'someone')), 'someone else reading').to.equal(null);
    expect(loader.after(deliver(3, 'claim.deadline_approaching')), 'a deadline warning').to.equal(null);
    expect(gets).to.deep.equal([]);
    expect(loader.after(deliver(4, 'message.posted', 'someone')), 'a message to me: one more unread').to.not.equal(null);
    expect(loader.after(deliver(5, 'message.read', 'me')), 'me reading: fewer unread').to.not.equal(null);
  });

  it('shares a first load with a request in flight, and never after the stream was reset', async () => {
    const { gets, loader, deliver, reset } = setup();
    deliver(1);
    const [a, b] = [loader.load('c1'), loader.load('c1')];
    expect(a).to.equal(b);
    await a;
    const c = loader.load('c1');
    reset();
    const d = loader.load('c1');
    expect(d).to.not.equal(c);
    await Promise.all([c, d]);
    expect(gets).to.have.length(3);
  });
});
