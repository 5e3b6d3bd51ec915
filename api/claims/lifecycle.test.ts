import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLAIM_STATUSES } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import { assertTransition, nextStatuses, TRANSITIONS, type Mover } from './lifecycle.ts';

const ALLOWED: Array<[from: string, to: string, movers: Mover[]]> = [
  ['notified', 'documentation', ['customer']],
  ['notified', 'declined', ['customer']],
  ['documentation', 'review', ['handler', 'system']],
  ['review', 'documentation', ['handler', 'system']],
  ['review', 'submitted', ['handler']],
  ['submitted', 'resolved', ['handler']],
  ['resolved', 'closed', ['handler', 'system']],
];
const MOVERS: Mover[] = ['customer', 'handler', 'system'];

function outcome(from: string, to: string, mover: Mover): number | 'ok' {
  try {
    assertTransition(from as never, to as never, mover);
    return 'ok';
  } catch (error) {
    assert.ok(error instanceof Problem);
    return error.status;
  }
}

describe('claim lifecycle', () => {
  it('allows exactly the moves of DESIGN.md, each to its movers', () => {
    for (const from of CLAIM_STATUSES) {
      for (const to of CLAIM_STATUSES) {
        const rule = ALLOWED.find(([f, t]) => f === from && t === to);
        for (const mover of MOVERS) {
          const expected = !rule ? 409 : rule[2].includes(mover) ? 'ok' : 403;
          assert.equal(outcome(from, to, mover), expected, `${from} → ${to} by ${mover}`);
        }
      }
    }
  });

  it('has no way out of the final statuses', () => {
    assert.deepEqual(TRANSITIONS.declined, {});
    assert.deepEqual(TRANSITIONS.closed, {});
    assert.match(
      (() => {
        try {
          assertTransition('closed', 'review', 'handler');
        } catch (e) {
          return (e as Problem).detail;
        }
        return '';
      })(),
      /final status/,
    );
  });

  it('explains an invalid move by naming where the claim can go', () => {
    try {
      assertTransition('notified', 'submitted', 'handler');
      assert.fail('expected a conflict');
    } catch (error) {
      assert.ok(error instanceof Problem);
      assert.equal(error.status, 409);
      assert.match(error.detail, /notified cannot move to submitted/);
      assert.match(error.detail, /documentation or declined/);
    }
  });

  it('lists the next statuses a mover may choose', () => {
    assert.deepEqual(nextStatuses('notified', 'customer'), ['documentation', 'declined']);
    assert.deepEqual(nextStatuses('notified', 'handler'), []);
    assert.deepEqual(nextStatuses('review', 'handler'), ['documentation', 'submitted']);
    assert.deepEqual(nextStatuses('closed', 'handler'), []);
  });
});
