import { expect } from '@open-wc/testing';
import type { ClaimsSession } from '../internal/session.ts';
import { ThumbnailController } from './thumbnail-controller.ts';
import { FakeHost, settle } from '../test/fakes.ts';

describe('ThumbnailController', () => {
  it('fetches the small preview of each image shown once, and gives it back when the file goes', async () => {
    const asked: string[] = [];
    const session = {
      api: { file: (id: string, thumbnail: boolean) => (asked.push(`${id}${thumbnail ? ' (thumbnail)' : ''}`), Promise.resolve(new Blob(['png'], { type: 'image/png' }))) },
    } as unknown as ClaimsSession;
    let files = [
      { id: 'photo', hasThumbnail: true },
      { id: 'invoice', hasThumbnail: false },
    ];
    const host = new FakeHost();
    const thumbnails = new ThumbnailController(host, { session: () => session, files: () => files });
    thumbnails.hostUpdate();
    thumbnails.hostUpdated();
    thumbnails.hostUpdated();
    await settle();
    expect(asked, 'once, and only for the image').to.deep.equal(['photo (thumbnail)']);
    const url = thumbnails.url('photo')!;
    expect(url).to.match(/^blob:/);
    expect(host.updates, 'the element shows it').to.equal(1);
    expect((await fetch(url)).ok).to.equal(true);

    files = [{ id: 'invoice', hasThumbnail: false }];
    thumbnails.hostUpdate();
    expect(thumbnails.url('photo')).to.equal(undefined);
    const revoked = await fetch(url).then(
      () => false,
      () => true,
    );
    expect(revoked, 'the object URL is given back').to.equal(true);
  });

  it('keeps no preview that comes after its file went, and gives all back when the element leaves', async () => {
    let answer!: (blob: Blob) => void;
    const session = { api: { file: () => new Promise<Blob>((resolve) => (answer = resolve)) } } as unknown as ClaimsSession;
    let files = [{ id: 'photo', hasThumbnail: true }];
    const thumbnails = new ThumbnailController(new FakeHost(), { session: () => session, files: () => files });
    thumbnails.hostUpdated();
    files = [];
    thumbnails.hostUpdate();
    answer(new Blob(['png'], { type: 'image/png' }));
    await settle();
    expect(thumbnails.url('photo')).to.equal(undefined);

    files = [{ id: 'photo', hasThumbnail: true }];
    thumbnails.hostUpdated();
    answer(new Blob(['png'], { type: 'image/png' }));
    await settle();
    expect(thumbnails.url('photo')).to.match(/^blob:/);
    thumbnails.hostDisconnected();
    expect(thumbnails.url('photo')).to.equal(undefined);
  });
});
