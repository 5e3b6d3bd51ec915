import { SOURCE_LANGUAGE_OF, type Language, type SourceLanguage } from '../../domain/constants.ts';
import { companyScope, type Principal } from '../auth/principal.ts';
import { writerId } from '../auth/writer.ts';
import { countUnread, toAttachment } from '../chat/chat.repository.ts';
import type { Attachment } from '../chat/chat.schema.ts';
import { findClaim, listChecklists, type ClaimWithCompany } from '../claims/claims.repository.ts';
import { toClaim } from '../claims/claims.resource.ts';
import { ratesFor } from '../liability/rates.repository.ts';
import type { Claim } from '../claims/claims.schema.ts';
import type { DB } from '../db/connect.ts';
import type { FileRow } from '../db/database.ts';
import { listFiles, listRequirements, type RequirementRow } from '../documents/documents.repository.ts';
import { toRequirement } from '../documents/documents.resource.ts';
import type { DocumentFile, DocumentRequirement } from '../documents/documents.schema.ts';
import { actorOf } from '../events/actor.ts';
import { listClaimEvents } from '../events/events.repository.ts';
import type { Actor, ClaimEvent } from '../events/events.schema.ts';
import { ClaimFinalError, NotFoundError } from '../errors.ts';
import type { FileStorage } from '../storage/storage.ts';
import { DOSSIER_WORDS, type DossierWords } from './dossier.words.ts';
import { formatsFor, type Formats } from './format.ts';
import { letterFactsOf, renderLetter } from './letter.ts';
import { renderSummary } from './summary.ts';
import { zipStream, type ZipEntry, type ZipStream } from './zip.ts';

// A claim's dossier: everything it holds, gathered once in the caller's scope — the claim, its
// checklist with every file and review, its chat's attachments, its history — and where each
// file goes in the archive, under names a person reads. The summary, the letter and the JSON
// are drawn from this one gathering, so they never disagree with the archive they sit in.

/**
 * The language the dossier and the letter are written in: the one asked for, else the caller's
 * own, else Spanish (the host backend has none) — or the source language it reads
 * (SOURCE_LANGUAGE_OF: Portuguese and Catalan get Spanish; French, German and Italian, English),
 * as these papers are written in Spanish and English only.
 */
export function languageOf(caller: Principal, asked: Language | undefined): SourceLanguage {
  return SOURCE_LANGUAGE_OF[asked ?? (caller.kind === 'user' ? caller.user.lang : null) ?? 'es'];
}

/** A stored file and where it goes in the archive, relative to the dossier's folder. */
export interface PlacedFile {
  row: FileRow;
  path: string;
}

export interface Dossier {
  words: DossierWords;
  format: Formats;
  claim: ClaimWithCompany;
  /** The claim as GET /claims/{id} gives it to the caller. */
  resource: Claim;
  checklist: Array<{ row: RequirementRow; resource: DocumentRequirement; files: PlacedFile[] }>;
  attachments: Array<{ file: PlacedFile; message: { id: string; author: Actor; at: string } }>;
  events: ClaimEvent[];
  generated: { at: Date; by: Actor };
  /** Where the summary, the letter (none for a declined claim) and the JSON go. */
  paths: { summary: string; letter: string | null; data: string };
}

/** Every claim but a declined one has a letter to the carrier: the company chose not to claim that one. */
const hasLetter = (claim: Pick<ClaimWithCompany, 'status'>) => claim.status !== 'declined';

// What Windows, macOS and unzip tools refuse or misread in a path's segment, and the separators.
const UNSAFE_SEGMENT = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

/** `text` as one folder or file name of the archive: no separators, nothing a file system refuses, at most `max` characters. */
function segment(text: string, max = 80): string {
  const clean = text.normalize('NFC').replace(UNSAFE_SEGMENT, '-').replace(/\s+/g, ' ').trim();
  return [...clean].slice(0, max).join('').trim().replace(/[. ]+$/, '') || '-';
}

