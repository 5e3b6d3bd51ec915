import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeldUntilCommit, readHeld } from './held-until-commit.ts';

const row = (id: string) => ({ id, name: id });

describe('reads a process holds until a commit (HeldUntilCommit)', () => {
  it('answers with a read until the time to live passes, frozen', () => {
    let now = 1_000;
    const held = new HeldUntilCommit<{ id: string; name: string }>({ ttlMs: 500, now: () => now });
    assert.equal(held.get('ana'), undefined);
    held.remember('ana', row('ana'), held.reading());
    const read = held.get('ana');
    assert.equal(read?.id, 'ana');
    assert.ok(Object.isFrozen(read), 'every request that gets it shares it: none may change it');
    assert.equal(held.get('marta'), undefined, 'another key is another read');
    now += 499;
    assert.equal(held.get('ana')?.id, 'ana');
    now += 1;
    assert.equal(held.get('ana'), undefined, 'read again once the time to live is over');
    assert.equal(held.size, 0);
  });

  it('forgets everything at a commit, and does not keep a read made while one landed', () => {
    const held = new HeldUntilCommit<{ id: string }>();
    held.remember('ana', row('ana'), held.reading());
    held.remember('marta', row('marta'), held.reading());
    const begun = held.reading();
    held.forgetAll();
    assert.equal(held.get('ana'), undefined);
    assert.equal(held.get('marta'), undefined);
    held.remember('jordi', row('jordi'), begun);
    assert.equal(held.get('jordi'), undefined, 'read before the commit: it may be the row as it was');
    held.remember('jordi', row('jordi'), held.reading());
    assert.equal(held.get('jordi')?.id, 'jordi');
  });

  it('holds at most its capacity, letting go of the longest held', () => {
    const held = new HeldUntilCommit<{ id: string }>({ capacity: 2 });
    for (const id of ['a', 'b', 'c']) held.remember(id, row(id), held.reading());
    assert.equal(held.size, 2);
    assert.equal(held.get('a'), undefined);
    assert.ok(held.get('b') && held.get('c'));
  });

  it('reads through a holder: once, then from it; nothing found is not held; a read a commit overtook is not kept', async () => {
    const held = new HeldUntilCommit<{ id: string }>();
    let reads = 0;
    const read = async () => (reads++, row('ana'));
    assert.equal((await readHeld(held, 'ana', read)).id, 'ana');
    assert.equal((await readHeld(held, 'ana', read)).id, 'ana');
    assert.equal(reads, 1);
    assert.equal(await readHeld(held, 'nobody', async () => (reads++, undefined)), undefined);
    assert.equal(await readHeld(held, 'nobody', async () => (reads++, undefined)), undefined);
    assert.equal(reads, 3, 'what is not found is looked for again');
    await readHeld(held, 'marta', async () => {
      held.forgetAll();
      return row('marta');
    });
    assert.equal(held.get('marta'), undefined, 'a commit landed while it read');
    assert.equal((await readHeld(undefined, 'ana', read)).id, 'ana');
    assert.equal(reads, 4, 'no holder: read each time');
  });
});
