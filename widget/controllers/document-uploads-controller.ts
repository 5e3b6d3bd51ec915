import type { ReactiveControllerHost } from 'lit';
import type { ApiError } from '../internal/api-error.ts';
import type { ClaimsElement, ControllerAccess } from '../internal/claims-element.ts';
import type { ClaimsSession } from '../internal/session.ts';
import type { DocumentFile, DocumentRequirement, UploadLimits } from '../internal/types.ts';
import { refusal } from '../internal/upload-check.ts';
import { isPhoto, photoEdge, prepareUpload, savingOf, type PreparedUpload, type Saving } from '../photos/prepare-upload.ts';
import { isOnline, whenOnline } from '../uploads/connection.ts';
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
  /** Waiting for the connection: chosen while the browser was offline, or cut off on its way. It goes on by itself once the browser is back online. */
  readonly offline: boolean;
  /** Cancels it while it is on its way (or waits to go); null once it failed. */
  readonly abort: AbortController | null;
}

/**
 * How an upload ended, for the element to show: the document as it now stands, and the file stored
 * — or null when the server refused it as the document had changed (409), or when it was stored
 * but could not be read back: the element loads the checklist again either way.
 */
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
 * host is drawn again as they move.
 *
 * Files go resumably (uploads/resumable-upload.ts, tus, loaded when the first one goes), so a
 * phone's dropped connection costs at most a chunk: when the browser goes offline an upload
 * pauses, its row says so, and it goes on from where the server stopped once the connection is
 * back; a file chosen while offline waits for it. Removing the element does not cancel an upload
 * — the person chose the file for that document, and it still reaches it — but while any is on
 * its way or waiting, leaving the page asks first (`beforeunload`).
 */
export class DocumentUploadsController {
  items: readonly DocumentUpload[] = [];
  #seq = 0;
  /** Whether leaving the page asks first: while an upload is on its way or waits to go. */
  #guarding = false;
  /** This controller's own listener: another's uploads may still be going when this one's are done. */
  readonly #askBeforeLeaving = (event: BeforeUnloadEvent) => askBeforeLeaving(event);

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
   * first time: while the browser is offline that waits for the connection; when it cannot be
   * fetched otherwise, the upload fails as a sending one would.
   */
  async #prepare(requirement: DocumentRequirement, file: File, limits: UploadLimits): Promise<void> {
    const upload: DocumentUpload = {
      key: ++this.#seq, requirementId: requirement.id, name: file.name, size: file.size, loaded: 0, error: '', preparing: true, saving: null, offline: false, abort: new AbortController(),
    };
    this.#set([...this.items, upload]);
    const signal = upload.abort!.signal;
    const prepare = () => prepareUpload(file, this.options.photoMaxEdge(), signal);
    let prepared: PreparedUpload | null;
    try {
      prepared = await prepare().catch(async (error: unknown) => {
        // The preparing code could not be fetched as the connection is down: once it is back.
        if (isOnline()) throw error;
        await this.#waitForConnection(upload, signal);
        return prepare();
      });
    } catch (error) {
      if (!signal.aborted) this.#failed(requirement, upload, file.name, error);
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
      offline: false,
      abort: error ? null : (shown?.abort ?? new AbortController()),
    };
    this.#set(shown ? this.items.map((u) => (u.key === upload.key ? upload : u)) : [...this.items, upload]);
    if (error) this.options.say(error);
    else void this.#send(requirement, file, upload);
  }

  /**
   * Sends a file that passed the checks — once the browser is online, and with the resumable
   * upload's code, fetched the first time — and shows how it ends.
   */
  async #send(requirement: DocumentRequirement, file: File, upload: DocumentUpload): Promise<void> {
    const session = this.options.session();
    const signal = upload.abort?.signal;
    if (!session || !signal) return;
    const claimId = this.options.claimId();
    try {
      await this.#waitForConnection(upload, signal);
      const { sendResumable } = await import('../uploads/resumable-upload.ts');
      const state = await sendResumable({
        session,
        claimId,
        requirementId: requirement.id,
        file,
        signal,
        onProgress: (loaded) => this.#patch(upload.key, { loaded }),
        onConnection: (online) => this.#connection(upload, online),
      });
      this.#drop(upload.key);
      this.options.say(this.options.words().uploaded(file.name));
      const stored = state?.document ? { requirement: state.document, file: state.document.files.find((f) => f.id === state.fileId) } : null;
      this.options.settled({ claimId, requirementId: requirement.id, stored });
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
    this.#patch(upload.key, { error: message, preparing: false, offline: false, abort: null });
    this.options.say(message);
    if (problem.status === 409) this.options.settled({ claimId, requirementId: requirement.id, stored: null });
  }

  /** Resolves at once when the browser is online; else shows the upload as waiting for the connection until it is back. */
  async #waitForConnection(upload: DocumentUpload, signal: AbortSignal): Promise<void> {
    if (isOnline()) return;
    this.#connection(upload, false);
    await whenOnline(signal);
    this.#connection(upload, true);
  }

  /** Shows an upload as waiting for the connection (and says so), or as going on. */
  #connection(upload: DocumentUpload, online: boolean): void {
    this.#patch(upload.key, { offline: !online });
    if (!online) this.options.say(this.options.words().offline(upload.name));
  }

  #set(items: readonly DocumentUpload[]): void {
    this.items = items;
    this.#guardLeaving(items.some((u) => u.abort !== null));
    this.host.requestUpdate();
  }

  /** While an upload is on its way or waits to go, leaving the page asks first: it would stop it. */
  #guardLeaving(guard: boolean): void {
    if (guard === this.#guarding) return;
    this.#guarding = guard;
    if (guard) window.addEventListener('beforeunload', this.#askBeforeLeaving);
    else window.removeEventListener('beforeunload', this.#askBeforeLeaving);
  }

  #patch(key: number, change: Partial<DocumentUpload>): void {
    this.#set(this.items.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }

  #drop(key: number): void {
    this.#set(this.items.filter((u) => u.key !== key));
  }
}

/** Asks the browser to confirm leaving the page (its own words: a page can no longer give them). */
function askBeforeLeaving(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // What browsers before the standard's preventDefault() (Chromium until 119, older WebViews) ask for.
  event.returnValue = '';
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
