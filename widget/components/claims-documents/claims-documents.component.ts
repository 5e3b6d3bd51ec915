import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { saveFile } from '../../internal/save-file.ts';
import { ThumbnailController } from '../../controllers/thumbnail-controller.ts';
import { documentUploads, type DocumentUpload } from '../../controllers/document-uploads-controller.ts';
import { savingOf } from '../../photos/prepare-upload.ts';
import { acceptOf, bytes, typeNames } from '../../internal/upload-check.ts';
import { ApiError } from '../../internal/api-error.ts';
import type { DocumentFile, DocumentList, DocumentRequirement, LiveEvent } from '../../internal/types.ts';
import { DATE_TIME, date } from '../../internal/format.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-documents.styles.ts';
import { cameraIcon, rejectedIcon, uploadIcon } from './claims-documents.icons.ts';
import '../../events/claims-upload.ts';
import '../../events/claims-document-uploaded.ts';
import '../../events/claims-document-reviewed.ts';
import type { DocumentsTranslation } from '../../translations/translation.ts';
import { shownActorName } from '../../../domain/actors.ts';
import { timelineCatalogue, timelineText } from '../../translations/timeline.ts';
import { documentsCatalogue } from '../../translations/documents.ts';
import { problemsCatalogue } from '../../translations/problems.ts';

/** The checklist as loaded for this element: for which claim, and who is looking. */
type LoadedList = DocumentList & { claimId: string; me?: string | undefined; asHandler: boolean };

/**
 * What the one dialog shows: a file's preview (`url` empty when the browser cannot show its type;
 * `rejecting` while the handler writes why; `said`, the decision that led to it), the end of the
 * files to review, the reason to reject a requirement, or the confirmation to remove a file.
 */
type Modal =
  | { kind: 'preview'; file: DocumentFile; url: string; rejecting?: boolean; said?: string }
  | { kind: 'reviewed'; said: string }
  | { kind: 'reject'; req: DocumentRequirement }
  | { kind: 'remove'; file: DocumentFile; req: DocumentRequirement };

/** Images every browser shows; a HEIC (an iPhone's photo) is not one. */
const SHOWN_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** Whether the file is previewed by its thumbnail: an image the browser may not show, which the server made a thumbnail of. */
const byThumbnail = (file: DocumentFile) => !SHOWN_IMAGES.has(file.type) && file.hasThumbnail;
/** Whether the preview can show the file: an image (itself or its thumbnail) or a PDF. */
const viewable = (file: DocumentFile) => SHOWN_IMAGES.has(file.type) || file.type === 'application/pdf' || byThumbnail(file);


