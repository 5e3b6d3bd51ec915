import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClaimsSession } from '../internal/session.ts';

/** A file as the API lists it: an image has a small preview besides its bytes. */
interface Previewable {
  id: string;
  hasThumbnail: boolean;
}

export interface ThumbnailOptions {
  session: () => ClaimsSession | null;
  /** The files the element shows now. */
  files: () => Iterable<Previewable>;
}

/**
 * The small previews of the images an element shows (a checklist's files, a conversation's
 * attachments), fetched with the token — never the photo itself — once each file is on screen,
 * and given back (their object URLs revoked) when it no longer is or the element leaves the page.
 */
export class ThumbnailController implements ReactiveController {
  /** By file id, the preview asked for, with its object URL once it came. A preview that comes after its entry was dropped is not kept. */
  #previews = new Map<string, { url: string | null }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ThumbnailOptions,
  ) {
    host.addController(this);
  }

  /** The object URL of a file's preview, once it came. */
  url(id: string): string | undefined {
    return this.#previews.get(id)?.url ?? undefined;
  }

  /** Before rendering: files no longer shown give their previews back. */
  hostUpdate(): void {
    const shown = new Set([...this.options.files()].map((f) => f.id));
    for (const [id, preview] of this.#previews) {
      if (shown.has(id)) continue;
      if (preview.url) URL.revokeObjectURL(preview.url);
      this.#previews.delete(id);
    }
  }

  /** After rendering: new images get their preview. */
  hostUpdated(): void {
    const session = this.options.session();
    if (!session) return;
    for (const file of this.options.files()) {
      if (!file.hasThumbnail || this.#previews.has(file.id)) continue;
      const preview = { url: null as string | null };
      this.#previews.set(file.id, preview);
      session.api.file(file.id, true).then(
        (blob) => {
          // Dropped meanwhile (the file went, or the element left): nothing to show it in.
          if (this.#previews.get(file.id) !== preview) return;
          preview.url = URL.createObjectURL(blob);
          this.host.requestUpdate();
        },
        // No preview: the file shows its icon.
        () => {},
      );
    }
  }

  hostDisconnected(): void {
    for (const { url } of this.#previews.values()) if (url) URL.revokeObjectURL(url);
    this.#previews.clear();
  }
}
