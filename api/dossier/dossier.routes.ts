import type { Readable } from 'node:stream';
import { Hono } from 'hono';
import { allow, CALLERS } from '../auth/principal.ts';
import type { DB } from '../db/connect.ts';
import { attachmentDisposition } from '../documents/file-name.ts';
import { describeRoute, problem } from '../http/describe.ts';
import { ClaimFinalConflictSchema } from '../http/problem.schema.ts';
import { validate } from '../http/validate.ts';
import type { FileStorage } from '../storage/storage.ts';
import { dossierArchive, languageOf, readDossier, readLetter } from './dossier.ts';
import { DossierQuerySchema, LetterQuerySchema } from './dossier.schema.ts';
import { DOSSIER_WORDS } from './dossier.words.ts';
import { silentLogger, type Logger } from '../observability/logger.ts';

export interface DossierDeps {
  db: DB;
  /** Where the claim's files are read from. */
  storage: FileStorage;
  /** Where a dossier cut short is reported (default: nowhere). */
  logger?: Logger | undefined;
}

const header = (description: string) => ({ description, required: true, schema: { type: 'string' as const } });
const binary = (type: string) => ({ [type]: { schema: { type: 'string' as const, contentMediaType: type } } });
const DOWNLOAD_HEADERS = {
  'Content-Length': { description: 'Bytes.', required: true, schema: { type: 'integer' as const, minimum: 1 } },
  'Content-Disposition': header('`attachment`, named after the claim’s reference, as `filename` (ASCII) and `filename*` (UTF-8, RFC 8187).'),
  'Cache-Control': header('`private, no-store`: a claim’s papers stay out of shared and disk caches.'),
};
const claimNotFound = problem('No such claim, or it belongs to another company.');

/** A claim's papers kept private, never sniffed. */
const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

/**
 * `stream` as a response body that reads one chunk per chunk the client takes, so the archive is
 * written at the client's pace, and that destroys it when the client goes away, whenever that is.
 * Not Readable.toWeb: on Node 20 it passes on a chunk still in the stream's buffer after a client
 * went away, into its closed controller, which throws where nothing can catch it and ends the
 * process. Nor ReadableStream.from, which leaves the stream open when the client goes before the
 * first read.
 */
function pulledBody(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel() {
        stream.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

export function dossierRoutes({ db, storage, logger = silentLogger }: DossierDeps) {
  const log = logger.child({ component: 'dossier' });
  return new Hono()
    .get(
      '/:id/dossier',
      describeRoute({
        operationId: 'downloadClaimDossier',
        tags: ['Claims'],
        summary: 'The claim’s dossier: a ZIP of everything it holds',
        description:
          'A ZIP with one folder named after the claim’s reference holding: a PDF summary (the claim, its outcome and amount, its checklist with each document’s review and files, its chat’s attachments, and its whole history with who did what and when); the letter to the carrier (as GET /claims/{id}/letter, but for a declined claim); the same data as JSON (the claim, documents and events as this API gives them, each file with its `path` in the archive and its `sha256`); then every document’s files, rejected ones marked in their names, and every attachment sent in the claim’s chat, byte for byte as uploaded. ' +
          'Streamed as it is read, with its length known in advance; if a stored file cannot be read mid-way, the connection is cut rather than a short archive passed off as whole.',
        responses: {
          200: { description: 'The dossier.', headers: DOWNLOAD_HEADERS, content: binary('application/zip') },
          404: claimNotFound,
        },
      }),
      allow(CALLERS.dossierReader),
      validate('query', DossierQuerySchema),
      async (c) => {
        const caller = c.var.caller;
        const dossier = await readDossier(db, caller, c.req.param('id'), languageOf(caller, c.req.valid('query').lang));
        const requestId = c.get('requestId');
        const { stream, size } = await dossierArchive(dossier, storage, (error) =>
          log.error({ err: error, requestId }, `[${requestId}] GET /claims/${dossier.claim.id}/dossier was cut short`),
        );
        const headers = {
          ...PRIVATE,
          'Content-Type': 'application/zip',
          'Content-Length': String(size),
          'Content-Disposition': attachmentDisposition(dossier.words.names.archive(dossier.claim.reference)),
        };
        if (c.req.method === 'HEAD') {
          // Not read: closed at once, so no stored object is opened for it.
          stream.destroy();
          return c.body(null, 200, headers);
        }
        return c.body(pulledBody(stream), 200, headers);
      },
    )
    .get(
      '/:id/letter',
      describeRoute({
        operationId: 'downloadClaimLetter',
        tags: ['Claims'],
        summary: 'The letter to the carrier, as a PDF (handler)',
        description:
          'The written reservation and claim for the breakage, robbery, theft or loss, from the company to the carrier named on the claim: the consignment, what happened, the amount claimed (else the declared value), the legal basis (the statute of the carriage — CMR for international road, Ley 15/2009 for national road — and the rule the claim’s deadline was counted with), the documents attached (those uploaded or accepted, without rejected files), and a request to pay within 30 days.',
        responses: {
          200: { description: 'The letter.', headers: DOWNLOAD_HEADERS, content: binary('application/pdf') },
          404: claimNotFound,
          409: problem('The claim is declined: the company chose not to claim, so there is no letter.', ClaimFinalConflictSchema),
        },
      }),
      allow(CALLERS.letterWriter),
      validate('query', LetterQuerySchema),
      async (c) => {
        const caller = c.var.caller;
        const lang = languageOf(caller, c.req.valid('query').lang);
        const { claim, pdf } = await readLetter(db, caller, c.req.param('id'), lang);
        return c.body(new Uint8Array(pdf), 200, {
          ...PRIVATE,
          'Content-Type': 'application/pdf',
          'Content-Length': String(pdf.byteLength),
          'Content-Disposition': attachmentDisposition(DOSSIER_WORDS[lang].names.letter(claim.reference)),
        });
      },
    );
}
