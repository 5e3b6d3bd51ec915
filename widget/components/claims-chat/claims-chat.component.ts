import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { ApiError } from '../../internal/api-error.ts';
import type { ClaimsSession } from '../../internal/session.ts';
import type { Attachment, Claim, LiveEvent, Me, Message, MessagePage, TypingSignal } from '../../internal/types.ts';
import { acceptOf, bytes, refusal, type UploadLimits } from '../../internal/upload-check.ts';
import { date } from '../../internal/format.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-chat.styles.ts';
import '../../events/claims-message-sent.ts';
import type { DocumentsTranslation } from '../../translations/translation.ts';
import { documentsEs } from '../../translations/documents.es.ts';
import { documentsEn } from '../../translations/documents.en.ts';

/** A file being attached to the next message: uploading, ready (uploaded, not sent), or refused. */
interface Draft {
  key: number;
  name: string;
  size: number;
  loaded: number;
  attachment: Attachment | null;
  error: string;
  abort: AbortController | null;
}

/** A message written here that the server has not confirmed yet. */
interface Outgoing {
  clientId: string;
  body: string;
  attachments: Attachment[];
  at: string;
  state: 'sending' | 'retrying' | 'failed';
  attempts: number;
  error: string;
}

type ReadPosition = MessagePage['reads'][number];

/** Sends that fail on the network are retried this many times, 1 s, 2 s, 4 s… apart (at most 30 s), before asking the user. */
const AUTO_ATTEMPTS = 6;
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** Typing is announced at most this often, and shown this long after the last announcement. */
const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 6000;
/** How close to the bottom the log counts as "at the bottom" (new messages keep it there). */
const NEAR_BOTTOM_PX = 48;
/** How close to the top scrolling loads older messages. */
const NEAR_TOP_PX = 80;
/** Statuses whose conversation is over. */
const SILENT: ReadonlySet<string> = new Set(['declined', 'closed']);

const FULL_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'full' };
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' };

const byTime = (a: Message, b: Message) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1);

/**
 * A claim's conversation between the company's users and the claims handler: messages grouped
 * by day with their author and time, older ones loaded on scrolling up, new ones live, read
 * receipts and who is typing. The composer sends on Enter (Shift+Enter for a new line), shows
 * each message at once as pending, retries by itself with the same clientId when the network
 * fails — the server stores it once — and offers a retry when a message failed for good.
 *
 * @tag claims-chat
 *
 * @attr claim-id - The claim whose conversation is shown.
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es` or `en`.
 *
 * @fires {ClaimsMessageSentDetail} claims-message-sent - The server stored a message written here. Detail: `{ claimId, message }`.
 * @fires {ClaimsErrorDetail} claims-error - Loading or sending failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart log - The scrolling list of messages.
 * @csspart day - A day's heading.
 * @csspart message - One message (`message-mine`, `message-theirs`, `message-pending`, `message-failed` are added accordingly).
 * @csspart message-mine - A message of yours.
 * @csspart message-theirs - A message of someone else.
 * @csspart message-pending - A message of yours still being sent.
 * @csspart message-failed - A message of yours that could not be sent (with Retry).
 * @csspart author - The author line of a message.
 * @csspart receipt - "Sent" / "Seen" under your last message.
 * @csspart typing - Who is typing.
 * @csspart composer - The form to write a message.
 * @csspart attach-button - Opens the file picker (files can also be dropped on the conversation).
 * @csspart drafts - The files to send with the next message, each a `draft` with its progress.
 * @csspart draft - One file to send.
 * @csspart attachments - A message's files.
 * @csspart attachment-thumbnail - The small preview of an image attachment.
 * @csspart input - The message text area.
 * @csspart send-button - The send button.
 *
 * @cssprop --claims-chat-height - Height of the message log.
 * @cssprop --claims-color-primary - Your messages' bubbles.
 */
