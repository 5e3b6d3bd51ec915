import sharp from 'sharp';
import type { UploadType } from '../../domain/constants.ts';
import { putBytes, type FileStorage } from '../storage/storage.ts';

/** Largest side of a thumbnail, in pixels. */
const THUMBNAIL_PX = 320;
const THUMBNAIL_TYPES: ReadonlySet<UploadType> = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * A small WebP preview of a stored image, stored beside it; null for other types, and when the
 * image cannot be read (a thumbnail is a nicety, never a reason to refuse an upload).
 */
export async function makeThumbnail(storage: FileStorage, key: string, type: UploadType): Promise<string | null> {
  if (!THUMBNAIL_TYPES.has(type)) return null;
  try {
    const source = await storage.open(key);
    if (!source) return null;
    // limitInputPixels stays at sharp's default (268 megapixels): a decompression bomb is refused, not decoded.
    const resize = sharp({ failOn: 'error', sequentialRead: true })
      .rotate()
      .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 72 });
    source.stream.once('error', (error) => resize.destroy(error));
    source.stream.pipe(resize);
    return await putBytes(storage, await resize.toBuffer());
  } catch {
    return null;
  }
}
