import type { ReactiveControllerHost } from 'lit';
import type { ApiError } from '../internal/api-error.ts';
import type { ClaimsElement, ControllerAccess } from '../internal/claims-element.ts';
import type { ClaimsSession } from '../internal/session.ts';
import type { DocumentFile, DocumentRequirement, UploadLimits } from '../internal/types.ts';
import { refusal } from '../internal/upload-check.ts';
import { isPhoto, photoEdge, prepareUpload, savingOf, type PreparedUpload, type Saving } from '../photos/prepare-upload.ts';
import type { DocumentsTranslation } from '../translations/translation.ts';
import '../events/claims-upload.ts';
import '../events/claims-document-uploaded.ts';

/** A file on its way up to a document, or one refused before or by the server (then `error` says why). */
export interface DocumentUpload {
  readonly key: number;
  readonly requirementId: string;
  readonly name: string;
  readonly size: number;
  /** Bytes sent so far. */
  readonly loaded: number;
  readonly error: string;
  /** A photo being made smaller before it goes. */
  readonly preparing: boolean;
  /** What preparing it saved; null when it goes as chosen. */
  readonly saving: Saving | null;
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
  /** The long edge photos are scaled to fit before they go (`photo-max-edge`). */
  photoMaxEdge: () => number;
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
 * asked for one: a photo first made small and without its location (photos/prepare-photo.ts,
 * loaded then), each checked before it goes (size and type, then the host's veto), sent with its
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

  /** Uploads each file to the document, a photo once prepared, unless the checks or the host refuse it. */
  add(requirement: DocumentRequirement, files: readonly File[], limits: UploadLimits): void {
    for (const file of files) {
      if (isPhoto(file)) void this.#prepare(requirement, file, limits);
      else this.#start(requirement, file, limits, null);
    }
  }

  /** Cancels an upload on its way (a photo being prepared too), or puts away one that was refused. */
  dismiss(upload: DocumentUpload): void {
    if (upload.preparing) {
      upload.abort?.abort();
      this.#drop(upload.key);
      this.options.say(this.options.words().canceled(upload.name));
    } else if (upload.abort) upload.abort.abort();
    else this.#drop(upload.key);
  }

  /**
   * Shows the photo as being prepared, prepares it, says what that saved, then checks and sends
   * what came out: the limits apply to the file that goes. The preparing code is fetched the
   * first time; when it cannot be (the network is down), the upload fails as a sending one would.
   */
  async #prepare(requirement: DocumentRequirement, file: File, limits: UploadLimits): Promise<void> {
    const upload: DocumentUpload = {
      key: ++this.#seq, requirementId: requirement.id, name: file.name, size: file.size, loaded: 0, error: '', preparing: true, saving: null, abort: new AbortController(),
    };
    this.#set([...this.items, upload]);
    let prepared: PreparedUpload | null;
    try {
      prepared = await prepareUpload(file, this.options.photoMaxEdge(), upload.abort!.signal);
    } catch (error) {
      if (!upload.abort!.signal.aborted) this.#failed(requirement, upload, file.name, error);
      return;
    }
    if (!prepared) return;
    const shown: DocumentUpload = { ...upload, name: prepared.file.name, saving: prepared.saving };
    const saving = savingOf(shown, this.options.words(), this.options.locale());
    if (saving) this.options.say(saving.said);
    this.#start(requirement, prepared.file, limits, shown);
  }

  /**
   * Checks a file and, unless it is refused (then shown with why) or the host vetoes it (then left
   * out), sends it. `shown`: its row, when it already has one (a photo that was being prepared).
   */
  #start(requirement: DocumentRequirement, file: File, limits: UploadLimits, shown: DocumentUpload | null): void {
    const error = refusal(file, limits, this.options.words(), this.options.locale());
    // The host may veto a file on its way up: then it is left out (the host says why).
    if (!error && !this.options.allow(requirement.id, file)) {
      if (shown) this.#drop(shown.key);
      return;
    }
    const upload: DocumentUpload = {
      key: shown?.key ?? ++this.#seq,
      requirementId: requirement.id,
      name: file.name,
      size: file.size,
      loaded: 0,
      error,
      preparing: false,
      saving: shown?.saving ?? null,
      abort: error ? null : (shown?.abort ?? new AbortController()),
    };
    this.#set(shown ? this.items.map((u) => (u.key === upload.key ? upload : u)) : [...this.items, upload]);
    if (error) this.options.say(error);
    else void this.#send(requirement, file, upload);
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
      this.#failed(requirement, upload, file.name, error, claimId);
    }
  }

  /** Shows an upload as failed, with why, and says so; a 409 means the document changed meanwhile. */
  #failed(requirement: DocumentRequirement, upload: DocumentUpload, name: string, error: unknown, claimId = this.options.claimId()): void {
    const { problem, text } = this.options.failed(error);
    const message = `${this.options.words().failed(name)} ${text}`;
    this.#patch(upload.key, { error: message, preparing: false, abort: null });
    this.options.say(message);
    if (problem.status === 409) this.options.settled({ claimId, requirementId: requirement.id, stored: null });
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

/** How an element that shows a claim's document uploads hears of them. */
export interface DocumentUploadsHooks {
  /** The words of uploads in the element's language. */
  words: () => DocumentsTranslation;
  /** Says something through the element's live region. */
  say: (text: string) => void;
  /** An upload settled (stored, or refused as the document changed): load the checklist again. */
  reload: () => void;
}

/**
 * The one way an element builds its DocumentUploadsController: for the claim it shows, with its
 * session, locale and `photo-max-edge`; `claims-upload` asked before each file goes (the host
 * may veto it), `claims-error` on a failure, and `claims-document-uploaded` once one is stored.
 */
export function documentUploads(access: ControllerAccess<ClaimsElement & { claimId: string }>, hooks: DocumentUploadsHooks): DocumentUploadsController {
  const { element } = access;
  return new DocumentUploadsController(element, {
    session: access.session,
    claimId: () => element.claimId,
    words: hooks.words,
    locale: access.locale,
    photoMaxEdge: () => photoEdge(access.photoMaxEdge()),
    allow: (requirementId, file) => access.emit('claims-upload', { claimId: element.claimId, requirementId, file }, { cancelable: true }),
    failed: (error) => {
      const problem = access.fail(error, 'upload');
      return { problem, text: access.problemText(problem) };
    },
    say: hooks.say,
    settled: ({ claimId, requirementId, stored }) => {
      if (stored?.file) access.emit('claims-document-uploaded', { claimId, requirementId, file: stored.file });
      hooks.reload();
    },
  });
}