/**
 * The documents a claim needs: a checklist with progress, each requirement's status, help and
 * files; upload by drag-and-drop or file picker, and for documents that are photos by the
 * device's camera ("Take photo"), with per-file progress and cancel; photos are made smaller and
 * stripped of their location before they go, the saving shown; thumbnails, download and removal;
 * a file the handler rejected says so, with why, by whom and when, for good.
 * Handlers also accept, reject (with a reason) and waive, and can request another document; from
 * a file's preview they accept or reject its document and go on through the files waiting for
 * review. Follows the live stream, so both sides see each other's changes.
 *
 * A host may veto an upload: `claims-upload` is fired for each file before it is sent, and
 * `preventDefault()` leaves that file out.
 *
 * @tag claims-documents
 *
 * @attr claim-id - The claim whose documents are shown.
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 * @attr photo-max-edge - The long edge, in pixels, photos are scaled to fit before upload (default 2560); else the enclosing element's.
 *
 * @fires {ClaimsUploadDetail} claims-upload - A file is about to be uploaded to a requirement. Cancelable: `preventDefault()` leaves it out. Detail: `{ claimId, requirementId, file }`.
 * @fires {ClaimsDocumentUploadedDetail} claims-document-uploaded - A file was uploaded. Detail: `{ claimId, requirementId, file }`.
 * @fires {ClaimsDocumentReviewedDetail} claims-document-reviewed - The handler accepted or rejected a document. Detail: `{ claimId, requirementId, decision, reason? }`.
 * @fires {ClaimsErrorDetail} claims-error - A request failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart progress - The "n of m required accepted · k in review" summary and its bar (filled by the accepted ones).
 * @csspart list - The checklist.
 * @csspart item - One requirement.
 * @csspart status-badge - A requirement's status.
 * @csspart files - A requirement's files.
 * @csspart file - One file.
 * @csspart file-rejection - A rejected file's marker: the reason, who and when.
 * @csspart thumbnail - A file's thumbnail (images) or icon.
 * @csspart camera - "Take photo", on documents that are photos: opens the device's rear camera, several photos in a row.
 * @csspart dropzone - The drop area, also a button opening the file picker.
 * @csspart upload - A file being uploaded, or refused.
 * @csspart review - The Accept / Reject / Not needed buttons (of a requirement, or in the preview).
 * @csspart request - The "request another document" form (handlers).
 * @csspart dialog - The preview (with the handler's review), reject and remove dialog.
 * @csspart state - Loading, empty and error states.
 *
 * @cssprop --claims-color-primary - Progress, drop area highlight.
 * @cssprop --claims-color-success - Accepted documents.
 * @cssprop --claims-color-danger - Rejected documents and refused files.
 * @cssprop --claims-color-border - Item borders and the drop area.
 */