/** Paths that differ from every path given before, case aside: a repeated name gets " (2)", " (3)"… before its extension. */
function uniquePaths() {
  const used = new Set<string>();
  return (folder: string, name: string): string => {
    const dot = name.lastIndexOf('.');
    const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 1; ; n++) {
      const path = `${folder}${folder ? '/' : ''}${n === 1 ? name : `${base} (${n})${extension}`}`;
      if (!used.has(path.toLowerCase())) {
        used.add(path.toLowerCase());
        return path;
      }
    }
  };
}

/** The claim's attachments sent in its chat (not those still waiting to be sent), with their message's author and time. */
function listSentAttachments(db: DB, claim: ClaimWithCompany) {
  return db
    .selectFrom('files')
    .innerJoin('messages', 'messages.id', 'files.message_id')
    .selectAll('files')
    .select(['messages.author_id', 'messages.author_key_id', 'messages.author_name', 'messages.author_kind', 'messages.created_at as message_at'])
    .where('files.claim_id', '=', claim.id)
    .where('files.company_id', '=', claim.company_id)
    .orderBy('messages.created_at')
    .orderBy('files.uploaded_at')
    .orderBy('files.id')
    .execute();
}

/** The claim's dossier as `caller` may read it (404 for a claim outside their scope), in `lang`. */
export async function readDossier(db: DB, caller: Principal, claimId: string, lang: SourceLanguage, now = new Date()): Promise<Dossier> {
  const scope = companyScope(caller);
  const claim = await findClaim(db, scope, claimId);
  if (!claim) throw new NotFoundError(`Claim ${claimId}`);
  const words = DOSSIER_WORDS[lang];
  const requirements = await listRequirements(db, scope, claim.id);
  const [files, attachments, events, checklists, unread, rates] = await Promise.all([
    listFiles(db, requirements.map((row) => row.id)),
    listSentAttachments(db, claim),
    listClaimEvents(db, scope, claim.id),
    listChecklists(db, [claim.id]),
    caller.kind === 'user' ? countUnread(db, claim.id, caller.user.id) : 0,
    ratesFor(db, caller),
  ]);

  const place = uniquePaths();
  const paths = {
    summary: place('', words.names.summary),
    letter: hasLetter(claim) ? place('', words.names.letterInArchive) : null,
    data: place('', words.names.data),
  };
  const checklist = requirements.map((row, i) => {
    const mine = files.filter((file) => file.requirement_id === row.id);
    const folder = `${words.names.documents}/${String(i + 1).padStart(2, '0')} ${segment(lang === 'en' ? row.label_en : row.label_es)}`;
    return {
      row,
      resource: toRequirement(row, mine, caller, claim.status),
      files: mine.map((file) => ({ row: file, path: place(folder, segment(file.rejected_at ? words.names.rejected(file.name) : file.name, 120)) })),
    };
  });
  const format = formatsFor(words, claim);
  return {
    words,
    format,
    claim,
    resource: toClaim(claim, caller, { unreadMessages: unread, checklist: checklists.get(claim.id) ?? [], rates }, now),
    checklist,
    attachments: attachments.map((row) => ({
      file: { row, path: place(words.names.chat, segment(`${row.message_at.slice(0, 10)} ${row.name}`, 120)) },
      message: { id: row.message_id!, author: { kind: row.author_kind, id: writerId(row.author_id, row.author_key_id), name: row.author_name }, at: row.message_at },
    })),
    events,
    generated: { at: now, by: actorOf(caller) },
    paths,
  };
}

/**
 * The claim's letter to the carrier as `caller` may read it (404 outside their scope), in `lang`.
 * A declined claim has none: the company chose not to claim (409).
 */
