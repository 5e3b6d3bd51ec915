import { expect } from '@open-wc/testing';
import { fresher, mergeEvents, mergePage } from './freshness.ts';
import type { Claim, ClaimEvent } from './types.ts';

const claim = (id: string, updatedAt: string, createdAt = updatedAt, status: Claim['status'] = 'notified') =>
  ({ id, updatedAt, createdAt, status }) as Claim;
const event = (id: number) => ({ id, claimId: 'c1' }) as ClaimEvent;

describe('freshness merges', () => {
  it('keeps the fresher version of a claim, whichever arrived last', () => {
    const older = claim('c1', '2026-11-26T10:00:00.000Z');
    const newer = claim('c1', '2026-11-26T10:00:01.000Z', undefined, 'documentation');
    expect(fresher(newer, older)).to.equal(newer);
    expect(fresher(older, newer)).to.equal(newer);
    expect(fresher(null, older)).to.equal(older);
    expect(fresher(claim('c2', '2030-01-01T00:00:00.000Z'), older), 'another claim is replaced').to.equal(older);
  });

  it('merges what arrived live during a page load: newer versions win, new claims go on top if they fit', () => {
    const page = [claim('b', '2026-11-26T09:00:00.000Z'), claim('a', '2026-11-26T08:00:00.000Z')];
    const arrived = [
      claim('a', '2026-11-26T11:00:00.000Z', '2026-11-26T08:00:00.000Z', 'documentation'),
      claim('d', '2026-11-26T12:00:00.000Z'),
      claim('c', '2026-11-26T11:30:00.000Z'),
      claim('x', '2026-11-26T12:30:00.000Z'),
    ];
    const merged = mergePage(page, arrived, (c) => c.id !== 'x');
    expect(merged.map((c) => c.id)).to.deep.equal(['d', 'c', 'b', 'a']);
    expect(merged[3]!.status).to.equal('documentation');
  });

  it('keeps each timeline event once, in log order', () => {
    expect(mergeEvents([event(1), event(3)], [event(2), event(3), event(4)]).map((e) => e.id)).to.deep.equal([1, 2, 3, 4]);
  });
});