export class ClaimsDocuments extends ClaimsElement {
  /** The checklist's and uploads' words in the element's language, loaded with this element rather than at start. */
  get #documentsText(): DocumentsTranslation {
    return this.localize(documentsCatalogue);
  }

  static override styles = [tokens, styles];
  static override catalogues = [documentsCatalogue, timelineCatalogue, problemsCatalogue];

  /** The claim whose documents are shown. */
  @property({ attribute: 'claim-id' }) accessor claimId = '';

  @state() private accessor modal: Modal | null = null;
  @state() private accessor busy = '';
  @state() private accessor formError = '';
  @state() private accessor dragOver = '';
  @state() private accessor announcement = '';

  @query('dialog') private accessor dialog!: HTMLDialogElement;

  #refetch: ReturnType<typeof setTimeout> | undefined;
  #opener: HTMLElement | null = null;
  #said = 0;

  #task = this.loadTask({
    report: 'documents',
    args: () => [this.claimId || null],
    load: async (session, [id], signal) => {
      const [me, list] = await Promise.all([session.me().catch(() => null), session.api.documents(id, { signal })]);
      // Who is looking tells their own changes from the other side's, which are announced, and
      // whose files the drop areas take (a handler uploads on the customer's behalf).
      return { ...list, claimId: id, me: me?.id, asHandler: me?.role === 'handler' };
    },
  });

  #thumbnails = new ThumbnailController(this, { session: () => this.session, files: () => this.#files() });

  #uploads = documentUploads(this.forControllers, {
    words: () => this.#documentsText,
    say: (text) => this.#say(text),
    reload: () => void this.#task.run(),
  });

  get #list(): LoadedList | undefined {
    const list = this.#task.value;
    return list?.claimId === this.claimId ? list : undefined;
  }

  protected override liveEvent(event: LiveEvent): void {
    if (!('claimId' in event) || event.claimId !== this.claimId) return;
    // Someone else's change to a document, or a move Claimdesk made by itself: say it (one's own
    // changes are announced where they are made).
    const system = event.actor.kind === 'system';
    const text = timelineText(this.localize(timelineCatalogue), event);
    if (text && (event.type.startsWith('document.') || system) && event.actor.id !== this.#list?.me) this.#say(text);
    // Several events come together (an upload, then the automatic move to review): one reload.
    clearTimeout(this.#refetch);
    this.#refetch = setTimeout(() => void this.#task.run(), 150);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#refetch);
    this.#release();
  }

  /** Announces through the live region; what comes within a moment of the last is added to it, not put in its place. */
  #say(text: string): void {
    const now = Date.now();
    this.announcement = now - this.#said < 1500 && this.announcement ? `${this.announcement} ${text}` : text;
    this.#said = now;
  }

  #files(): DocumentFile[] {
    return this.#list?.items.flatMap((req) => req.files) ?? [];
  }

  // ---- uploads

  #add(req: DocumentRequirement, files: File[]): void {
    const list = this.#list;
    if (list) this.#uploads.add(req, files, list.upload);
  }

  /** Files from a picker (the files', or the camera's): uploaded, and the picker emptied so that the same file may be chosen again. */
  #picked(req: DocumentRequirement, e: Event): void {
    const input = e.target as HTMLInputElement;
    this.#add(req, [...(input.files ?? [])]);
    input.value = '';
  }

  #onDrop(e: DragEvent, req: DocumentRequirement): void {
    e.preventDefault();
    this.dragOver = '';
    this.#add(req, [...(e.dataTransfer?.files ?? [])]);
  }

  #onDrag(e: DragEvent, req: DocumentRequirement): void {
    e.preventDefault();
    this.dragOver = e.type === 'dragleave' ? '' : req.id;
  }

  // ---- files

  async #download(file: DocumentFile): Promise<void> {
    try {
      saveFile(await this.session!.api.file(file.id), file.name);
    } catch (error) {
      this.#say(this.problemText(this.fail(error, 'download')));
    }
  }

  /** The file's bytes (or its thumbnail's) as a URL for the preview to show; empty for a file it cannot show. */
  async #previewUrl(file: DocumentFile): Promise<string> {
    if (byThumbnail(file)) return URL.createObjectURL(await this.session!.api.file(file.id, true));
    return viewable(file) ? URL.createObjectURL(new Blob([await this.session!.api.file(file.id)], { type: file.type })) : '';
  }

  async #preview(file: DocumentFile): Promise<void> {
    try {
      this.#open({ kind: 'preview', file, url: await this.#previewUrl(file) });
    } catch (error) {
      this.#say(this.problemText(this.fail(error, 'preview')));
    }
  }

  async #remove(file: DocumentFile, req: DocumentRequirement): Promise<void> {
    await this.#act('remove', () => this.session!.api.removeFile(file.id), this.#documentsText.removed(file.name), req.id);
  }

  // ---- review

  async #review(req: DocumentRequirement, decision: 'accepted' | 'rejected', reason?: string): Promise<void> {
    const said = this.#documentsText.reviewed(this.#label(req), decision === 'accepted');
    // Decided from the preview, the handler stays in it and goes on to the next file to review.
    const previewed = this.modal?.kind === 'preview' ? this.modal.file.id : '';
    const done = await this.#act(decision, () => this.session!.api.review(this.claimId, req.id, decision, reason), said, req.id, !!previewed);
    if (!done) return;
    this.emit('claims-document-reviewed', { claimId: this.claimId, requirementId: req.id, decision, ...(reason ? { reason } : {}) });
    if (previewed) await this.#moveOn(previewed, said);
  }

  /**
   * The files waiting for the handler's review, in checklist order: those no rejection covered, of
   * the documents the handler may review now.
   */
  #toReview(): DocumentFile[] {
    return (this.#list?.items ?? []).filter((req) => req.actions.includes('review')).flatMap((req) => req.files.filter((file) => !file.rejection));
  }

  /** The first file to review after `fileId` in checklist order, going round; none when no other waits. */
  #nextToReview(fileId: string): DocumentFile | undefined {
    const all = this.#files();
    const waiting = new Set(this.#toReview().map((file) => file.id));
    // A file gone meanwhile (-1) starts the round at the top.
    const from = all.findIndex((file) => file.id === fileId);
    for (let step = 1; step <= all.length; step++) {
      const file = all[(from + step) % all.length]!;
      if (file.id !== fileId && waiting.has(file.id)) return file;
    }
    return undefined;
  }

  /** In the open preview, goes on to the next file to review after `fileId`, or says none is left. */
  async #moveOn(fileId: string, said = ''): Promise<void> {
    const next = this.#nextToReview(fileId);
    try {
      const modal: Modal = next ? { kind: 'preview', file: next, url: await this.#previewUrl(next), said } : { kind: 'reviewed', said };
      if (this.dialog.open) this.#open(modal);
      else if (modal.kind === 'preview') URL.revokeObjectURL(modal.url);
    } catch (error) {
      this.formError = this.problemText(this.fail(error, 'preview'));
    }
  }

  #submitReject(e: SubmitEvent, req: DocumentRequirement): void {
    e.preventDefault();
    const textarea = this.dialog.querySelector('textarea')!;
    const reason = textarea.value.trim();
    if (!reason) {
      this.formError = this.#documentsText.reasonRequired;
      textarea.focus();
      return;
    }
    void this.#review(req, 'rejected', reason);
  }

  /** In the preview, shows the reason to write (focus goes to it) or puts it away (focus back on Reject). */
  #rejecting(on: boolean): void {
    if (this.modal?.kind !== 'preview') return;
    this.formError = '';
    this.modal = { ...this.modal, rejecting: on };
    void this.updateComplete.then(() => this.dialog.querySelector<HTMLElement>(on ? 'textarea' : '[part~="review"] .danger')?.focus());
  }

  async #request(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const note = String(data.get('note')).trim();
    if (!note) {
      this.formError = this.#documentsText.noteRequired;
      form.querySelector('textarea')?.focus();
      return;
    }
    const input = { kind: String(data.get('kind')), note, required: data.has('required') };
    if (await this.#act('request', () => this.session!.api.requestDocument(this.claimId, input), this.#documentsText.requested)) {
      form.reset();
      const details = form.closest('details')!;
      details.open = false;
      details.querySelector('summary')!.focus();
    }
  }

  /**
   * Runs one action at a time; on success announces and reloads, and closes the dialog — unless it
   * is to `stay` open, then resolves once reloaded; on failure says why. The buttons of a
   * requirement change with it, so focus goes to its heading.
   */
  async #act(name: string, action: () => Promise<unknown>, done: string, requirementId = '', stay = false): Promise<boolean> {
    if (this.busy || !this.session) return false;
    this.busy = name;
    this.formError = '';
    try {
      await action();
      this.#say(done);
      if (stay) {
        await this.#task.run();
        return true;
      }
      if (requirementId) this.#opener = null;
      this.dialog?.close();
      const reloaded = this.#task.run();
      if (requirementId) {
        void reloaded
          .then(() => this.updateComplete)
          .then(() => this.renderRoot.querySelector<HTMLElement>(`#t-${requirementId}`)?.focus());
      }
      return true;
    } catch (error) {
      const problem = this.fail(error, name);
      this.formError = this.problemText(problem);
      if (!this.modal) this.#say(this.formError);
      if (problem.status === 409 || problem.status === 404) void this.#task.run();
      return false;
    } finally {
      this.busy = '';
    }
  }

  // ---- dialog

  /**
   * Shows `modal` in the dialog, opening it unless it is open already (the preview going on to
   * another file): then focus still goes back to what opened it first. Focus goes to the reason
   * to write, else to the preview's title (what it shows changed), else to the first action.
   */
  #open(modal: Modal): void {
    if (!this.dialog.open) this.#opener = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.formError = '';
    this.#release();
    this.modal = modal;
    // Opened now, so that a late `close` of the previous dialog finds it open and is ignored.
    if (!this.dialog.open) this.dialog.showModal();
    void this.updateComplete.then(() => this.dialog.querySelector<HTMLElement>('textarea, h3[tabindex], .dialog-actions button')?.focus());
  }

  #release(): void {
    if (this.modal?.kind === 'preview') URL.revokeObjectURL(this.modal.url);
  }

  #onClose(): void {
    if (this.dialog.open) return;
    this.#release();
    this.modal = null;
    // Focus already moved on (the browser gave it back to the opener, or a reload to a heading).
    const active = (this.renderRoot as ShadowRoot).activeElement;
    if (active && !this.dialog.contains(active)) return;
    const back = this.#opener?.isConnected ? this.#opener : this.renderRoot.querySelector<HTMLElement>('[part~="progress"], [part~="base"]');
    back?.focus();
  }

  /** Keeps Tab inside the dialog. */
  #trap(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const items = [...this.dialog.querySelectorAll<HTMLElement>('textarea, button:not([disabled])')];
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    const [first, last] = [items[0], items.at(-1)];
    // Before the first item is the preview's title, which takes focus but not Tab.
    if (e.shiftKey ? at <= 0 : at === items.length - 1) {
      e.preventDefault();
      (e.shiftKey ? last : first)?.focus();
    }
  }

  #label(req: { label: { en: string; es: string } }): string {
    return this.apiText(req.label);
  }

  // ---- render

  override render() {
    const list = this.#list;
    return html`<div part="base" class="base" lang=${this.language} tabindex="-1">
      ${list
        ? this.#renderList(list)
        : this.#task.render({
            initial: () => this.#renderLoading(),
            pending: () => this.#renderLoading(),
            error: (error) => html`<div part="state" class="state" role="alert">
              <h3>${error instanceof ApiError && error.status === 404 ? this.t.notFoundTitle : this.t.errorTitle}</h3>
              <p>${this.problemText(error)}</p>
              <button type="button" class="btn" @click=${() => this.#task.run()}>${this.t.retry}</button>
            </div>`,
          })}
      ${this.#renderDialog()}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  #renderLoading() {
    return html`<div part="state" class="state" aria-busy="true"><p>${this.t.loading}</p></div>`;
  }

  #renderList(list: LoadedList) {
    const d = this.#documentsText;
    // The bar fills with what the handler accepted: an upload waiting for review may yet be rejected.
    const { required, accepted, awaitingReview } = list.progress;
    return html`${required
        ? html`<div part="progress" class="progress" tabindex="-1">
            <span id="progress">${d.progress(accepted, required, awaitingReview)}</span>
            <progress max=${required} .value=${accepted} aria-labelledby="progress"></progress>
          </div>`
        : nothing}
      ${list.items.length
        ? html`<ul part="list" class="list">
            ${list.items.map((req) => this.#renderItem(req, list))}
          </ul>`
        : html`<div part="state" class="state"><p>${d.none}</p></div>`}
      ${list.canRequest ? this.#renderRequest(list) : nothing}`;
  }

  #renderItem(req: DocumentRequirement, list: LoadedList) {
    const d = this.#documentsText;
    const t = this.t;
    const label = this.#label(req);
    const canUpload = req.actions.includes('upload');
    const uploads = this.#uploads.of(req.id);
    const types = acceptOf(list.upload);
    return html`<li part="item" class="item d-${req.status}">
      <div class="head">
        <h3 id="t-${req.id}" tabindex="-1">${label}</h3>
        <span class="tag">${req.required ? d.required : d.optional}</span>
        <span part="status-badge" class="badge d-${req.status}">${d.status[req.status]}</span>
      </div>
      <p class="help">${this.apiText(req.help)}</p>
      ${req.note ? html`<p class="note">${req.requestedBy ? html`<strong>${d.requestedBy(req.requestedBy.name)}</strong> ` : nothing}${req.note}</p>` : nothing}
      ${req.status === 'rejected' && req.reason
        ? html`<p class="rejected">${d.rejected(req.reason)}${canUpload ? html` <strong>${d.uploadAgain}</strong>` : nothing}</p>`
        : nothing}
      ${req.files.length ? html`<ul part="files" class="files">${req.files.map((f) => this.#renderFile(f, req))}</ul>` : nothing}
      ${uploads.length ? html`<ul class="files">${uploads.map((u) => this.#renderUpload(u))}</ul>` : nothing}
      ${canUpload && req.photos
        ? html`<button type="button" part="camera" class="btn primary camera" @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}>
              ${cameraIcon} ${d.takePhoto}<span class="sr-only">: ${label}</span></button
            ><input type="file" multiple hidden accept="image/*" capture="environment" @change=${(e: Event) => this.#picked(req, e)} />`
        : nothing}
      ${canUpload
        ? html`<button
              type="button"
              part="dropzone"
              class="drop ${this.dragOver === req.id ? 'over' : ''}"
              aria-describedby="h-${req.id}"
              @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}
              @dragenter=${(e: DragEvent) => this.#onDrag(e, req)}
              @dragover=${(e: DragEvent) => this.#onDrag(e, req)}
              @dragleave=${(e: DragEvent) => this.#onDrag(e, req)}
              @drop=${(e: DragEvent) => this.#onDrop(e, req)}
            >
              <span>${uploadIcon} ${list.asHandler ? d.dropForCustomer : d.drop}</span><span class="sr-only">: ${label}</span>
              <small id="h-${req.id}" aria-hidden="true">${d.limits(typeNames(list.upload), bytes(list.upload.maxBytes, this.locale))}</small></button
            ><input
              type="file"
              multiple
              hidden
              accept=${types}
              @change=${(e: Event) => this.#picked(req, e)}
            />`
        : nothing}
      ${req.actions.includes('review') || req.actions.includes('waive')
        ? html`<div part="review" class="row">
            ${req.actions.includes('review')
              ? html`<button type="button" class="btn primary" ?disabled=${!!this.busy || req.status === 'accepted'} @click=${() => this.#review(req, 'accepted')}>
                    ${d.accept}<span class="sr-only">: ${label}</span>
                  </button>
                  <button type="button" class="btn danger" aria-haspopup="dialog" ?disabled=${!!this.busy || req.status === 'rejected'} @click=${() => this.#open({ kind: 'reject', req })}>
                    ${d.reject}<span class="sr-only">: ${label}</span>
                  </button>`
              : nothing}
            ${req.actions.includes('waive')
              ? html`<button type="button" class="btn ghost" ?disabled=${!!this.busy} @click=${() => this.#act('waive', () => this.session!.api.waive(this.claimId, req.id), d.waived(label), req.id)}>
                  ${d.waive}<span class="sr-only">: ${label}</span>
                </button>`
              : nothing}
          </div>`
        : nothing}
      ${req.review ? html`<small class="meta">${t.by(req.review.by.name)} · ${date(req.review.at, this.locale, DATE_TIME)}</small>` : nothing}
    </li>`;
  }

  #renderFile(f: DocumentFile, req: DocumentRequirement) {
    const d = this.#documentsText;
    const thumb = this.#thumbnails.url(f.id);
    return html`<li part="file" class="file ${f.rejection ? 'is-rejected' : ''}">
      ${thumb
        ? html`<img part="thumbnail" class="thumb" src=${thumb} alt="" />`
        : html`<span part="thumbnail" class="thumb icon" aria-hidden="true">${(f.name.split('.').pop() ?? '').slice(0, 4)}</span>`}
      <span class="fmeta">
        <span class="fname">${f.name}</span>
        <small>${bytes(f.size, this.locale)} · ${f.uploadedBy.kind === 'service' ? this.t.integration(shownActorName(f.uploadedBy, this.localize(timelineCatalogue).hostSystem)) : f.uploadedBy.name} · ${date(f.uploadedAt, this.locale, DATE_TIME)}</small>
        ${this.#renderRejection(f)}
      </span>
      <span class="row">
        ${viewable(f)
          ? html`<button type="button" class="btn ghost" aria-haspopup="dialog" @click=${() => this.#preview(f)}>${d.preview}<span class="sr-only"> ${f.name}</span></button>`
          : nothing}
        <button type="button" class="btn ghost" @click=${() => this.#download(f)}>${d.download}<span class="sr-only"> ${f.name}</span></button>
        ${f.removable
          ? html`<button type="button" class="btn ghost danger" aria-haspopup="dialog" @click=${() => this.#open({ kind: 'remove', file: f, req })}>
              ${d.remove}<span class="sr-only"> ${f.name}</span>
            </button>`
          : nothing}
      </span>
    </li>`;
  }

  /** A rejected file's marker: not by colour alone, but an icon and the word, with why, by whom and when. */
  #renderRejection(f: DocumentFile) {
    const rejection = f.rejection;
    if (!rejection) return nothing;
    return html`<span part="file-rejection" class="file-rejection">
      ${rejectedIcon}
      <span><strong>${this.#documentsText.rejected(rejection.reason)}</strong> <small>${this.t.by(rejection.by.name)} · ${date(rejection.at, this.locale, DATE_TIME)}</small></span>
    </span>`;
  }

  #renderUpload(u: DocumentUpload) {
    const d = this.#documentsText;
    const saving = savingOf(u, d, this.locale);
    return html`<li part="upload" class="file upload ${u.error ? 'failed' : ''}">
      <span class="fmeta">
        <span class="fname">${u.name}</span>
        ${saving ? html`<small class="saving"><span aria-hidden="true">${saving.shown}</span><span class="sr-only">${saving.said}</span></small>` : nothing}
        ${u.error
          ? html`<small class="error">${u.error}</small>`
          : u.preparing
            ? html`<progress aria-label=${d.preparing(u.name)}></progress>`
            : html`<progress max=${u.size} .value=${u.loaded} aria-label=${d.uploading(u.name)}></progress>`}
        ${u.offline && !u.error ? html`<small class="offline">${d.offline(u.name)}</small>` : nothing}
      </span>
      <button type="button" class="btn ghost" @click=${() => this.#uploads.dismiss(u)}>
        ${u.error ? d.dismiss : this.t.cancel}<span class="sr-only"> ${u.name}</span>
      </button>
    </li>`;
  }

  #renderRequest(list: DocumentList) {
    const d = this.#documentsText;
    return html`<details part="request" class="request" @toggle=${() => (this.formError = '')}>
      <summary>${d.request}</summary>
      <form @submit=${this.#request} novalidate>
        <label for="kind">${d.kind}</label>
        <select id="kind" name="kind">
          ${list.kinds.map((k) => html`<option value=${k.code}>${this.#label(k)}</option>`)}
        </select>
        <label for="note">${d.note}</label>
        <textarea id="note" name="note" rows="3" maxlength="1000" required aria-invalid=${this.formError && !this.modal ? 'true' : 'false'}></textarea>
        <label class="check"><input type="checkbox" name="required" checked /> ${d.requiredCheck}</label>
        ${!this.modal ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        <button type="submit" class="btn primary" ?disabled=${this.busy === 'request'}>${d.send}</button>
      </form>
    </details>`;
  }

  #renderDialog() {
    const d = this.#documentsText;
    const m = this.modal;
    const error = html`<p id="dlg-error" class="error" role="alert">${this.formError}</p>`;
    return html`<dialog part="dialog" aria-labelledby="dlg-title" @keydown=${this.#trap} @close=${this.#onClose}>
      ${m?.kind === 'preview' || m?.kind === 'reviewed' ? html`<p class="said" role="status">${m.said}</p>` : nothing}
      ${m?.kind === 'preview'
        ? this.#renderPreview(m, error)
        : m?.kind === 'reviewed'
          ? html`<h3 id="dlg-title" tabindex="-1">${d.noneToReview}</h3>
              <div class="dialog-actions"><button type="button" class="btn" @click=${() => this.dialog.close()}>${d.close}</button></div>`
          : m?.kind === 'reject'
            ? html`<form @submit=${(e: SubmitEvent) => this.#submitReject(e, m.req)} novalidate>
                <h3 id="dlg-title">${d.rejectTitle(this.#label(m.req))}</h3>
                <p>${d.rejectIntro}</p>
                ${this.#renderRejectFields(error, () => this.dialog.close())}
              </form>`
            : m?.kind === 'remove'
              ? html`<h3 id="dlg-title">${d.removeTitle}</h3>
                  <p>${d.removeIntro(m.file.name)}</p>
                  ${error}
                  <div class="dialog-actions">
                    <button type="button" class="btn" @click=${() => this.dialog.close()}>${this.t.cancel}</button>
                    <button type="button" class="btn danger solid" ?disabled=${!!this.busy} @click=${() => this.#remove(m.file, m.req)}>${d.remove}</button>
                  </div>`
              : nothing}
    </dialog>`;
  }

  /**
   * A file's preview and where its document stands. For the handler, while the file waits for
   * review: Accept and Reject (the reason written in place), and the next file to review.
   */
  #renderPreview(m: Extract<Modal, { kind: 'preview' }>, error: TemplateResult) {
    const d = this.#documentsText;
    const req = this.#list?.items.find((item) => item.files.some((file) => file.id === m.file.id));
    // As the file stands now: another handler's review, arriving live, shows at once.
    const file = req?.files.find((f) => f.id === m.file.id) ?? m.file;
    const waiting = this.#toReview();
    const position = waiting.findIndex((f) => f.id === file.id);
    const next = this.#nextToReview(file.id);
    const label = req ? this.#label(req) : '';
    const covered = req?.files.filter((f) => !f.rejection).length ?? 0;
    return html`<h3 id="dlg-title" tabindex="-1">${file.name}</h3>
      ${req
        ? html`<p class="dlg-sub">${label} · ${d.status[req.status]}${position >= 0 ? ` · ${d.toReview(position + 1, waiting.length)}` : ''}</p>`
        : nothing}
      ${this.#renderRejection(file)}
      ${!m.url
        ? html`<div class="preview none">
            <p>${d.noPreview}</p>
            <button type="button" class="btn" @click=${() => this.#download(file)}>${d.download}<span class="sr-only"> ${file.name}</span></button>
          </div>`
        : file.type === 'application/pdf'
          ? html`<iframe class="preview" src=${m.url} title=${file.name}></iframe>`
          : html`<img class="preview" src=${m.url} alt=${file.name} />`}
      ${req && position >= 0
        ? m.rejecting
          ? html`<form @submit=${(e: SubmitEvent) => this.#submitReject(e, req)} novalidate>
              <p>${d.rejectIntro}</p>
              ${this.#renderRejectFields(error, () => this.#rejecting(false))}
            </form>`
          : html`${covered > 1 ? html`<p class="covers">${d.decidesAll(covered, label)}</p>` : nothing}
              <div part="review" class="row">
                <button type="button" class="btn primary" ?disabled=${!!this.busy} @click=${() => this.#review(req, 'accepted')}>
                  ${d.accept}<span class="sr-only">: ${label}</span>
                </button>
                <button type="button" class="btn danger" ?disabled=${!!this.busy} @click=${() => this.#rejecting(true)}>
                  ${d.reject}<span class="sr-only">: ${label}</span>
                </button>
              </div>
              ${error}`
        : error}
      <div class="dialog-actions">
        <button type="button" class="btn" @click=${() => this.dialog.close()}>${d.close}</button>
        ${next ? html`<button type="button" class="btn" ?disabled=${!!this.busy} @click=${() => this.#moveOn(file.id)}>${d.nextToReview}</button>` : nothing}
      </div>`;
  }

  /** The reason to reject a document (required) and the buttons to reject or not: in the reject dialog and in the preview. */
  #renderRejectFields(error: TemplateResult, cancel: () => void) {
    return html`<label for="reason">${this.t.reasonLabel}</label>
      <textarea id="reason" rows="4" maxlength="1000" required aria-invalid=${this.formError ? 'true' : 'false'} aria-describedby="dlg-error"></textarea>
      ${error}
      <div class="dialog-actions">
        <button type="button" class="btn" @click=${cancel}>${this.t.cancel}</button>
        <button type="submit" class="btn danger solid" ?disabled=${!!this.busy}>${this.#documentsText.reject}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-documents': ClaimsDocuments;
  }
}
