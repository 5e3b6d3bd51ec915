import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLAIM_STATUSES } from '../../domain/constants.ts';
import { DomainError, TransitionNotAllowedError } from '../errors.ts';
import { problemOf } from '../http/problem.ts';
import { answersOf, assertTransition, awaits, deadlineState, documentsStageOf, eventOfMove, isFinal, nextStatuses, phasesOf, TRANSITIONS, type Mover } from './lifecycle.ts';

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
    assert.ok(error instanceof DomainError);
    return problemOf(error).status;
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
          return (e as Error).message;
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
      assert.ok(error instanceof TransitionNotAllowedError);
      assert.equal(problemOf(error).status, 409);
      assert.match(error.message, /notified cannot move to submitted/);
      assert.match(error.message, /documentation or declined/);
    }
  });

  it('lists the next statuses a mover may choose', () => {
    assert.deepEqual(nextStatuses('notified', 'customer'), ['documentation', 'declined']);
    assert.deepEqual(nextStatuses('notified', 'handler'), []);
    assert.deepEqual(nextStatuses('review', 'handler'), ['documentation', 'submitted']);
    assert.deepEqual(nextStatuses('closed', 'handler'), []);
  });

  it('says whose move each status waits for', () => {
    assert.ok(awaits('notified', 'customer'));
    assert.ok(!awaits('notified', 'handler'));
    assert.ok(awaits('review', 'handler'));
    assert.ok(!awaits('review', 'customer'));
    assert.ok(!awaits('closed', 'handler') && !awaits('closed', 'customer'));
  });

  it('tells where the filing deadline stands', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    assert.equal(deadlineState('notified', '2026-11-21T23:59:59.999Z', now), 'running');
    assert.equal(deadlineState('review', '2026-11-19T23:59:59.999Z', now), 'missed');
    assert.equal(deadlineState('submitted', '2026-11-19T23:59:59.999Z', now), 'met');
    assert.equal(deadlineState('closed', '2026-11-21T23:59:59.999Z', now), 'met');
    assert.equal(deadlineState('declined', '2026-11-21T23:59:59.999Z', now), 'stopped');
  });

  it('draws the stepper: the main line, or the declined branch', () => {
    const states = (status: Parameters<typeof phasesOf>[0]) => phasesOf(status).map((p) => `${p.status}:${p.state}`);
    assert.deepEqual(states('review'), [
      'notified:done', 'documentation:done', 'review:current', 'submitted:pending', 'resolved:pending', 'closed:pending',
    ]);
    assert.deepEqual(states('closed').at(-1), 'closed:done');
    assert.deepEqual(states('declined'), ['notified:done', 'declined:done']);
    assert.deepEqual(states('notified')[0], 'notified:current');
  });

  it('tells clients, per status, whether the claim is final and where it is in collecting its documents', () => {
    const told = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, `${isFinal(status) ? 'final' : 'open'} ${documentsStageOf(status)}`]));
    assert.deepEqual(told, {
      notified: 'open not_yet',
      declined: 'final never',
      documentation: 'open collecting',
      review: 'open collecting',
      submitted: 'open collected',
      resolved: 'open collected',
      closed: 'final collected',
    });
    // Final is what the lifecycle table says: no move out.
    for (const status of CLAIM_STATUSES) assert.equal(isFinal(status), Object.keys(TRANSITIONS[status]).length === 0, status);
  });

  it('offers the customer Accept and Decline on a notified claim only, and names their events', () => {
    assert.deepEqual(answersOf('notified', 'customer'), ['accept', 'decline']);
    assert.deepEqual(answersOf('notified', 'handler'), []);
    // A handler may send a claim in review back to documentation; that is no customer answer.
    assert.deepEqual(answersOf('review', 'handler'), []);
    assert.deepEqual(answersOf('review', 'customer'), []);
    assert.equal(eventOfMove('documentation', 'customer'), 'claim.accepted');
    assert.equal(eventOfMove('declined', 'customer'), 'claim.declined');
    assert.equal(eventOfMove('documentation', 'handler'), 'claim.transitioned');
    assert.equal(eventOfMove('submitted', 'handler'), 'claim.transitioned');
  });
});
