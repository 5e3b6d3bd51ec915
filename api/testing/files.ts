import { execFileSync } from 'node:child_process';
import yauzl from 'yauzl';

// Reading what the API hands out as files, the way a person's tools would: a ZIP with an unzip
// library of its own (yauzl, not the writer's), a PDF with pdftotext (Debian's poppler-utils,
// which `npm run test:api` installs through scripts/ensure-poppler.sh when it is missing).

/** The text of a PDF as pdftotext reads it, with every run of white space (line breaks, no-break spaces) as one space. */
export function pdfText(pdf: Uint8Array): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, ' ').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('pdftotext is not installed: run `bash scripts/ensure-poppler.sh` (Debian’s poppler-utils), as `npm run test:api` does.');
    }
    throw error;
  }
}

export interface ZipItem {
  bytes: Buffer;
  /** 0: stored; 8: deflated. */
  compressionMethod: number;
  mtime: Date;
}

/** Every file of a ZIP by its path, in the archive's order, read and CRC-checked by yauzl. */
export function unzip(zip: Uint8Array): Promise<Map<string, ZipItem>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(zip), { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, file) => {
      if (error) return reject(error);
      const items = new Map<string, ZipItem>();
      file.on('error', reject);
      file.on('end', () => resolve(items));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.once('error', reject);
          stream.once('end', () => {
            items.set(entry.fileName, { bytes: Buffer.concat(chunks), compressionMethod: entry.compressionMethod, mtime: entry.getLastModDate() });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}
