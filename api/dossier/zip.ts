import type { PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';

// A ZIP written as it is read: each stored object is opened only when its turn comes and
// streamed through with the reader's backpressure, so a dossier of any size costs the process a
// few buffers, never its size. Entries are stored, not deflated: what a claim holds (photos,
// PDFs, office files) is compressed already, and stored entries of known sizes let the archive's
// length be known before its first byte (Content-Length, so a browser shows progress). Offsets
// past 4 GiB switch to ZIP64 by themselves.

/** One file of the archive: bytes at hand (a summary), or a stored object opened on its turn. */
export type ZipEntry = { path: string; mtime: Date } & ({ bytes: Buffer } | { size: number; open: () => Promise<Readable> });

/** yazl as it is, where its published types say less: its output is a PassThrough, and end() tells the length. */
interface Yazl {
  outputStream: PassThrough;
  end(options: object, total: (bytes: number) => void): void;
}

export interface ZipStream {
  /** The archive's bytes. Destroyed with the error when an object fails to open or to read. */
  stream: Readable;
  /** The archive's length in bytes. */
  size: number;
}

/**
 * The archive of `entries`, in order. A failure mid-way (an object gone or unreadable) destroys
 * `stream` with that error, after `onError` hears it: the answer under way is cut, and nothing
 * else is touched. The object being read is closed with the stream, whoever ends it (a client
 * that went away too).
 */
export function zipStream(entries: readonly ZipEntry[], onError: (error: Error) => void): ZipStream {
  const zip = new ZipFile();
  const output = (zip as unknown as Yazl).outputStream;
  let reading: Readable | null = null;
  const fail = (error: Error) => {
    if (output.destroyed) return;
    onError(error);
    output.destroy(error);
  };
  zip.on('error', fail);
  output.once('close', () => reading?.destroy());

  for (const entry of entries) {
    const options = { mtime: entry.mtime, compress: false };
    if ('bytes' in entry) {
      zip.addBuffer(entry.bytes, entry.path, options);
      continue;
    }
    zip.addReadStreamLazy(entry.path, { ...options, size: entry.size }, (give) => {
      entry.open().then(
        (stream) => {
          stream.once('error', fail);
          // Ended before its turn came (a HEAD, a client gone): the object is closed unread.
          if (output.destroyed) return void stream.destroy();
          reading = stream;
          give(null, stream);
        },
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }
  let size = -1;
  // Called at once: every entry is stored and its size known.
  (zip as unknown as Yazl).end({}, (total) => (size = total));
  if (size < 0) throw new Error('A ZIP of stored entries of known sizes has a known length; an entry lacks one.');
  return { stream: output, size };
}
