import { UPLOAD_TYPES } from '../../domain/constants.ts';
import type { DocumentsTranslation } from '../translations/translation.ts';
import { cached } from './format.ts';

/** "2,4 MB" / "850 kB" / "69 bytes": file sizes in binary multiples, as file managers show them. */
export function bytes(n: number, locale: string): string {
  const [unit, size] = n >= 1 << 20 ? (['megabyte', 1 << 20] as const) : n >= 1024 ? (['kilobyte', 1024] as const) : (['byte', 1] as const);
  // Bytes in full: Intl's short form reads "69 byte" in English and Portuguese, a bare "69 B" in Spanish and Catalan.
  const unitDisplay = unit === 'byte' ? 'long' : 'short';
  const format = cached(`${unit} ${locale}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay, maximumFractionDigits: 1 }));
  return format.format(n / size);
}

/** What the server takes (DocumentList.upload, MessagePage.upload). */
export interface UploadLimits {
  maxBytes: number;
  types: readonly string[];
}

/** The file-name extensions of the allowed types. */
export const extensions = (types: readonly string[]): string[] => types.flatMap((type) => UPLOAD_TYPES[type as keyof typeof UPLOAD_TYPES] ?? []);

/** For a file picker's `accept`: the types and their extensions. */
export const acceptOf = (limits: UploadLimits): string => [...limits.types, ...extensions(limits.types).map((e) => `.${e}`)].join(',');

/** The allowed types as a person reads them: PDF, JPG, PNG… */
export const typeNames = (limits: UploadLimits): string =>
  [...new Set(extensions(limits.types).map((e) => (e === 'jpeg' ? 'jpg' : e).toUpperCase()))].join(', ');

/**
 * Why the server would refuse this file, as far as the browser can tell before sending it (its
 * size, and the type its name or the browser suggests); '' when it may go. The server still
 * decides the type from the bytes.
 */
export function refusal(file: File, limits: UploadLimits, t: DocumentsTranslation, locale: string): string {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (file.size > limits.maxBytes) return t.tooLarge(file.name, bytes(limits.maxBytes, locale));
  if (!limits.types.includes(file.type) && !extensions(limits.types).includes(ext)) return t.wrongType(file.name, typeNames(limits));
  if (file.size === 0) return t.empty(file.name);
  return '';
}
