/// <reference path="./s3rver.d.ts" />
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { StartOptions } from '../server.ts';
import { S3Storage, type S3StorageOptions } from '../storage/s3.ts';
import { API_KEY, JWT_SECRET } from './harness.ts';

// An S3-compatible store for tests: s3rver, in the test's process, keeping its bucket in a
// temporary directory. s3rver implements neither AbortMultipartUpload nor ListMultipartUploads;
// the middleware below does, as S3 does, so that tests can prove an abandoned write leaves no
// multipart upload open.

/** The credentials s3rver accepts. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const REGION = 'us-east-1';
/** Where s3rver keeps a bucket's multipart uploads not completed yet, one directory each. */
const UPLOADS_DIR = '._S3rver_uploads';

export interface TestS3 {
  /** The service's URL, for S3_ENDPOINT. */
  endpoint: string;
  bucket: string;
  /** What an S3Storage in this bucket, under `prefix`, is built from. */
  options(prefix?: string): S3StorageOptions;
  /** A store in this bucket, under `prefix`. */
  storage(prefix?: string): S3Storage;
  /** The settings an API process needs to keep its files in this bucket, under `prefix`. */
  env(prefix?: string): Record<string, string>;
  /** Every object's key in the bucket, sorted. */
  keys(): Promise<string[]>;
  /** The object keys of the multipart uploads begun and neither completed nor aborted. */
  openUploads(): string[];
  /** Stops answering, cutting the connections it has: requests are refused until start(). */
  stop(): Promise<void>;
  /** Answers again, on the same port, with what it stored. */
  start(): Promise<void>;
  /** Stops, and deletes what it stored. */
  close(): Promise<void>;
}

/** Starts s3rver on a free port with an empty bucket `bucket` (3 to 63 characters). */
/** A served API (its own process) over `databaseUrl` that keeps its files in the test bucket under `prefix`. */
export function servedOverS3(s3: TestS3, prefix: string, databaseUrl: string): StartOptions {
  return {
    port: 0,
    databaseUrl,
    jwtSecret: JWT_SECRET,
    apiKey: API_KEY,
    corsOrigins: [],
    storageUrl: `s3://${s3.bucket}/${prefix}`,
    s3Endpoint: s3.endpoint,
    s3ForcePathStyle: true,
  };
}

export async function startTestS3(bucket = 'claimdesk-test'): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), 'claimdesk-s3rver-'));
  let server = serverIn(directory, bucket, 0);
  const { port } = await server.run();
  let running = true;
  const endpoint = `http://127.0.0.1:${port}`;
  const options = (prefix = ''): S3StorageOptions => ({ bucket, prefix, endpoint, region: REGION, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  const client = new S3Client({ endpoint, region: REGION, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });

  const stop = async () => {
    if (!running) return;
    running = false;
    const closed = server.close();
    server.httpServer?.closeAllConnections();
    await closed;
  };
  return {
    endpoint,
    bucket,
    options,
    storage: (prefix) => new S3Storage(options(prefix)),
    env: (prefix = '') => ({
      STORAGE_URL: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
      S3_ENDPOINT: endpoint,
      S3_REGION: REGION,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    }),
    async keys() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys.sort();
    },
    openUploads: () => openUploadsIn(directory, bucket).map((upload) => upload.key),
    stop,
    async start() {
      if (running) return;
      // A stopped s3rver cannot listen again (its logger is closed): a new one serves the same files.
      server = serverIn(directory, bucket, port);
      await server.run();
      running = true;
    },
    async close() {
      await stop();
      client.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The multipart uploads s3rver keeps for `bucket`: a directory each, named by its id, holding its key. */
function openUploadsIn(directory: string, bucket: string): Array<{ id: string; key: string }> {
  const uploads = path.join(directory, bucket, UPLOADS_DIR);
  if (!existsSync(uploads)) return [];
  return readdirSync(uploads).map((id) => ({ id, key: readFileSync(path.join(uploads, id, 'key'), 'utf8') }));
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function serverIn(directory: string, bucket: string, port: number): S3rver {
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  // Requests a stop() cut short still log as they finish, to a closed logger that would complain.
  server.logger.silent = true;
  // First, before s3rver's router, which answers both requests as not implemented. Path-style
  // requests only: /bucket/?uploads&prefix=… and /bucket/key?uploadId=….
  server.middleware.unshift(async (context, next) => {
    const [, bucketName = '', ...keyPath] = context.path.split('/');
    const { uploadId, uploads, prefix } = context.query;
    if (context.method === 'GET' && uploads !== undefined && keyPath.join('/') === '') {
      const listed = openUploadsIn(directory, bucketName).filter((upload) => upload.key.startsWith(typeof prefix === 'string' ? prefix : ''));
      context.type = 'application/xml';
      context.body = xml(
        `<ListMultipartUploadsResult><Bucket>${escapeXml(bucketName)}</Bucket><IsTruncated>false</IsTruncated>` +
          listed.map((upload) => `<Upload><Key>${escapeXml(upload.key)}</Key><UploadId>${upload.id}</UploadId></Upload>`).join('') +
          '</ListMultipartUploadsResult>',
      );
      return;
    }
    if (context.method === 'DELETE' && typeof uploadId === 'string') {
      const uploadDir = path.join(directory, bucketName, UPLOADS_DIR, path.basename(uploadId));
      if (!existsSync(uploadDir)) {
        context.status = 404;
        context.type = 'application/xml';
        context.body = xml('<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>');
        return;
      }
      await rm(uploadDir, { recursive: true, force: true });
      context.status = 204;
      return;
    }
    return next();
  });
  return server;
}
