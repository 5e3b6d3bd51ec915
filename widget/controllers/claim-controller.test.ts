import { expect } from '@open-wc/testing';
import type { Task } from '@lit/task';
import { ClaimController } from './claim-controller.ts';
import type { ClaimsSession } from '../internal/session.ts';
import type { Claim, ClaimEvent } from '../internal/types.ts';
import { FakeHost, settle } from '../test/fakes.ts';

const claim = (id: string, updatedAt: string, status: Claim['status'] = 'notified') => ({ id, updatedAt, status }) as Claim;
const event = (claimId: string, data: ClaimEvent['data'] = {}) => ({ id: 1, claimId, type: 'claim.transitioned', data, actor: { kind: 'handler', id: 'h', name: 'H' } }) as ClaimEvent;

/** A controller showing claim c1, over a fake session whose ClaimLoader answers with `fetched`. */
function controller(options: { loaded?: Claim; given?: Claim; follows?: (e: ClaimEvent) => boolean; fetched?: Claim } = {}) {
  const host = new FakeHost();
  const asked: string[] = [];
  const answer = () => Promise.resolve(options.fetched!);
  const session = {
    claims: {
      load: (id: string) => (asked.push(`load ${id}`), answer()),
      after: (e: ClaimEvent) => (asked.push(`after ${e.claimId}`), answer()),
    },
  } as unknown as ClaimsSession;
  const loaded = { value: options.loaded } as Task<readonly unknown[], Claim>;
  const fresh = new ClaimController(host, {
    session: () => session,
    id: () => 'c1',
    loaded,
    ...(options.given ? { given: () => options.given } : {}),
    ...(options.follows ? { follows: options.follows } : {}),
  });
  return { fresh, host, asked };
}

describe('ClaimController', () => {
  it('shows the loaded claim until a fresher one comes live, and never an older one', async () => {
    const loaded = claim('c1', '2026-11-26T10:00:01.000Z');
    const { fresh, asked } = controller({ loaded, fetched: claim('c1', '2026-11-26T10:00:02.000Z', 'documentation') });
    expect(fresh.value).to.equal(loaded);
    fresh.liveEvent(event('c1', { to: 'documentation' }));
    await settle();
    expect(asked).to.deep.equal(['after c1']);
    expect(fresh.value!.status).to.equal('documentation');
    fresh.adopt(claim('c1', '2026-11-26T10:00:00.000Z', 'notified'));
    expect(fresh.value!.status, 'an older answer does not win').to.equal('documentation');
    fresh.liveReset();
    expect(fresh.value, 'a reset voids what came live').to.equal(loaded);
  });

  it('ignores other claims, events it does not follow, and fetches nothing for a claim it was given', async () => {
    const { fresh, asked } = controller({ loaded: claim('c1', '2026-11-26T10:00:00.000Z'), follows: (e) => !!e.data.to, fetched: claim('c1', '2026-11-26T10:00:05.000Z') });
    fresh.liveEvent(event('c2', { to: 'documentation' }));
    fresh.liveEvent(event('c1'));
    fresh.adopt(claim('c2', '2030-01-01T00:00:00.000Z'));
    await settle();
    expect(asked).to.deep.equal([]);
    expect(fresh.value!.id).to.equal('c1');

    const given = claim('c1', '2026-11-26T10:00:00.000Z');
    const host = controller({ given, fetched: claim('c1', '2026-11-26T10:00:05.000Z', 'closed') });
    host.fresh.liveEvent(event('c1', { to: 'closed' }));
    await settle();
    expect(host.asked, 'whoever gave it keeps it fresh').to.deep.equal([]);
    expect(host.fresh.value).to.equal(given);
    // Refused because it changed meanwhile: fetched again, and fresher than the one given.
    host.fresh.refresh();
    await settle();
    expect(host.asked).to.deep.equal(['load c1']);
    expect(host.fresh.value!.status).to.equal('closed');
  });
});
