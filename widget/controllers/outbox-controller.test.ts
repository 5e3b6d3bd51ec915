import { expect } from '@open-wc/testing';
import { ApiError } from '../internal/api-error.ts';
import { OutboxController, type Outgoing } from './outbox-controller.ts';
import { FakeClock, FakeHost, settle } from '../test/fakes.ts';

/** An outbox whose sends answer as `answer` says, one call after another. */
function outbox(answer: (attempt: number) => Promise<string>) {
  const clock = new FakeClock();
  const sends: string[] = [];
  const sent: string[] = [];
  const failed: Array<{ problem: ApiError; entry: Outgoing<string> }> = [];
  const box = new OutboxController<string, string>(new FakeHost(), {
    send: (_item, clientId) => (sends.push(clientId), answer(sends.length)),
    sent: (result) => sent.push(result),
    failed: (problem, entry) => failed.push({ problem, entry }),
    clock: () => clock,
  });
  return { box, clock, sends, sent, failed };
}

const offline = () => Promise.reject(new TypeError('Failed to fetch'));

describe('OutboxController', () => {
  it('retries on the network with backoff on the clock it is given, with one clientId, until sent', async () => {
    const { box, clock, sends, sent } = outbox((attempt) => (attempt < 4 ? offline() : Promise.resolve('stored')));
    box.add('hola');
    await settle();
    expect(box.items[0]).to.include({ state: 'retrying', attempts: 1 });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      delays.push(clock.fire());
      await settle();
    }
    expect(delays, '1 s, 2 s, 4 s').to.deep.equal([1000, 2000, 4000]);
    expect(new Set(sends).size, 'the same clientId every time').to.equal(1);
    expect(sent).to.deep.equal(['stored']);
    expect(box.items).to.have.length(0);
  });

  it('gives up after six attempts on the network, and at once on a refusal', async () => {
    const { box, clock, failed } = outbox(offline);
    box.add('hola');
    await settle();
    for (let i = 0; i < 5; i++) {
      clock.fire();
      await settle();
    }
    expect(clock.timers.size, 'no seventh attempt').to.equal(0);
    expect(box.items[0]).to.include({ state: 'failed', attempts: 6 });
    expect(failed[0]!.problem.status).to.equal(0);

    const refused = outbox(() =>
      Promise.reject(new ApiError(409, 'Claim is final', 'The claim is closed, a final status.', 'https://claimdesk.dev/problems/claim-final')),
    );
    refused.box.add('hola');
    await settle();
    expect(refused.clock.timers.size, 'a refusal is not retried').to.equal(0);
    expect(refused.box.items[0]).to.include({ state: 'failed', attempts: 1 });
    expect(refused.box.items[0]!.problem?.code).to.equal('claim-final');
    expect(refused.failed[0]!.problem.status).to.equal(409);
  });

  it('sends what waits for a retry at once when the browser comes back online', async () => {
    const { box, clock, sends } = outbox((attempt) => (attempt === 1 ? offline() : Promise.resolve('stored')));
    box.hostConnected();
    try {
      box.add('hola');
      await settle();
      expect(box.items[0]!.state).to.equal('retrying');
      window.dispatchEvent(new Event('online'));
      await settle();
      expect(sends).to.have.length(2);
      expect(box.items).to.have.length(0);
      expect(clock.timers.size, 'the retry timer is dropped').to.equal(0);
    } finally {
      box.hostDisconnected();
    }
  });

  it('asks before the page is left while something is unsent, and only then', async () => {
    const { box, clock } = outbox((attempt) => (attempt < 3 ? offline() : Promise.resolve('stored')));
    const leaving = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    box.hostConnected();
    try {
      expect(leaving(), 'nothing written').to.equal(false);
      box.add('hola');
      await settle();
      expect(box.items[0]!.state).to.equal('retrying');
      expect(leaving(), 'waiting for a retry').to.equal(true);
      clock.fire();
      await settle();
      clock.fire();
      await settle();
      expect(box.items).to.have.length(0);
      expect(leaving(), 'stored').to.equal(false);
      box.add('adiós');
      expect(leaving(), 'sending').to.equal(true);
    } finally {
      box.hostDisconnected();
    }
    expect(leaving(), 'the element gone, it no longer asks').to.equal(false);
  });

  it('drops what came back confirmed, and takes a lost answer for it as no failure', async () => {
    let answer!: (result: Promise<string>) => void;
    const { box, clock, failed } = outbox(() => new Promise((resolve) => (answer = resolve)));
    box.add('hola');
    box.confirm(new Set([box.items[0]!.clientId]));
    expect(box.items).to.have.length(0);
    answer(offline());
    await settle();
    expect(failed, 'no failure reported').to.have.length(0);
    expect(clock.timers.size, 'nothing retried').to.equal(0);
  });
});
