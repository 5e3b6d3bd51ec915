// The step every upload a person starts takes before it is checked and sent — to a document (the
// checklist, a chat message that asks for one) or as a chat attachment: a photo is made small and
// private (prepare-photo.ts), anything else goes as chosen. Small, and loaded with the elements
// that upload; the preparing code itself is fetched with import() the first time a photo is chosen.

import { UPLOAD_TYPES } from '../../domain/constants.ts';
import { bytes, extensions } from '../internal/upload-check.ts';
import type { DocumentsTranslation } from '../translations/translation.ts';

/** The image types the server takes, which are prepared before they go. */
const PHOTO_TYPES = Object.keys(UPLOAD_TYPES).filter((type) => type.startsWith('image/'));
const PHOTO_EXTENSIONS = extensions(PHOTO_TYPES);

/**
 * The long edge photos are scaled to fit where no element sets `photo-max-edge` (or sets one
 * that is not a positive number): sharp on any screen and in print, a fifth of a 12 MP photo's pixels.
 */
export const PHOTO_MAX_EDGE = 2560;

/** The long edge in effect for `photo-max-edge` as an element has it (ControllerAccess.photoMaxEdge). */
export const photoEdge = (edge: number | undefined): number => (edge && edge > 0 && Number.isFinite(edge) ? Math.round(edge) : PHOTO_MAX_EDGE);

/**
 * Whether a file may be an image to prepare, by the type the browser gives it or by its name (a
 * HEIC often comes untyped, a JPEG sometimes as image/jpg); its bytes decide (prepare-photo.ts).
 */
export const isPhoto = (file: File): boolean =>
  PHOTO_TYPES.includes(file.type) || PHOTO_EXTENSIONS.includes(file.name.split('.').pop()?.toLowerCase() ?? '');

/** What preparing a photo saved: the chosen file's bytes and those sent instead. */
export interface Saving {
  before: number;
  after: number;
}

/** A chosen file as it is to go, and what preparing it saved (null: it goes as chosen). */
export interface PreparedUpload {
  file: File;
  saving: Saving | null;
}

/**
 * The file to check and send for one a person chose: a photo made small and without its location,
 * the capture time kept, or the file itself (what is no photo, what preparing would not improve).
 * Resolves null when `signal` was aborted meanwhile — the person removed it: nothing of it may go.
 * Rejects only when the preparing code cannot be fetched (the network is down): then the upload
 * fails as a sending one would.
 */
export async function prepareUpload(file: File, maxEdge: number, signal: AbortSignal): Promise<PreparedUpload | null> {
  if (!isPhoto(file)) return signal.aborted ? null : { file, saving: null };
  const { preparePhoto } = await import('./prepare-photo.ts');
  if (signal.aborted) return null;
  const prepared = await preparePhoto(file, maxEdge);
  if (signal.aborted) return null;
  return { file: prepared, saving: prepared === file ? null : { before: file.size, after: prepared.size } };
}

/** What preparing a photo saved, as its row or chip shows it ("3,8 MB → 0,6 MB") and as it is read out; null when nothing was. */
export function savingOf(upload: { readonly name: string; readonly saving: Saving | null }, words: DocumentsTranslation, locale: string): { shown: string; said: string } | null {
  if (!upload.saving) return null;
  const [before, after] = [bytes(upload.saving.before, locale), bytes(upload.saving.after, locale)];
  return { shown: `${before} → ${after}`, said: words.prepared(upload.name, before, after) };
}
