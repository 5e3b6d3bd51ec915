import { UPLOAD_TYPES, type UploadType } from '../../domain/constants.ts';

/** Longest file name kept, in characters, extension included. */
export const MAX_FILE_NAME = 120;

// Characters that have no business in a file name someone downloads: control characters (NUL
// included), the bidirectional overrides that disguise "gpj.exe" as "exe.jpg", and those Windows
// refuses in names.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/g;

/**
 * The name a file keeps, from the one the client sent. Only a label: storage keys are generated
 * ids, so this never reaches a filesystem path. Drops any directory part (`../../etc/passwd` →
 * `passwd`, Windows paths too), control and bidi characters, leading dots and trailing dots or
 * spaces; keeps at most MAX_FILE_NAME characters; and ends it with an extension of the type the
 * bytes are (`factura.pdf.exe` holding a PDF → `factura.pdf`; `foto` holding a JPEG → `foto.jpg`).
 * `fallback` names a file whose name has nothing left (`..`, empty).
 */
export function sanitizeFileName(raw: string | undefined, type: UploadType, fallback = 'document'): string {
  const extensions: readonly string[] = UPLOAD_TYPES[type];
  // Browsers send `"`, CR and LF in a part's filename as %22, %0D, %0A (the HTML form encoding).
  let name = (raw ?? '').replace(/%22|%0D|%0A/gi, '').normalize('NFC');
  if (!name.isWellFormed()) name = name.toWellFormed();
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');

  let [base, extension] = splitExtension(name);
  if (extension === null || !extensions.includes(extension.toLowerCase())) {
    // Another type's extension is dropped; one of this type's just before it is kept (`a.pdf.exe`).
    const [inner, innerExtension] = extension === null ? [name, null] : splitExtension(base);
    if (innerExtension !== null && extensions.includes(innerExtension.toLowerCase())) [base, extension] = [inner, innerExtension];
    else extension = extensions[0]!;
  }
  base = base.replace(/[.\s]+$/, '');
  if (!base) base = fallback;
  const room = MAX_FILE_NAME - extension.length - 1;
  if ([...base].length > room) base = [...base].slice(0, room).join('').replace(/[.\s]+$/, '') || fallback;
  return `${base}.${extension}`;
}

/** `name` split at its last dot when what follows looks like an extension (1–10 letters or digits). */
function splitExtension(name: string): [string, string | null] {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : '';
  return /^[A-Za-z0-9]{1,10}$/.test(extension) ? [name.slice(0, dot), extension] : [name, null];
}

/**
 * A Content-Disposition for downloading `name`: an ASCII `filename` for old clients and the
 * exact name as RFC 8187 `filename*`.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
