import { expect } from '@open-wc/testing';
import { preparePhoto } from './prepare-photo.ts';
import { readJpeg } from './exif.ts';
import { canvasJpeg, exifSegment, phoneExif, withSegments } from '../test/photos.ts';
import '../test/helpers.ts';

// A host page whose Content-Security-Policy refuses blob: workers (worker-src): the photo is
// prepared on the page instead. A file of its own, as the policy stays with the page.

describe('preparePhoto on a page that refuses workers', () => {
  before(() => {
    const policy = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "worker-src 'none'" });
    document.head.append(policy);
  });

  it('prepares the photo all the same, and the next one too', async () => {
    const refused: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => refused.push(e.effectiveDirective));
    const photo = withSegments(await canvasJpeg(4000, 3000), exifSegment(phoneExif({ orientation: 6 })));
    for (const name of ['first.jpg', 'second.jpg']) {
      const prepared = await preparePhoto(new File([photo as BlobPart], name, { type: 'image/jpeg' }), 2560);
      const facts = readJpeg(new Uint8Array(await prepared.arrayBuffer()))!;
      expect([prepared.name, facts.width, facts.height, facts.gps], name).to.deep.equal([name, 1920, 2560, false]);
    }
    expect(refused, 'the worker was refused, once').to.deep.equal(['worker-src']);
  });
});
