// s3rver ships no types: what api/testing/s3.ts uses of it.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  import type { Server } from 'node:http';

  interface S3rverOptions {
    address?: string;
    /** 0: any free port (run() says which). */
    port?: number;
    silent?: boolean;
    /** Where buckets and objects are kept, as files. */
    directory: string;
    configureBuckets?: Array<{ name: string }>;
  }

  /** A Koa middleware, with the part of Koa's context the tests' additions read and write. */
  type S3rverMiddleware = (
    context: { method: string; path: string; query: Record<string, string | string[] | undefined>; status: number; type: string; body: unknown },
    next: () => Promise<void>,
  ) => Promise<void>;

  export default class S3rver {
    constructor(options: S3rverOptions);
    /** Koa's middleware stack, composed when run() starts listening. */
    middleware: S3rverMiddleware[];
    httpServer?: Server;
    /** Its winston logger. */
    logger: { silent: boolean };
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