export class ClaimsChat extends ClaimsElement {
  /** The checklist's and uploads' words in the element's language, loaded with this element rather than at start. */
  get #documentsText(): DocumentsTranslation {
    return this.localize(documentsEs, documentsEn);
  }

  static override styles = [tokens, styles];

  /** The claim whose conversation is shown. */
  @property({ attribute: 'claim-id' }) accessor claimId = '';

  /** The claim, when the host has it: a declined or closed claim shows the conversation read-only. */
  @property({ attribute: false }) accessor claim: Claim | undefined = undefined;

  @state() private accessor messages: Message[] = [];
  @state() private accessor outgoing: Outgoing[] = [];
  @state() private accessor reads: ReadPosition[] = [];
  @state() private accessor typists: ReadonlyMap<string, { name: string; until: number }> = new Map();
  @state() private accessor loadState: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private accessor loadError = '';
  @state() private accessor olderCursor: string | null = null;
  @state() private accessor olderState: 'idle' | 'loading' | 'error' = 'idle';
  @state() private accessor unread = 0;
  @state() private accessor closedHere = false;
  @state() private accessor announcement = '';
  @state() private accessor me: Me | null = null;
  @state() private accessor drafts: Draft[] = [];
  @state() private accessor limits: UploadLimits | null = null;
  @state() private accessor dragging = false;
  /** Object URLs of the attachments' small previews, by file id. */
  @state() private accessor thumbs: Readonly<Record<string, string>> = {};

  @query('[part~="log"]') private accessor log!: HTMLElement | null;
  @query('textarea') private accessor input!: HTMLTextAreaElement | null;

  #loaded: { session: ClaimsSession; claimId: string } | null = null;
  #load: AbortController | null = null;
  #offSignals: (() => void) | null = null;
  #signalSession: ClaimsSession | null = null;
  #retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #lastTypingSent = 0;
  #readTimer: ReturnType<typeof setTimeout> | undefined;
  #lastReadSent = '';
  #draftSeq = 0;
  #thumbsAsked = new Set<string>();
  /** What to do to the log's scroll position once the next render is on screen. */
  #scroll: { kind: 'bottom' } | { kind: 'keep'; height: number; top: number } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onOnline);
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#offSignals?.();
    this.#offSignals = null;
    this.#signalSession = null;
    this.#load?.abort();
    this.#loaded = null;
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    this.#retryTimers.clear();
    clearTimeout(this.#typingTimer);
    clearTimeout(this.#readTimer);
    for (const draft of this.drafts) draft.abort?.abort();
    this.drafts = [];
    this.#forgetThumbs();
  }

  #forgetThumbs(): void {
    Object.values(this.thumbs).forEach(URL.revokeObjectURL);
    this.thumbs = {};
    this.#thumbsAsked.clear();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const session = this.isConnected ? this.session : null;
    if (session !== this.#signalSession) {
      this.#offSignals?.();
      this.#signalSession = session;
      this.#offSignals = session ? session.live.onSignal((type, data) => type === 'typing' && this.#onTyping(data)) : null;
    }
    if (!session || !this.claimId) {
      if (this.#loaded) this.#clear();
    } else if (this.#loaded?.session !== session || this.#loaded.claimId !== this.claimId) {
      void this.#reload(session);
    }
  }

  /** Forgets the conversation shown: no claim (or no session) any more. */
  #clear(): void {
    this.#loaded = null;
    this.#load?.abort();
    this.messages = [];
    this.outgoing = [];
    this.reads = [];
    this.typists = new Map();
    this.olderCursor = null;
    this.loadState = 'idle';
    this.#forgetThumbs();
  }

  /**
   * Loads the newest page afresh: on first show, for another claim, or after the stream's reset.
   * Messages that arrive live meanwhile are kept and merged, and a
   * page loaded before the stream was open (it was slow to open) is loaded again once it opens:
   * what committed in between came on neither.
   */
  async #reload(session: ClaimsSession): Promise<void> {
    this.#loaded = { session, claimId: this.claimId };
    this.#load?.abort();
    const controller = (this.#load = new AbortController());
    const claimId = this.claimId;
    this.messages = [];
    this.reads = [];
    this.olderCursor = null;
    this.olderState = 'idle';
    this.loadState = 'loading';
    try {
      await session.live.whenOpen();
      const streaming = session.live.state === 'open';
      const [page, me] = await Promise.all([session.api.messages(claimId, undefined, { signal: controller.signal }), session.me()]);
      if (controller.signal.aborted) return;
      this.me = me;
      this.#add(page.items);
      this.reads = [...page.reads, ...this.reads.filter((r) => !page.reads.some((p) => p.user.id === r.user.id))];
      this.unread = page.unreadMessages;
      this.limits = page.upload;
      this.olderCursor = page.nextCursor;
      this.loadState = 'ready';
      this.#scroll = { kind: 'bottom' };
      this.#readSoon();
      if (!streaming) {
        const off = session.live.onState((state) => {
          if (state !== 'open') return;
          off();
          if (!controller.signal.aborted) void this.#catchUp(session, controller.signal);
        });
        controller.signal.addEventListener('abort', off);
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      this.loadState = 'error';
      this.loadError = this.fail(error, 'chat').detail;
    }
  }

  /** Adds what the newest page has that is not shown yet: new to the reader, so announced like a live arrival. */
  async #catchUp(session: ClaimsSession, signal: AbortSignal): Promise<void> {
    try {
      const page = await session.api.messages(this.claimId, undefined, { signal });
      const known = new Set(this.messages.map((m) => m.id));
      this.#add(page.items);
      const newest = page.items.find((m) => !known.has(m.id) && !this.#mine(m));
      if (newest) this.announcement = this.t.chat.newMessage(newest.author.name, newest.body);
      this.unread = page.unreadMessages;
    } catch {
      // The next live event or reset brings it back in step.
    }
  }

  async #loadOlder(): Promise<void> {
    const session = this.session;
    const cursor = this.olderCursor;
    if (!session || !cursor || this.olderState === 'loading') return;
    this.olderState = 'loading';
    try {
      const page = await session.api.messages(this.claimId, cursor);
      const log = this.log;
      // Older messages go above what is read now: the view must not jump.
      if (log) this.#scroll = { kind: 'keep', height: log.scrollHeight, top: log.scrollTop };
      this.#add(page.items);
      this.olderCursor = page.nextCursor;
      this.olderState = 'idle';
    } catch (error) {
      this.olderState = 'error';
      this.fail(error, 'chat');
    }
  }

  /** Adds messages, each once, in order; a confirmed message replaces its pending copy. */
  #add(messages: Message[]): void {
    const known = new Set(this.messages.map((m) => m.id));
    const fresh = messages.filter((m) => !known.has(m.id));
    if (!fresh.length) return;
    this.messages = [...this.messages, ...fresh].sort(byTime);
    const confirmed = new Set(fresh.filter((m) => this.#mine(m)).map((m) => m.clientId));
    if (confirmed.size) this.outgoing = this.outgoing.filter((o) => !confirmed.has(o.clientId));
  }

  #mine(message: Message): boolean {
    return message.author.id === this.me?.id;
  }

  protected override liveEvent(event: LiveEvent): void {
    // While the first page loads, arrivals are kept: the page is merged with them.
    if (!('claimId' in event) || event.claimId !== this.claimId || this.loadState === 'error' || this.loadState === 'idle') return;
    const m = event.data.message;
    if (event.type === 'message.posted' && m?.body !== undefined && event.actor.id) {
      const author = { id: event.actor.id, name: event.actor.name, kind: event.actor.kind };
      const message: Message = {
        id: m.id,
        claimId: event.claimId,
        clientId: m.clientId ?? '',
        body: m.body,
        author,
        attachments: m.attachments ?? [],
        at: m.at ?? event.at,
      };
      const atBottom = this.#atBottom();
      const before = this.messages.length;
      this.#add([message]);
      if (this.messages.length === before) return;
      this.#typist(author.id, author.name, 0);
      if (this.#mine(message) || this.loadState !== 'ready') return;
      this.announcement = this.t.chat.newMessage(author.name, message.body);
      this.unread += 1;
      if (atBottom) this.#scroll = { kind: 'bottom' };
      this.#readSoon();
    } else if (event.type === 'message.read' && m && event.actor.id) {
      const user = { id: event.actor.id, name: event.actor.name, kind: event.actor.kind };
      this.reads = [...this.reads.filter((r) => r.user.id !== user.id), { user, messageId: m.id, at: event.at }];
    } else if (event.type === 'claim.transitioned' || event.type === 'claim.declined') {
      if (event.data.to && SILENT.has(event.data.to)) this.closedHere = true;
    }
  }

  protected override liveReset(): void {
    if (this.session) void this.#reload(this.session);
  }

  /** Someone else is typing here — unless the message they were typing has arrived already. */
  #onTyping(signal: TypingSignal): void {
    if (signal.claimId !== this.claimId) return;
    const sentSince = this.messages.some((m) => m.author.id === signal.user.id && m.at >= signal.at);
    if (!sentSince) this.#typist(signal.user.id, signal.user.name);
  }

  /** Shows (or, with `ms` 0, clears) someone typing. */
  #typist(userId: string, name: string, ms = TYPING_SHOWN_MS): void {
    if (userId === this.me?.id) return;
    const typists = new Map(this.typists);
    const now = Date.now();
    if (ms > 0) typists.set(userId, { name, until: now + ms });
    else typists.delete(userId);
    for (const [id, t] of typists) if (t.until <= now) typists.delete(id);
    this.typists = typists;
    clearTimeout(this.#typingTimer);
    const next = Math.min(...[...typists.values()].map((t) => t.until));
    if (Number.isFinite(next)) this.#typingTimer = setTimeout(() => this.#typist('', '', 0), next - now + 10);
  }

  get #closed(): boolean {
    return this.closedHere || (!!this.claim && SILENT.has(this.claim.status));
  }

  #atBottom(): boolean {
    const log = this.log;
    return !log || log.scrollHeight - log.scrollTop - log.clientHeight < NEAR_BOTTOM_PX;
  }

  /** Marks the newest message read once the user can see it: the page is visible and the log at the bottom. */
  #readSoon(): void {
    clearTimeout(this.#readTimer);
    this.#readTimer = setTimeout(() => void this.#markRead(), 400);
  }

  async #markRead(): Promise<void> {
    const session = this.session;
    const newest = this.messages.at(-1);
    if (!session || !newest || document.visibilityState !== 'visible' || !this.#atBottom()) return;
    if (this.unread === 0 && this.#lastReadSent === newest.id) return;
    this.#lastReadSent = newest.id;
    try {
      this.unread = await session.api.markRead(this.claimId, newest.id);
    } catch {
      this.#lastReadSent = '';
    }
  }

  #onVisibility = (): void => this.#readSoon();

  #onOnline = (): void => {
    for (const item of this.outgoing) if (item.state === 'retrying') this.#deliverNow(item.clientId);
  };

  #onScroll(): void {
    const log = this.log;
    if (!log) return;
    if (log.scrollTop < NEAR_TOP_PX && this.olderCursor && this.olderState === 'idle') void this.#loadOlder();
    if (this.#atBottom() && this.unread > 0) this.#readSoon();
  }

  #onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.#submit();
    }
  }

  #onInput(): void {
    const session = this.session;
    const now = Date.now();
    if (!session || !this.input?.value.trim() || now - this.#lastTypingSent < TYPING_EVERY_MS) return;
    this.#lastTypingSent = now;
    session.api.typing(this.claimId).catch(() => {});
  }

  #submit(e?: Event): void {
    e?.preventDefault();
    const input = this.input;
    const body = input?.value.trim() ?? '';
    const attachments = this.drafts.flatMap((d) => (d.attachment ? [d.attachment] : []));
    if (!input || (!body && !attachments.length) || this.#closed || this.#uploading) return;
    input.value = '';
    this.drafts = this.drafts.filter((d) => !d.attachment);
    this.#lastTypingSent = 0;
    const item: Outgoing = { clientId: crypto.randomUUID(), body, attachments, at: new Date().toISOString(), state: 'sending', attempts: 0, error: '' };
    this.outgoing = [...this.outgoing, item];
    this.#scroll = { kind: 'bottom' };
    void this.#deliver(item.clientId);
  }

  get #uploading(): boolean {
    return this.drafts.some((d) => !d.attachment && !d.error);
  }

  // ---- attachments

  #attach(files: readonly File[]): void {
    const session = this.session;
    const limits = this.limits;
    if (!session || !limits || this.#closed) return;
    for (const file of files) {
      const error = refusal(file, limits, this.#documentsText, this.locale);
      const draft: Draft = { key: ++this.#draftSeq, name: file.name, size: file.size, loaded: 0, attachment: null, error, abort: error ? null : new AbortController() };
      this.drafts = [...this.drafts, draft];
      if (error) {
        this.announcement = error;
        continue;
      }
      session.api
        .uploadAttachment(this.claimId, file, (loaded) => this.#patchDraft(draft.key, { loaded }), draft.abort!.signal)
        .then(
          (attachment) => {
            this.#patchDraft(draft.key, { attachment, loaded: file.size, abort: null });
            this.announcement = this.#documentsText.uploaded(file.name);
          },
          (error: unknown) => {
            if ((error as Error).name === 'AbortError') return;
            const problem = this.fail(error, 'attach');
            const message = `${this.#documentsText.failed(file.name)} ${problem.detail || problem.title}`;
            this.#patchDraft(draft.key, { error: message, abort: null });
            this.announcement = message;
          },
        );
    }
  }

  #patchDraft(key: number, change: Partial<Draft>): void {
    this.drafts = this.drafts.map((d) => (d.key === key ? { ...d, ...change } : d));
  }

  /** Drops a draft: cancels its upload, or removes the uploaded file, which nobody else has seen. */
  #discard(draft: Draft): void {
    draft.abort?.abort();
    this.drafts = this.drafts.filter((d) => d.key !== draft.key);
    if (draft.attachment) this.session?.api.removeFile(draft.attachment.id).catch(() => {});
  }

  #onPick(e: Event): void {
    const input = e.target as HTMLInputElement;
    this.#attach([...(input.files ?? [])]);
    input.value = '';
  }

  #onDrag(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes('Files') || this.#closed) return;
    e.preventDefault();
    this.dragging = e.type !== 'dragleave' && e.type !== 'drop';
    if (e.type === 'drop') this.#attach([...e.dataTransfer.files]);
  }

  async #download(attachment: Attachment): Promise<void> {
    try {
      const url = URL.createObjectURL(await this.session!.api.file(attachment.id));
      const a = Object.assign(document.createElement('a'), { href: url, download: attachment.name });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.announcement = this.fail(error, 'download').detail || this.t.errorTitle;
    }
  }

  #update(clientId: string, change: Partial<Outgoing>): Outgoing | undefined {
    let updated: Outgoing | undefined;
    this.outgoing = this.outgoing.map((o) => (o.clientId === clientId ? (updated = { ...o, ...change }) : o));
    return updated;
  }

  #deliverNow(clientId: string): void {
    clearTimeout(this.#retryTimers.get(clientId));
    this.#retryTimers.delete(clientId);
    void this.#deliver(clientId);
  }

  /** Sends one pending message; the same clientId on every attempt, so the server stores it once. */
  async #deliver(clientId: string): Promise<void> {
    const session = this.session;
    const current = this.outgoing.find((o) => o.clientId === clientId);
    if (!session || !current) return;
    const item = this.#update(clientId, { state: 'sending', attempts: current.attempts + 1, error: '' })!;
    try {
      const message = await session.api.postMessage(this.claimId, item.body, clientId, item.attachments.map((a) => a.id));
      this.#add([message]);
      this.outgoing = this.outgoing.filter((o) => o.clientId !== clientId);
      this.emit('claims-message-sent', { claimId: this.claimId, message });
    } catch (error) {
      const problem = error instanceof ApiError ? error : ApiError.network(error);
      const transient = problem.status === 0 || problem.status === 429 || problem.status >= 500;
      if (transient && item.attempts < AUTO_ATTEMPTS) {
        this.#update(clientId, { state: 'retrying' });
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (item.attempts - 1));
        this.#retryTimers.set(clientId, setTimeout(() => this.#deliverNow(clientId), delay));
        return;
      }
      if (problem.status === 409 && /final status/.test(problem.detail)) this.closedHere = true;
      this.#update(clientId, { state: 'failed', error: problem.detail || this.t.chat.failed });
      this.fail(problem, 'chat');
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Images get their small preview, fetched with the token: never the photo itself.
    for (const attachment of this.messages.flatMap((m) => m.attachments)) {
      if (!attachment.hasThumbnail || this.#thumbsAsked.has(attachment.id)) continue;
      this.#thumbsAsked.add(attachment.id);
      this.session?.api.file(attachment.id, true).then(
        (blob) => {
          if (this.isConnected) this.thumbs = { ...this.thumbs, [attachment.id]: URL.createObjectURL(blob) };
        },
        () => {},
      );
    }
    const log = this.log;
    const scroll = this.#scroll;
    if (!log || !scroll) return;
    this.#scroll = null;
    if (scroll.kind === 'bottom') log.scrollTop = log.scrollHeight;
    else log.scrollTop = scroll.top + (log.scrollHeight - scroll.height);
  }

  override render() {
    const t = this.t.chat;
    return html`<section
      part="base"
      class="base ${this.dragging ? 'dragging' : ''}"
      lang=${this.language}
      aria-label=${t.title}
      @dragenter=${this.#onDrag}
      @dragover=${this.#onDrag}
      @dragleave=${this.#onDrag}
      @drop=${this.#onDrag}
    >
      ${this.loadState === 'error'
        ? html`<div class="state" role="alert">
            <h3>${this.t.errorTitle}</h3>
            ${this.loadError ? html`<p>${this.loadError}</p>` : nothing}
            <button type="button" class="btn" @click=${() => this.session && this.#reload(this.session)}>${this.t.retry}</button>
          </div>`
        : html`<div class="frame">
            <div part="log" class="log" tabindex="0" role="log" aria-label=${t.title} aria-busy=${this.loadState === 'loading'} @scroll=${this.#onScroll}>
              ${this.loadState === 'loading' ? html`<p class="empty">${this.t.loading}</p>` : this.#renderMessages()}
            </div>
            ${this.#renderOlder()} ${this.dragging ? html`<p class="drop-hint" aria-hidden="true">${t.dropHere}</p>` : nothing}
          </div>`}
      <p part="typing" class="typing" aria-live="polite">${this.#renderTyping()}</p>
      ${this.#closed
        ? html`<p class="closed">${t.closed}</p>`
        : html`<form part="composer" class="composer" @submit=${this.#submit}>
            ${this.drafts.length ? html`<ul part="drafts" class="drafts" aria-label=${t.attachments}>${this.drafts.map((d) => this.#renderDraft(d))}</ul>` : nothing}
            <label class="sr-only" for="message">${t.composerLabel}</label>
            <textarea
              id="message"
              part="input"
              rows="2"
              maxlength="5000"
              placeholder=${t.composerLabel}
              aria-describedby="hint"
              ?disabled=${this.loadState !== 'ready'}
              @keydown=${this.#onKeydown}
              @input=${this.#onInput}
            ></textarea>
            <div class="composer-actions">
              ${this.limits ? html`<label part="attach-button" class="btn ghost attach">
                <span aria-hidden="true">📎</span>
                <input
                  type="file"
                  class="sr-only"
                  multiple
                  accept=${acceptOf(this.limits)}
                  aria-label=${t.attach}
                  ?disabled=${this.loadState !== 'ready'}
                  @change=${this.#onPick}
                />
              </label>` : nothing}
              <button type="submit" part="send-button" class="btn primary" ?disabled=${this.loadState !== 'ready' || this.#uploading}>${t.send}</button>
            </div>
            <small id="hint" class="hint">${t.composerHint}</small>
          </form>`}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  #renderDraft(d: Draft) {
    const t = this.t.chat;
    return html`<li part="draft" class="draft ${d.error ? 'failed' : d.attachment ? 'ready' : 'uploading'}">
      <span class="name">${d.name}</span>
      ${d.error
        ? html`<span class="error" role="alert">${d.error}</span>`
        : d.attachment
          ? html`<small>${bytes(d.size, this.locale)}</small>`
          : html`<progress max=${d.size} value=${d.loaded} aria-label=${this.#documentsText.uploading(d.name)}></progress>`}
      <button type="button" class="btn ghost remove" @click=${() => this.#discard(d)} aria-label=${t.removeAttachment(d.name)}>✕</button>
    </li>`;
  }

  #renderAttachments(attachments: readonly Attachment[]) {
    if (!attachments.length) return nothing;
    return html`<ul part="attachments" class="attachments">
      ${attachments.map(
        (a) => html`<li>
          <button type="button" class="attachment" @click=${() => this.#download(a)} title=${this.#documentsText.download}>
            ${this.thumbs[a.id]
              ? html`<img part="attachment-thumbnail" src=${this.thumbs[a.id]!} alt="" width="160" />`
              : html`<span class="icon" aria-hidden="true">📄</span>`}
            <span class="name">${a.name}</span>
            <small>${bytes(a.size, this.locale)}</small>
            <span class="sr-only">${this.#documentsText.download}</span>
          </button>
        </li>`,
      )}
    </ul>`;
  }

  #renderOlder() {
    const t = this.t.chat;
    if (this.olderState === 'loading') return html`<p class="older">${t.loadingOlder}</p>`;
    if (this.olderState === 'error') {
      return html`<p class="older" role="alert">${t.olderFailed} <button type="button" class="btn ghost" @click=${() => { this.olderState = 'idle'; void this.#loadOlder(); }}>${this.t.retry}</button></p>`;
    }
    return nothing;
  }

  #renderMessages() {
    const t = this.t.chat;
    if (!this.messages.length && !this.outgoing.length) return html`<p class="empty">${t.empty}</p>`;
    const lastMine = this.messages.findLast((m) => this.#mine(m));
    const rows: Array<{ key: string; day?: string; message?: Message; pending?: Outgoing }> = [];
    let day = '';
    const dayOf = (iso: string) => new Date(iso).toDateString();
    for (const message of this.messages) {
      if (dayOf(message.at) !== day) rows.push({ key: `day-${(day = dayOf(message.at))}`, day: message.at });
      rows.push({ key: message.id, message });
    }
    for (const pending of this.outgoing) {
      if (dayOf(pending.at) !== day) rows.push({ key: `day-${(day = dayOf(pending.at))}`, day: pending.at });
      rows.push({ key: pending.clientId, pending });
    }
    return html`<ol class="messages">
      ${repeat(
        rows,
        (row) => row.key,
        (row) =>
          row.day
            ? html`<li part="day" class="day"><span>${this.#dayLabel(row.day)}</span></li>`
            : row.message
              ? this.#renderMessage(row.message, row.message === lastMine)
              : this.#renderPending(row.pending!),
      )}
    </ol>`;
  }

  #renderMessage(m: Message, lastMine: boolean) {
    const mine = this.#mine(m);
    const t = this.t.chat;
    return html`<li part="message ${mine ? 'message-mine' : 'message-theirs'}" class="message ${mine ? 'mine' : 'theirs'} ${m.author.kind}">
      <span part="author" class="author">${this.#authorLabel(m)} · <time datetime=${m.at}>${this.#time(m.at)}</time></span>
      ${m.body ? html`<p class="body">${m.body}</p>` : nothing} ${this.#renderAttachments(m.attachments)}
      ${lastMine ? html`<span part="receipt" class="receipt">${this.#seen(m) ? t.seen : t.sent}</span>` : nothing}
    </li>`;
  }

  #renderPending(o: Outgoing) {
    const t = this.t.chat;
    return html`<li part="message message-mine message-${o.state === 'failed' ? 'failed' : 'pending'}" class="message mine pending ${o.state}">
      <span part="author" class="author">${t.you} · <time datetime=${o.at}>${this.#time(o.at)}</time></span>
      ${o.body ? html`<p class="body">${o.body}</p>` : nothing} ${this.#renderAttachments(o.attachments)}
      <span part="receipt" class="receipt" role=${o.state === 'failed' ? 'alert' : nothing}>
        ${o.state === 'sending' ? t.sending : o.state === 'retrying' ? t.retrying : html`${o.error || t.failed}
              <button type="button" class="btn ghost retry" @click=${() => this.#deliverNow(o.clientId)}>${t.retry}</button>`}
      </span>
    </li>`;
  }

  #renderTyping() {
    const names = [...this.typists.values()].map((t) => t.name);
    return names.length ? this.t.chat.typing(names.join(', ')) : '';
  }

  #authorLabel(m: Message): string {
    const t = this.t.chat;
    if (this.#mine(m)) return t.you;
    if (m.author.kind === 'handler') return t.handler(m.author.name);
    // A handler reads the customer's company by name; the customer, a colleague as "your company".
    const company = this.me?.role === 'handler' ? this.claim?.companyName : t.yourCompany;
    return company ? `${m.author.name} · ${company}` : m.author.name;
  }

  /** Whether someone else has read up to this message. */
  #seen(m: Message): boolean {
    const index = new Map(this.messages.map((message, i) => [message.id, i]));
    const mine = index.get(m.id) ?? -1;
    return this.reads.some((r) => r.user.id !== m.author.id && (index.get(r.messageId) ?? -1) >= mine);
  }

  #dayLabel(iso: string): string {
    const days = Math.round((new Date(new Date().toDateString()).getTime() - new Date(new Date(iso).toDateString()).getTime()) / 86_400_000);
    if (days === 0) return this.t.chat.today;
    if (days === 1) return this.t.chat.yesterday;
    return date(iso, this.locale, FULL_DATE);
  }

  #time(iso: string): string {
    return date(iso, this.locale, TIME);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-chat': ClaimsChat;
  }
}