export async function readLetter(db: DB, caller: Principal, claimId: string, lang: SourceLanguage, now = new Date()): Promise<{ claim: ClaimWithCompany; pdf: Buffer }> {
  const scope = companyScope(caller);
  const claim = await findClaim(db, scope, claimId);
  if (!claim) throw new NotFoundError(`Claim ${claimId}`);
  if (!hasLetter(claim)) throw new ClaimFinalError(claim.status, 'the company declined handling it, so there is nothing to claim from the carrier');
  const requirements = await listRequirements(db, scope, claim.id);
  const files = await listFiles(db, requirements.map((row) => row.id));
  const checklist = requirements.map((row) => ({ row, files: files.filter((file) => file.requirement_id === row.id).map((file) => ({ row: file })) }));
  const words = DOSSIER_WORDS[lang];
  return { claim, pdf: await renderLetter(lang, letterFactsOf(claim, checklist, words, formatsFor(words, claim), now)) };
}

/** The dossier as JSON: the same resources the API answers with, each file with its path in the archive. */
export interface DossierJson {
  reference: string;
  language: SourceLanguage;
  generatedAt: string;
  generatedBy: Actor;
  summary: string;
  letter: string | null;
  claim: Claim;
  documents: Array<Omit<DocumentRequirement, 'files'> & { files: Array<DocumentFile & { path: string }> }>;
  attachments: Array<Attachment & { sha256: string; path: string; message: { id: string; author: Actor; at: string } }>;
  events: ClaimEvent[];
}

export function dossierJson(dossier: Dossier): DossierJson {
  return {
    reference: dossier.claim.reference,
    language: dossier.words.lang,
    generatedAt: dossier.generated.at.toISOString(),
    generatedBy: dossier.generated.by,
    summary: dossier.paths.summary,
    letter: dossier.paths.letter,
    claim: dossier.resource,
    documents: dossier.checklist.map(({ resource, files }) => ({
      ...resource,
      files: resource.files.map((file, i) => ({ ...file, path: files[i]!.path })),
    })),
    attachments: dossier.attachments.map(({ file, message }) => ({ ...toAttachment(file.row), sha256: file.row.sha256, path: file.path, message })),
    events: dossier.events,
  };
}

/**
 * The dossier as a ZIP under a folder named after the claim's reference: the summary, the
 * letter, the JSON, then every document's files and every chat attachment, byte for byte as
 * stored. `onError` hears a failure that cuts the archive short (a stored object gone or unreadable).
 */
export async function dossierArchive(dossier: Dossier, storage: FileStorage, onError: (error: Error) => void): Promise<ZipStream> {
  const root = segment(dossier.claim.reference);
  const at = dossier.generated.at;
  const [summary, letter] = await Promise.all([
    renderSummary(dossier),
    dossier.paths.letter ? renderLetter(dossier.words.lang, letterFactsOf(dossier.claim, dossier.checklist, dossier.words, dossier.format, at)) : null,
  ]);
  const data = Buffer.from(`${JSON.stringify(dossierJson(dossier), null, 2)}\n`);
  const stored = (file: PlacedFile): ZipEntry => ({
    path: `${root}/${file.path}`,
    mtime: new Date(file.row.uploaded_at),
    size: file.row.size,
    async open() {
      const object = await storage.open(file.row.storage_key);
      if (!object) throw new Error(`The bytes of file ${file.row.id} (${file.row.storage_key}) are missing from the storage.`);
      return object.stream;
    },
  });
  return zipStream(
    [
      { path: `${root}/${dossier.paths.summary}`, mtime: at, bytes: summary },
      ...(letter && dossier.paths.letter ? [{ path: `${root}/${dossier.paths.letter}`, mtime: at, bytes: letter }] : []),
      { path: `${root}/${dossier.paths.data}`, mtime: at, bytes: data },
      ...dossier.checklist.flatMap(({ files }) => files.map(stored)),
      ...dossier.attachments.map(({ file }) => stored(file)),
    ],
    onError,
  );
}
