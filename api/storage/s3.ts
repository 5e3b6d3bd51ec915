import { PassThrough, Writable, type Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  NoSuchKey,
  NoSuchUpload,
  S3Client,
  S3ServiceException,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { isStorageKey, newStorageKey, type ByteRange, type KeyedStorage, type StoredObject, type WriteTarget } from './storage.ts';

// Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Cloudflare R2), each under `prefix + key`.
// An object is written as a multipart upload fed as its bytes arrive, parts of PART_BYTES with
// PARTS_IN_FLIGHT of them on their way at once: an upload holds a few parts in memory whatever the
// file's size, and nothing on local disk. S3 shows an object once its upload completes, which it
// does once its body ends; commit() ends the body, not the writer finishing, so nothing shows
// under a key before its commit. A write that fails aborts its multipart upload; one a crash (or a
// store that stopped answering) kept from that leaves parts, which remove(key) finds and aborts,
// so that the ledger's sweep clears them like any bytes no row owns.

/** The smallest part S3 takes (but for the last one). */
const PART_BYTES = 5 * 1024 * 1024;
/** Parts on their way at once: the next one fills while another is sent. */
const PARTS_IN_FLIGHT = 2;
/** A store that takes longer to accept a connection is down, and start-up and readiness soon say so. */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * A connection on which nothing moved this long is dead: a store that stopped answering fails the
 * request rather than holding it. A download whose client stopped reading that long is cut too;
 * the client resumes it with a Range.
 */
const IDLE_TIMEOUT_MS = 5 * 60_000;

// On Node 20 the SDK warns, at its first client in the process, that its releases from 2027 on
// will need Node 22. The version we depend on is pinned and runs on Node 20: the warning is for
// whoever upgrades the dependency, not for an operator's log, who gets it back by setting the
// variable to false.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface S3StorageOptions {
  bucket: string;
  /** Put before every key, so that several deployments (or other data) can share the bucket. */
  prefix?: string;
  /** The URL of an S3-compatible service (MinIO, Ceph, R2); unset, AWS S3 in `region`. */
  endpoint?: string | undefined;
  region: string;
  /** The bucket in the URL's path (`endpoint/bucket/key`) rather than its host name, as MinIO and most self-hosted services need. */
  forcePathStyle?: boolean;
  /**
   * Unset, the AWS SDK's default chain finds them: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
   * a shared profile, the instance's or task's role.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** A write under way in this process. */
interface Write {
  stream: Writable;
  /** Settles once the upload completed, or failed and (if the store answered) aborted its multipart upload. */
  settled: Promise<void>;
}

export class S3Storage implements KeyedStorage {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  /** The bucket and where it is, for error messages. */
  readonly #where: string;
  /** By key: remove() stops a write before it deletes what the write left. */
  readonly #writes = new Map<string, Write>();

  constructor(options: S3StorageOptions) {
    this.#client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: IDLE_TIMEOUT_MS },
    });
    this.#bucket = options.bucket;
    const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.#prefix = prefix === '' ? '' : `${prefix}/`;
    this.#where = `bucket ${options.bucket} at ${options.endpoint ?? `AWS S3 (${options.region})`}`;
  }

  async create(key = newStorageKey()): Promise<WriteTarget> {
    const objectKey = this.#objectKey(key);
    const body = new PassThrough();
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.#bucket, Key: objectKey, Body: body },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      // Its own clean-up would report its failure instead of the upload's when the store is down: the
      // failure handler below cleans up instead.
      leavePartsOnError: true,
    });
    const stream = new Writable({
      // Destroyed only to abandon the write (the writer failing, abort, remove), not once it finished.
      autoDestroy: false,
      // The body's callback comes once the upload took the chunk in: the writer waits on S3's pace.
      write: (chunk: Buffer, _encoding, callback) => void body.write(chunk, callback),
      // The body ends at commit(): until then the upload cannot complete, so nothing shows under the key.
      final: (callback) => callback(),
      destroy: (error, callback) => {
        body.destroy(error ?? new Error(`The write to ${key} was abandoned.`));
        callback(error);
      },
    });
    // Failures reach the writer through `stream` and commit() through the upload's result; one that
    // comes after the writer stopped listening must not end the process.
    body.on('error', () => {});
    stream.on('error', () => {});

    const uploaded = upload.done().then(
      () => {},
      async (error: unknown) => {
        // A writer waiting for the upload to take more hears why it will not.
        stream.destroy(error as Error);
        // Parts a store that does not answer now keeps, remove(key) finds later.
        if (upload.uploadId !== undefined) await this.#abortMultipart(objectKey, upload.uploadId).catch(() => {});
        throw error;
      },
    );
    const settled = uploaded.then(
      () => void this.#writes.delete(key),
      () => void this.#writes.delete(key),
    );
    this.#writes.set(key, { stream, settled });

    const state = { committed: false, aborted: false };
    return {
      key,
      stream,
      async commit() {
        if (state.committed || state.aborted) throw new Error(`Object ${key} was already committed or aborted.`);
        if (!stream.writableFinished && !stream.destroyed) throw new Error(`Object ${key} cannot be committed before its stream finished.`);
        body.end();
        await uploaded;
        // An abort while the upload completed has deleted the object: no row may point at it.
        if (state.aborted) throw new Error(`Object ${key} was aborted while it was being committed.`);
        state.committed = true;
      },
      // What the store does not answer to now stays for remove(key), which the ledger's sweep calls.
      abort: async () => {
        if (state.committed || state.aborted) return;
        state.aborted = true;
        stream.destroy();
        await settled;
        // Only commit() ends the body, so only after one can an object exist: its completion reached
        // the store although the answer did not, or it raced this abort.
        if (body.writableEnded) await this.#deleteObject(objectKey).catch(() => {});
      },
    };
  }

  async open(key: string, range?: ByteRange): Promise<StoredObject | null> {
    if (!isStorageKey(key)) return null;
    let object: GetObjectCommandOutput;
    try {
      object = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key), ...(range && { Range: `bytes=${range.start}-${range.end}` }) }),
      );
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
    // In Node the body is the HTTP response itself, a Readable.
    const stream = object.Body as Readable;
    const size = range ? wholeSizeOf(object.ContentRange, range) : object.ContentLength;
    if (size === undefined) {
      stream.destroy();
      const asked = range ? `bytes ${range.start}-${range.end}` : 'the whole object';
      throw new Error(
        `The ${this.#where} answered a read of ${asked} of ${key} with Content-Range ${object.ContentRange ?? 'unset'}, Content-Length ${object.ContentLength ?? 'unset'}.`,
      );
    }
    return { stream, size };
  }

  /**
   * Deletes the object, and the parts of uploads to `key` that never completed (a write whose abort
   * did not reach the store, or one a process died in the middle of): they are bytes too. A write to
   * `key` still under way in this process stops first, so that it cannot begin another meanwhile.
   */
  async remove(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    const objectKey = this.#objectKey(key);
    const write = this.#writes.get(key);
    if (write) {
      write.stream.destroy();
      await write.settled;
    }
    // Keys are written once each: a key has an upload or two, never a second page of them.
    const { Uploads = [] } = await this.#client.send(new ListMultipartUploadsCommand({ Bucket: this.#bucket, Prefix: objectKey }));
    for (const upload of Uploads) {
      if (upload.Key === objectKey && upload.UploadId !== undefined) await this.#abortMultipart(objectKey, upload.UploadId);
    }
    await this.#deleteObject(objectKey);
  }

  /** The bucket answers to these credentials (HeadBucket); otherwise an error saying what is wrong, naming the bucket and its endpoint. */
  async check(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
    } catch (error) {
      throw new Error(`The ${this.#where} ${whatWentWrong(error)}.`, { cause: error });
    }
  }

  #objectKey(key: string): string {
    if (!isStorageKey(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    return `${this.#prefix}${key}`;
  }

  async #deleteObject(objectKey: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: objectKey }));
  }

  async #abortMultipart(objectKey: string, uploadId: string): Promise<void> {
    try {
      await this.#client.send(new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key: objectKey, UploadId: uploadId }));
    } catch (error) {
      // Already aborted: an earlier attempt reached the store although its answer did not.
      if (!(error instanceof NoSuchUpload)) throw error;
    }
  }
}

/**
 * The whole object's size, from a ranged read's Content-Range, when it says the store sent the bytes
 * asked for: a store that sent others (or the whole object) would corrupt the 206 they are sent as.
 */
function wholeSizeOf(contentRange: string | undefined, range: ByteRange): number | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange ?? '');
  return match && Number(match[1]) === range.start && Number(match[2]) === range.end ? Number(match[3]) : undefined;
}

/** Why a HeadBucket failed, as the end of a sentence about the bucket. */
function whatWentWrong(error: unknown): string {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    if (status === 404) return 'does not exist (404): create it, or name one that does';
    if (status === 403) return 'refuses these credentials (403): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that they may use the bucket';
    if (status === 301 || status === 400) return `answers ${status}: is the bucket in another region, or does the service need S3_FORCE_PATH_STYLE=true?`;
    return `answers ${status ?? 'with an error'} (${error.name})`;
  }
  const name = (error as { name?: string }).name;
  if (name === 'CredentialsProviderError') return 'cannot be used without credentials, and none were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined || name === 'TimeoutError') return `does not answer (${code ?? 'connection timeout'})`;
  return `cannot be used: ${error instanceof Error ? error.message : String(error)}`;
}
