import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase } from '../db/connect.ts';
import { SYSTEM_ACTOR } from '../events/actor.ts';
import { record } from '../events/record.ts';
import { testEngine } from '../testing/database.ts';
import { claimInput, createTestApi, type Caller } from '../testing/harness.ts';

// What an integration that keeps its own copy of the claims relies on: finding the claim it
// reported by its own id, and following every change by polling on updatedAt.

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

interface Listed {
  id: string;
  companyId: string;
  externalRef: string;
  updatedAt: string;
}

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
const textiles = { id: 'textiles', name: 'Textiles del Sur S.A.' };

async function list(caller: Caller, query: string) {
  const res = await api.call(caller, 'GET', `/claims?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { items: Listed[]; nextCursor: string | null; counts?: unknown };
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await sleep(10);
}

/** Every page of a listing, following nextCursor. */
async function pages(caller: Caller, query: string, between: (page: number) => Promise<void> = async () => {}) {
  const seen: Listed[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const body = await list(caller, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    seen.push(...body.items);
    cursor = body.nextCursor;
    await between(page++);
  } while (cursor);
  return seen;
}

describe('keeping a copy of the claims in step', () => {
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(() => api.close());

  describe('looking a claim up by externalRef', () => {
    it('finds exactly the claim opened for it, within the caller’s reach', async () => {
      const ours = await api.createClaim({ externalRef: 'INC-1' });
      await api.createClaim({ externalRef: 'INC-10' });
      const theirs = await api.createClaim({ externalRef: 'INC-1', company: textiles });
      const ids = (body: { items: Listed[] }) => body.items.map((claim) => claim.id).sort();

      const mine = await list('admin', 'externalRef=INC-1');
      assert.deepEqual(ids(mine), [ours.id], 'a company’s user: their company’s claim only, no prefix match');
      assert.equal(mine.nextCursor, null);
      assert.equal(mine.counts, undefined, 'a lookup carries no counts');
      assert.deepEqual(ids(await list('apiKey', 'externalRef=INC-1')), [ours.id, theirs.id].sort(), 'the host backend: one per company');
      assert.deepEqual(ids(await list('apiKey', 'externalRef=INC-1&companyId=textiles')), [theirs.id]);
      assert.deepEqual(ids(await list('handler', 'externalRef=%20INC-10%20')), [(await list('admin', 'externalRef=INC-10')).items[0]!.id], 'trimmed like intake trims it');
      assert.deepEqual(ids(await list('apiKey', 'externalRef=inc-1')), [], 'exactly, case included');
    });
  });

  describe('updatedAt, updatedSince and sort=updated', () => {
    it('moves updatedAt with every change of the claim, its documents or its conversation, but not with a read receipt', async () => {
      const claim = await api.createClaim();
      const updatedAt = async () => (await api.call('apiKey', 'GET', `/claims/${claim.id}`)).body.updatedAt as string;
      let last = await updatedAt();
      const moves = async (what: string, act: () => Promise<{ status: number }>) => {
        const res = await act();
        assert.ok(res.status < 300, `${what}: ${res.status}`);
        const now = await updatedAt();
        assert.ok(now > last, `${what} moves updatedAt (${last} → ${now})`);
        last = now;
      };
      await moves('accepting', () => api.call('admin', 'POST', `/claims/${claim.id}/accept`));
      let message: { id: string } | undefined;
      await moves('a message', async () => {
        const res = await api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: 'Hola', clientId: 'm-1' });
        message = res.body;
        return res;
      });
      const requirement = (await api.call('admin', 'GET', `/claims/${claim.id}/documents`)).body.items[0] as { id: string };
      await moves('an upload', () => api.upload('admin', claim.id, requirement.id, [{ name: 'factura.pdf', bytes: PDF }]));
      await moves('a review', () => api.call('handler', 'POST', `/claims/${claim.id}/documents/${requirement.id}/review`, { decision: 'rejected', reason: 'Ilegible' }));
      await moves('an assignment', async () => api.call('handler', 'POST', `/claims/${claim.id}/assignee`, { handlerId: (await api.call('handler', 'GET', '/me')).body.id }));
      const read = await api.call('admin', 'POST', `/claims/${claim.id}/read`, { messageId: message!.id });
      assert.equal(read.status, 200);
      assert.equal(await updatedAt(), last, 'reading the conversation changes nothing of the claim');
    });

    it('pages, least recently changed first, through every claim changed since a time, meeting again one that changes meanwhile', async () => {
      const claims: { id: string }[] = [];
      for (let i = 0; i < 6; i++) claims.push(await api.createClaim({ company: i % 2 ? textiles : { id: 'ferreteria' } }));
      const since = (await list('apiKey', 'sort=updated&limit=100')).items.at(-1)!.updatedAt;
      const all = await pages('apiKey', 'sort=updated&limit=2');
      assert.deepEqual(
        all.map((claim) => claim.id),
        claims.map((claim) => claim.id),
        'by updatedAt, then id: the order they were opened in',
      );

      // Later: a message on one, a decline on another.
      await api.call('handler', 'POST', `/claims/${claims[1]!.id}/messages`, { body: 'Hola', clientId: 'm-2' });
      await api.call('admin', 'POST', `/claims/${claims[0]!.id}/decline`, { reason: 'No' });
      const changed = await pages('apiKey', `sort=updated&limit=2&updatedSince=${encodeURIComponent(since)}`);
      assert.deepEqual(
        changed.map((claim) => claim.id),
        [claims[5]!.id, claims[1]!.id, claims[0]!.id],
        'the last one read again (updatedSince is inclusive), then those changed since, in the order they changed',
      );
      assert.ok(changed.every((claim, i) => i === 0 || claim.updatedAt >= changed[i - 1]!.updatedAt));

      // A claim that changes while the list is paged moves to the end, where it is met again.
      const paged = await pages('apiKey', 'sort=updated&limit=2', async (page) => {
        if (page === 0) await api.call('handler', 'POST', `/claims/${claims[2]!.id}/messages`, { body: 'Otra', clientId: 'm-3' });
      });
      const ids = paged.map((claim) => claim.id);
      assert.equal(ids.at(-1), claims[2]!.id);
      assert.deepEqual([...new Set(ids)].sort(), claims.map((claim) => claim.id).sort(), 'none missed');

      const customer = await pages('admin', `sort=updated&limit=2&updatedSince=${encodeURIComponent(since)}`);
      assert.deepEqual(customer.map((claim) => claim.id), [claims[0]!.id, claims[2]!.id], 'a company’s user polls their company’s claims');
      assert.equal((await list('apiKey', `updatedSince=${encodeURIComponent(since)}`)).counts, undefined, 'a poll carries no counts');
    });

    it('never deadlocks a change that locked the claim with another process’s that only appends to it', { skip: testEngine !== 'postgres' && 'PostgreSQL only: SQLite has one writer' }, async () => {
      const claim = await api.createClaim();
      // A second pool on the database stands for another process: a write path of its own.
      const elsewhere = openDatabase(api.databaseUrl);
      try {
        let message: ReturnType<Api['call']> | undefined;
        // A change that takes the claim's row first (as a document upload does) and appends later…
        const locked = record({ ...api, db: elsewhere }, async (trx, append) => {
          await trx.updateTable('claims').set({ carrier: 'Palletways' }).where('id', '=', claim.id).execute();
          // …while a message, which locks nothing before it appends, is posted here and has to wait for it.
          message = api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: 'Hola', clientId: 'race-1' });
          await until(async () => {
            const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks where not granted`.execute(api.db);
            return rows[0]!.n > 0;
          });
          await append({ type: 'claim.assigned', claimId: claim.id, companyId: claim.companyId, actor: SYSTEM_ACTOR, data: { handler: { id: 'usr_x', name: 'X' } } });
        });
        await locked;
        assert.equal((await message!).status, 201);
      } finally {
        await elsewhere.destroy();
      }
    });

    it('takes updatedSince in any offset, and refuses what is not an instant', async () => {
      const claim = await api.createClaim();
      const { updatedAt } = (await api.call('apiKey', 'GET', `/claims/${claim.id}`)).body;
      const inMadrid = new Date(Date.parse(updatedAt) + 3_600_000).toISOString().replace('Z', '+01:00');
      assert.deepEqual((await list('apiKey', `updatedSince=${encodeURIComponent(inMadrid)}`)).items.map((c) => c.id), [claim.id]);
      const bad = await api.call('apiKey', 'GET', '/claims?updatedSince=yesterday');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].field, 'updatedSince');
      const otherSort = await api.call('apiKey', 'GET', `/claims?sort=newest&cursor=${encodeURIComponent((await list('apiKey', 'sort=updated&limit=1')).nextCursor ?? 'x')}`);
      assert.equal(otherSort.status, 400);
    });
  });

  it('answers a claim opened with its Location, and a repeat without one', async () => {
    const input = claimInput();
    const created = await api.call('apiKey', 'POST', '/claims', input);
    assert.equal(created.headers.get('location'), `/api/v1/claims/${created.body.id}`);
    const followed = await api.app.request(created.headers.get('location')!, { headers: await api.headersFor('apiKey') });
    assert.equal(((await followed.json()) as { id: string }).id, created.body.id);
    const repeat = await api.call('apiKey', 'POST', '/claims', input);
    assert.equal(repeat.status, 200);
    assert.equal(repeat.headers.get('location'), null);
  });
});
