import type { ReactiveControllerHost } from 'lit';
import type { ApiError } from '../internal/api-error.ts';
import type { ClaimsSession } from '../internal/session.ts';
import type { DocumentFile, DocumentRequirement, UploadLimits } from '../internal/types.ts';
import { refusal } from '../internal/upload-check.ts';
import type { DocumentsTranslation } from '../translations/translation.ts';

/** A file on its way up to a document, or one refused before or by the server (then `error` says why). */
export interface DocumentUpload {
  readonly key: number;
  readonly requirementId: string;
  readonly name: string;
  readonly size: number;
  /** Bytes sent so far. */
  readonly loaded: number;
  readonly error: string;
  /** Cancels it while it is on its way; null once it failed. */
  readonly abort: AbortController | null;
}

/** How an upload ended, for the element to show: the document as it now stands, and the file stored — or null when the server refused it as the document had changed (409). */
export interface UploadSettled {
  claimId: string;
  requirementId: string;
  stored: { requirement: DocumentRequirement; file: DocumentFile | undefined } | null;
}

export interface DocumentUploadsOptions {
  session: () => ClaimsSession | null;
  claimId: () => string;
  /** The words of uploads in the element's language, and the locale sizes are written in. */
  words: () => DocumentsTranslation;
  locale: () => string;
  /** Whether the host lets a file that passed the checks go (`claims-upload`, cancelable). */
  allow: (requirementId: string, file: File) => boolean;
  /** Reports a failed upload (`claims-error`) and says what it means to the reader. */
  failed: (error: unknown) => { problem: ApiError; text: string };
  /** Says something through the element's live region. */
  say: (text: string) => void;
  /** An upload was stored, or refused because the document changed meanwhile: the element shows the document as it is now. */
  settled: (result: UploadSettled) => void;
}

/**
 * Files a person uploads to a claim's documents — from the checklist, or from the chat message that
 * asked for one: each checked before it goes (size and type, then the host's veto), sent with its
 * progress, cancelable on its way, and, when refused, kept with the reason until dismissed. The
 * host is drawn again as they move. Leaving the page does not cancel an upload: the person chose
 * the file for that document, and it still reaches it.
 */
export class DocumentUploadsController {
  items: readonly DocumentUpload[] = [];
  #seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DocumentUploadsOptions,
  ) {}

  /** The uploads to one document. */
  of(requirementId: string): DocumentUpload[] {
    return this.items.filter((upload) => upload.requirementId === requirementId);
  }

  /** Uploads each file to the document, unless the checks or the host refuse it. */
  add(requirement: DocumentRequirement, files: readonly File[], limits: UploadLimits): void {
    for (const file of files) {
      const error = refusal(file, limits, this.options.words(), this.options.locale());
      // The host may veto a file on its way up: then it is left out (the host says why).
      if (!error && !this.options.allow(requirement.id, file)) continue;
      const upload: DocumentUpload = { key: ++this.#seq, requirementId: requirement.id, name: file.name, size: file.size, loaded: 0, error, abort: error ? null : new AbortController() };
      this.#set([...this.items, upload]);
      if (error) this.options.say(error);
      else void this.#send(requirement, file, upload);
    }
  }

  /** Cancels an upload on its way, or puts away one that was refused. */
  dismiss(upload: DocumentUpload): void {
    if (upload.abort) upload.abort.abort();
    else this.#drop(upload.key);
  }

  async #send(requirement: DocumentRequirement, file: File, upload: DocumentUpload): Promise<void> {
    const session = this.options.session();
    if (!session || !upload.abort) return;
    const claimId = this.options.claimId();
    const before = new Set(requirement.files.map((f) => f.id));
    try {
      const updated = await session.api.upload(claimId, requirement.id, file, (loaded) => this.#patch(upload.key, { loaded }), upload.abort.signal);
      this.#drop(upload.key);
      this.options.say(this.options.words().uploaded(file.name));
      const added = updated.files.filter((f) => !before.has(f.id));
      const stored = added.findLast((f) => f.name === file.name) ?? added.at(-1);
      this.options.settled({ claimId, requirementId: requirement.id, stored: { requirement: updated, file: stored } });
    } catch (error) {
      if ((error as Error).name === 'AbortError') {
        this.#drop(upload.key);
        this.options.say(this.options.words().canceled(file.name));
        return;
      }
      const { problem, text } = this.options.failed(error);
      const message = `${this.options.words().failed(file.name)} ${text}`;
      this.#patch(upload.key, { error: message, abort: null });
      this.options.say(message);
      if (problem.status === 409) this.options.settled({ claimId, requirementId: requirement.id, stored: null });
    }
  }

  #set(items: readonly DocumentUpload[]): void {
    this.items = items;
    this.host.requestUpdate();
  }

  #patch(key: number, change: Partial<DocumentUpload>): void {
    this.#set(this.items.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }

  #drop(key: number): void {
    this.#set(this.items.filter((u) => u.key !== key));
  }
}
