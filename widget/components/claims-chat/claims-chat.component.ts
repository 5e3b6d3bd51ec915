import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { TaskStatus } from '@lit/task';
import { shownActorName } from '../../../domain/actors.ts';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { saveFile } from '../../internal/save-file.ts';
import { ClaimController } from '../../controllers/claim-controller.ts';
import { OutboxController, type Outgoing } from '../../controllers/outbox-controller.ts';
import { ThumbnailController } from '../../controllers/thumbnail-controller.ts';
import { documentUploads, type DocumentUpload } from '../../controllers/document-uploads-controller.ts';
import { isPhoto, photoEdge, prepareUpload, savingOf, type PreparedUpload, type Saving } from '../../photos/prepare-upload.ts';
import type { ClaimsSession } from '../../internal/session.ts';
import type {
  Attachment,
  ChatDocumentRequestInput,
  Claim,
  DocumentList,
  DocumentRequirement,
  LiveEvent,
  Localized,
  Me,
  Message,
  MessageDocumentRequest,
  MessagePage,
  TypingSignal,
} from '../../internal/types.ts';
import { acceptOf, bytes, refusal, typeNames, type UploadLimits } from '../../internal/upload-check.ts';
import { DATE_TIME, date, labelled, relative } from '../../internal/format.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-chat.styles.ts';
import { attachIcon, downloadIcon, fileIcon, nextIcon, previousIcon, removeIcon } from './claims-chat.icons.ts';
import { uploadAttachment } from '../../uploads/attachment-upload.ts';
import { perSession } from '../../internal/api-client.ts';
import { ChatApi } from './claims-chat.api.ts';
import '../../events/claims-message-sent.ts';
import '../../events/claims-upload.ts';
import '../../events/claims-document-uploaded.ts';
import type { ConversationTranslation, DocumentsTranslation } from '../../translations/translation.ts';
import { documentsCatalogue } from '../../translations/documents.ts';
import { chatCatalogue } from '../../translations/chat.ts';
import { problemsCatalogue } from '../../translations/problems.ts';

/** A file being attached to the next message: a photo being prepared, uploading, ready (uploaded, not sent), or refused. */
interface Draft {
  key: number;
  name: string;
  size: number;
  loaded: number;
  attachment: Attachment | null;
  error: string;
  /** A photo being made small and without its location before it is checked and uploaded. */
  preparing: boolean;
  /** What preparing it saved; null when it goes as chosen. */
  saving: Saving | null;
  abort: AbortController | null;
}

/** A message written here, as the outbox sends it; shown with its time until the server confirms it. */
interface Written {
  claimId: string;
  body: string;
  attachments: Attachment[];
  /** A handler's request for a document: what is sent (the server writes the text), and the document's name to show meanwhile. */
  request: { input: ChatDocumentRequestInput; label: Localized; note: string | null } | null;
  at: string;
}

type ReadPosition = MessagePage['reads'][number];

/** The file the viewer shows, with its bytes' object URL once they came, or why they could not be had. */
interface Viewing {
  file: Attachment;
  url: string | null;
  error: string;
}

/**
 * Where the "new messages" divider goes: above the oldest of the newest `unread` messages of others
 * up to message `upTo` — those unread when the conversation opened, or (`unread` 1) the first that
 * came while the page was hidden. Counted rather than pinned to a message, so that it moves up when
 * older pages bring unread messages the first page did not hold.
 */
interface Divider {
  unread: number;
  upTo: string;
}

/** The newest page of a claim's conversation as one session loaded it. */
interface Snapshot {
  session: ClaimsSession;
  claimId: string;
  page: MessagePage;
  me: Me;
  /** Whether the stream was open when the page was asked for; if not, the page is asked for again once it is. */
  streaming: boolean;
}

const apiOf = perSession(ChatApi);

/** Typing is announced at most this often, and shown this long after the last announcement. */
const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 6000;
/** How close to the bottom the log counts as "at the bottom" (new messages keep it there). */
const NEAR_BOTTOM_PX = 48;
/** How close to the top scrolling loads older messages. */
const NEAR_TOP_PX = 80;

const FULL_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'full' };
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' };

/** The images the viewer steps through: those a browser shows (not HEIC, which is downloaded like any other file). */
const VIEWABLE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const PDF = 'application/pdf';
/** Browsers call every pasted screenshot this: it is given a name that tells one from another. */
const PASTED_NAME = /^image\.(png|jpe?g|webp)$/;

/**
 * The catalogue's kind for a document no other kind names: its note says which, so the note is
 * required with it (the API refuses it without one).
 */
const FREE_REQUEST_KIND = 'other';

const byTime = (a: Message, b: Message) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1);

/**
 * A claim's conversation between the company's users and the claims handler: messages grouped
 * by day with their author and time, older ones loaded on scrolling up, new ones live, read
 * receipts and who is typing. The composer sends on Enter (Shift+Enter for a new line), shows
 * each message at once as pending, retries by itself with the same clientId when the network
 * fails — the server stores it once — and offers a retry when a message failed for good. Once the
 * claim is final (declined, closed) the conversation is read-only.
 *
 * Files are attached by the picker, by dropping them on the conversation or by pasting a
 * screenshot, and uploaded at once; a photo is first made small and without its location, as a
 * document's is (`photo-max-edge`), its chip saying so and then what that saved. The message is
 * sent once every file attached to it is in: not while one is being prepared or uploaded. An image opens in a viewer that steps through the conversation's images (buttons,
 * arrow keys), a PDF in a preview, each with its full name and Download. A divider marks the
 * first message that came while the reader was away, and the customer sees when the handler last
 * answered.
 *
 * The handler asks for a document from the composer ("Pedir documento"): a kind from the claim's
 * catalogue, or `other` with a note saying which, sent as one message that also adds it to the
 * checklist. The message shows the document's name and where it stands, kept live; the customer
 * uploads to it from there (the checklist's checks and progress) while it is missing or rejected.
 *
 * @tag claims-chat
 *
 * @attr claim-id - The claim whose conversation is shown.
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 * @attr photo-max-edge - The long edge, in pixels, photos are scaled to fit before upload (default 2560); else the enclosing element's.
 *
 * @fires {ClaimsMessageSentDetail} claims-message-sent - The server stored a message written here. Detail: `{ claimId, message }`.
 * @fires {ClaimsUploadDetail} claims-upload - A file is about to be attached (uploaded to be sent with the next message; `requirementId` null), or uploaded to the document a message asks for; `file` as it will go (a photo: the copy made smaller and without its location). Cancelable: `preventDefault()` leaves it out. Detail: `{ claimId, requirementId, file }`.
 * @fires {ClaimsDocumentUploadedDetail} claims-document-uploaded - A file was uploaded to the document a message asks for. Detail: `{ claimId, requirementId, file }`.
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
 * @csspart new-messages - The "New messages" divider above the first message that came while you were away.
 * @csspart last-reply - When the handler last answered (shown to the customer).
 * @csspart receipt - "Sent" / "Seen" under your last message.
 * @csspart typing - Who is typing.
 * @csspart composer - The form to write a message.
 * @csspart request-button - The handler's "Request a document", which opens `request-form`.
 * @csspart request-form - The handler's form to ask for a document: its kind, a note, Request and Cancel.
 * @csspart document-request - In a message, the document it asks for: its name, state, note and (for the customer) its upload.
 * @csspart request-status - That document's state.
 * @csspart request-camera - The customer's "Take photo" in the message, when the document asked for is photos: opens the rear camera.
 * @csspart request-upload - The customer's button to upload the document from the message.
 * @csspart attach-button - Opens the file picker (files can also be dropped on the conversation).
 * @csspart drafts - The files to send with the next message, each a `draft` with its progress.
 * @csspart draft - One file to send.
 * @csspart attachments - A message's files.
 * @csspart attachment-thumbnail - The small preview of an image attachment.
 * @csspart viewer - The dialog showing an image large (stepping through the conversation's images) or a PDF.
 * @csspart input - The message text area.
 * @csspart send-button - The send button.
 * @csspart state - The error shown when the conversation could not be loaded, with Retry.
 *
 * @cssprop --claims-chat-height - Height of the message log.
 * @cssprop --claims-color-primary - Your messages' bubbles.
 */
export class ClaimsChat extends ClaimsElement {
  /** The checklist's and uploads' words in the element's language, loaded with this element rather than at start. */
  get #documentsText(): DocumentsTranslation {
    return this.localize(documentsCatalogue);
  }

  /** The open conversation's own words, loaded with this element. */
  get #text(): ConversationTranslation {
    return this.localize(chatCatalogue);
  }

  static override styles = [tokens, styles];
  static override catalogues = [documentsCatalogue, chatCatalogue, problemsCatalogue];

  /** The claim whose conversation is shown. */
  @property({ attribute: 'claim-id' }) accessor claimId = '';

  /** The claim, when the host has it and keeps it fresh (else the chat loads it): a final one shows the conversation read-only. */
  @property({ attribute: false }) accessor claim: Claim | undefined = undefined;

  /** Messages that came after the newest page: live, on catching up, or sent from here. */
  @state() private accessor arrived: Message[] = [];
  /** Read positions that came live, newer than the page's. */
  @state() private accessor liveReads: ReadPosition[] = [];
  /** Older pages loaded on scrolling up, for the snapshot they continue. */
  @state() private accessor older: { snapshot: Snapshot; items: Message[]; cursor: string | null } | null = null;
  @state() private accessor olderState: 'idle' | 'loading' | 'error' = 'idle';
  @state() private accessor typists: ReadonlyMap<string, { name: string; until: number }> = new Map();
  @state() private accessor announcement = '';
  @state() private accessor drafts: Draft[] = [];
  @state() private accessor dragging = false;
  @state() private accessor divider: Divider | null = null;
  @state() private accessor viewing: Viewing | null = null;
  /** The handler's request form is open, on this kind; `requestError` says what it lacks. */
  @state() private accessor requesting = false;
  @state() private accessor requestKind = '';
  @state() private accessor requestError = '';

  @query('[part~="log"]') private accessor log!: HTMLElement | null;
  @query('textarea') private accessor input!: HTMLTextAreaElement | null;
  @query('[part~="viewer"]') private accessor viewer!: HTMLDialogElement | null;
  @query('[part~="request-button"]') private accessor requestButton!: HTMLButtonElement | null;

  #page = this.loadTask({
    report: 'chat',
    args: () => [this.claimId || null],
    load: async (session, [claimId], signal): Promise<Snapshot> => {
      const streaming = session.live.state === 'open';
      const [page, me] = await Promise.all([apiOf(session).messages(claimId, undefined, { signal }), session.me()]);
      return { session, claimId, page, me, streaming };
    },
  });

  /** The claim, loaded only when the host gave none. */
  #claimLoad = this.loadTask({
    args: () => [this.claim ? null : this.claimId || null],
    load: (session, [id]) => session.claims.load(id),
  });

  #claim = new ClaimController(this, {
    session: () => this.session,
    id: () => this.claimId,
    loaded: this.#claimLoad,
    given: () => this.claim,
    // Whether the conversation is over changes only when the claim moves.
    follows: (event) => !!event.data.to,
  });

  #outbox = new OutboxController<Written, Message>(this, {
    send: ({ claimId, body, attachments, request }, clientId) =>
      apiOf(this.session!).postMessage(claimId, body, clientId, attachments.map((a) => a.id), request?.input),
    sent: (message, { item }) => {
      this.#add([message]);
      this.emit('claims-message-sent', { claimId: item.claimId, message });
    },
    failed: (problem) => {
      // Refused as the claim is over (or filed, for a request): the claim and its checklist,
      // fetched again, say so, and the composer or its request goes.
      if (problem.status === 409) {
        this.#claim.refresh();
        void this.#checklist.run();
      }
      this.fail(problem, 'chat');
    },
    clock: () => this.session?.live.clock,
  });

  /**
   * The claim's checklist: where each document asked for in the conversation stands, and whether
   * (and what) the handler may ask for. Loaded for a handler, and for the customer once the
   * conversation holds a request; loaded again as the documents change.
   */
  #checklist = this.loadTask({
    args: () => [this.claimId || null, this.#wantsChecklist || null] as const,
    load: async (session, [claimId], signal) => ({ claimId, list: await session.api.documents(claimId, { signal }) }),
  });

  #uploads = documentUploads(this.forControllers, {
    words: () => this.#documentsText,
    say: (text) => (this.announcement = text),
    reload: () => void this.#checklist.run(),
  });

  #thumbnails = new ThumbnailController(this, {
    session: () => this.session,
    files: () => this.#files,
  });

  #offSignals: (() => void) | null = null;
  #signalSession: ClaimsSession | null = null;
  /** The snapshot last shown: a new one scrolls to the bottom and is read. */
  #shown: Snapshot | null = null;
  /** The reader's unread messages in this conversation, as the server last said (and counted since). */
  #unread = 0;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #lastTypingSent = 0;
  #readTimer: ReturnType<typeof setTimeout> | undefined;
  #lastReadSent = '';
  #draftSeq = 0;
  #checklistRefetch: ReturnType<typeof setTimeout> | undefined;
  /** What to do to the log's scroll position once the next render is on screen. */
  #scroll: { kind: 'bottom' } | { kind: 'keep'; height: number; top: number } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    // Back on the page: what was said while this was away came on no stream it followed.
    if (this.hasUpdated) void this.#page.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#offSignals?.();
    this.#offSignals = null;
    this.#signalSession = null;
    clearTimeout(this.#typingTimer);
    clearTimeout(this.#readTimer);
    clearTimeout(this.#checklistRefetch);
    for (const draft of this.drafts) draft.abort?.abort();
    this.drafts = [];
    // Left: what comes while away is marked again from the unread count on coming back.
    this.divider = null;
    this.#closeViewer();
  }

  /** The newest page loaded for this claim and session, kept on screen while it loads again. */
  get #snapshot(): Snapshot | undefined {
    const value = this.#page.value;
    return value?.session === this.session && value.claimId === this.claimId ? value : undefined;
  }

  /** The conversation shown: older pages, the newest page and what came after it, each once, in order. */
  get #messages(): Message[] {
    const snapshot = this.#snapshot;
    if (!snapshot) return [];
    const older = this.older?.snapshot === snapshot ? this.older.items : [];
    return [...new Map([...older, ...snapshot.page.items, ...this.arrived].map((m) => [m.id, m])).values()].sort(byTime);
  }

  /** The files shown, in order: the conversation's, then those of messages still being sent. */
  get #files(): Attachment[] {
    const sending = this.#outbox.items.filter((o) => o.item.claimId === this.claimId).map((o) => o.item);
    return [...new Map([...this.#messages, ...sending].flatMap((m) => m.attachments).map((a) => [a.id, a])).values()];
  }

  get #me(): Me | null {
    return this.#snapshot?.me ?? null;
  }

  get #isHandler(): boolean {
    return this.#me?.role === 'handler';
  }

  /** Whether the checklist is needed: by a handler, to ask; by anyone, once a message asks for a document. */
  get #wantsChecklist(): boolean {
    return this.#isHandler || this.#messages.some((m) => m.documentRequest);
  }

  /** The checklist loaded for this claim, kept on screen while it loads again. */
  get #documents(): DocumentList | undefined {
    const value = this.#checklist.value;
    return value?.claimId === this.claimId ? value.list : undefined;
  }

  get #olderCursor(): string | null {
    const snapshot = this.#snapshot;
    if (!snapshot) return null;
    return this.older?.snapshot === snapshot ? this.older.cursor : snapshot.page.nextCursor;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const session = this.isConnected ? this.session : null;
    if (session !== this.#signalSession) {
      this.#offSignals?.();
      this.#signalSession = session;
      this.#offSignals = session ? session.live.onSignal((type, data) => type === 'typing' && this.#onTyping(data)) : null;
    }
    if (changed.has('claimId')) {
      this.arrived = [];
      this.liveReads = [];
      this.typists = new Map();
      this.divider = null;
      this.requesting = false;
      // Files attached for another claim's conversation cannot go with this one's messages.
      for (const draft of this.drafts) {
        draft.abort?.abort();
        if (draft.attachment) this.session?.api.removeFile(draft.attachment.id).catch(() => {});
      }
      this.drafts = [];
    }
    const snapshot = this.#snapshot;
    if (snapshot && snapshot !== this.#shown) this.#show(snapshot);
  }

  /** A newly loaded page: shown from its newest message, which is read, and caught up with the stream if it was loaded before the stream was open. */
  #show(snapshot: Snapshot): void {
    this.#shown = snapshot;
    this.olderState = 'idle';
    this.#unread = snapshot.page.unreadMessages;
    // A page loaded again (back online, a reset) finds them read: the divider stays where it was.
    const newest = snapshot.page.items[0];
    if (this.#unread && newest && !this.divider) {
      this.divider = { unread: this.#unread, upTo: newest.id };
      this.announcement = this.t.chat.unread(this.#unread);
    }
    this.#outbox.confirm(new Set(snapshot.page.items.map((m) => m.clientId)));
    this.#scroll = { kind: 'bottom' };
    this.#readSoon();
    if (snapshot.streaming) return;
    // What committed between the page and the stream's opening came on neither.
    const { live } = snapshot.session;
    const catchUp = () => this.#snapshot === snapshot && void this.#catchUp(snapshot);
    if (live.state === 'open') return void catchUp();
    const off = live.onState((state) => state === 'open' && (off(), catchUp()));
  }

  /** Adds what the newest page has that is not shown yet: new to the reader, so announced like a live arrival. */
  async #catchUp({ session, claimId }: Snapshot): Promise<void> {
    try {
      const page = await apiOf(session).messages(claimId);
      const known = new Set(this.#messages.map((m) => m.id));
      this.#add(page.items);
      const newest = page.items.find((m) => !known.has(m.id) && !this.#mine(m));
      if (newest) this.announcement = this.#text.newMessage(shownActorName(newest.author, this.#text.hostSystem), newest.body);
      this.#unread = page.unreadMessages;
    } catch {
      // The next live event or reset brings it back in step.
    }
  }

  async #loadOlder(): Promise<void> {
    const snapshot = this.#snapshot;
    const cursor = this.#olderCursor;
    if (!snapshot || !cursor || this.olderState === 'loading') return;
    this.olderState = 'loading';
    try {
      const page = await apiOf(snapshot.session).messages(snapshot.claimId, cursor);
      const log = this.log;
      // Older messages go above what is read now: the view must not jump.
      if (log) this.#scroll = { kind: 'keep', height: log.scrollHeight, top: log.scrollTop };
      const before = this.older?.snapshot === snapshot ? this.older.items : [];
      this.older = { snapshot, items: [...before, ...page.items], cursor: page.nextCursor };
      this.olderState = 'idle';
    } catch (error) {
      this.olderState = 'error';
      this.fail(error, 'chat');
    }
  }

  /** Adds messages not shown yet; a message written here, once it is in, is no longer pending. Returns whether any was new. */
  #add(messages: Message[]): boolean {
    const known = new Set([...this.#messages, ...this.arrived].map((m) => m.id));
    const fresh = messages.filter((m) => !known.has(m.id));
    if (!fresh.length) return false;
    this.arrived = [...this.arrived, ...fresh];
    this.#outbox.confirm(new Set(fresh.map((m) => m.clientId)));
    return true;
  }

  #mine(message: Message): boolean {
    return message.author.id === this.#me?.id;
  }

  protected override liveEvent(event: LiveEvent): void {
    if (!('claimId' in event) || event.claimId !== this.claimId) return;
    // A document changed, or the claim moved (which changes what may be uploaded or asked for):
    // several come together (an upload, then the move to review), so one reload.
    if (event.type.startsWith('document.') || event.data.to) {
      clearTimeout(this.#checklistRefetch);
      this.#checklistRefetch = setTimeout(() => void this.#checklist.run(), 150);
    }
    const m = event.data.message;
    // The operator's key writes with no id: its messages come live like anyone's.
    if (event.type === 'message.posted' && m?.body !== undefined) {
      const author = event.actor;
      const message: Message = {
        id: m.id,
        claimId: event.claimId,
        clientId: m.clientId ?? '',
        body: m.body,
        author,
        attachments: m.attachments ?? [],
        documentRequest: m.documentRequest ?? null,
        at: m.at ?? event.at,
      };
      const atBottom = this.#atBottom();
      if (!this.#add([message])) return;
      if (author.id) this.#typist(author.id, author.name, 0);
      // While the page loads, an arrival is kept to be merged with it, not announced.
      if (this.#mine(message) || !this.#snapshot) return;
      this.announcement = this.#text.newMessage(shownActorName(author, this.#text.hostSystem), message.body);
      // Come while the page was hidden: the reader finds it below the divider on coming back.
      if (document.visibilityState !== 'visible' && !this.divider) this.divider = { unread: 1, upTo: message.id };
      this.#unread += 1;
      if (atBottom) this.#scroll = { kind: 'bottom' };
      this.#readSoon();
    } else if (event.type === 'message.read' && m && event.actor.id) {
      const user = { id: event.actor.id, name: event.actor.name, kind: event.actor.kind };
      this.liveReads = [...this.liveReads.filter((r) => r.user.id !== user.id), { user, messageId: m.id, at: event.at }];
    }
  }

  /** What came live before is void; the page loads again from now. */
  protected override liveReset(): void {
    this.arrived = [];
    this.liveReads = [];
  }

  /** Someone else is typing here — unless the message they were typing has arrived already. */
  #onTyping(signal: TypingSignal): void {
    if (signal.claimId !== this.claimId) return;
    const sentSince = this.#messages.some((m) => m.author.id === signal.user.id && m.at >= signal.at);
    if (!sentSince) this.#typist(signal.user.id, signal.user.name);
  }

  /** Shows (or, with `ms` 0, clears) someone typing. */
  #typist(userId: string, name: string, ms = TYPING_SHOWN_MS): void {
    if (userId === this.#me?.id) return;
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

  /** The claim is final (declined, closed): its conversation takes no new messages. */
  get #closed(): boolean {
    return !!this.#claim.value?.final;
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
    const snapshot = this.#snapshot;
    const newest = this.#messages.at(-1);
    if (!snapshot || !newest || document.visibilityState !== 'visible' || !this.#atBottom()) return;
    if (this.#unread === 0 && this.#lastReadSent === newest.id) return;
    this.#lastReadSent = newest.id;
    try {
      this.#unread = await apiOf(snapshot.session).markRead(snapshot.claimId, newest.id);
    } catch {
      this.#lastReadSent = '';
    }
  }

  #onVisibility = (): void => this.#readSoon();

  #onScroll(): void {
    const log = this.log;
    if (!log) return;
    if (log.scrollTop < NEAR_TOP_PX && this.#olderCursor && this.olderState === 'idle') void this.#loadOlder();
    if (this.#atBottom() && this.#unread > 0) this.#readSoon();
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
    apiOf(session).typing(this.claimId).catch(() => {});
  }

  #submit(e?: Event): void {
    e?.preventDefault();
    const input = this.input;
    const body = input?.value.trim() ?? '';
    const attachments = this.drafts.flatMap((d) => (d.attachment ? [d.attachment] : []));
    if (!input || this.#closed) return;
    // Not sent without a file still on its way: preparing or uploading it may yet fail, or the
    // host veto it, and a message saying "here are the photos" must not go without them. The
    // text stays in the composer, to be sent once they are in.
    if (this.#uploading) {
      this.announcement = this.#text.attachmentsPending;
      return;
    }
    if (!body && !attachments.length) return;
    input.value = '';
    this.drafts = this.drafts.filter((d) => !d.attachment);
    this.divider = null;
    this.#lastTypingSent = 0;
    this.#outbox.add({ claimId: this.claimId, body, attachments, request: null, at: new Date().toISOString() });
    this.#scroll = { kind: 'bottom' };
  }

  /** Whether a file attached to the next message is still being prepared or uploaded. */
  get #uploading(): boolean {
    return this.drafts.some((d) => !d.attachment && !d.error);
  }

  // ---- asking for a document

  /** Opens the handler's request form on the catalogue's first kind, the focus on its kinds. */
  async #openRequest(): Promise<void> {
    this.requestKind = this.#documents?.kinds[0]?.code ?? '';
    this.requestError = '';
    this.requesting = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLSelectElement>('#request-kind')?.focus();
  }

  /** Closes it, the focus back on the button that opened it. */
  async #closeRequest(): Promise<void> {
    this.requesting = false;
    await this.updateComplete;
    this.requestButton?.focus();
  }

  #onRequestKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    // Escape belongs to this form: a dialog the chat sits in stays open.
    e.preventDefault();
    e.stopPropagation();
    void this.#closeRequest();
  }

  /** Sends the request through the outbox, like any message: shown at once, retried with its clientId, stored once. */
  #submitRequest(e: SubmitEvent): void {
    e.preventDefault();
    const kind = this.#documents?.kinds.find((k) => k.code === this.requestKind);
    const field = (e.currentTarget as HTMLFormElement).querySelector('textarea')!;
    const note = field.value.trim();
    if (!kind || this.#closed) return;
    if (kind.code === FREE_REQUEST_KIND && !note) {
      this.requestError = this.#text.requestFreeRequired;
      field.focus();
      return;
    }
    const input: ChatDocumentRequestInput = note ? { kind: kind.code, note } : { kind: kind.code };
    this.#outbox.add({ claimId: this.claimId, body: '', attachments: [], request: { input, label: kind.label, note: note || null }, at: new Date().toISOString() });
    this.announcement = this.#text.requestSending(this.apiText(kind.label));
    this.#scroll = { kind: 'bottom' };
    void this.#closeRequest();
  }

  // ---- attachments

  /**
   * Attaches files to the next message, each uploaded to the claim at once: a photo first made
   * small and without its location (its chip saying so, then what that saved), then each checked
   * (size and type) and offered to the host (`claims-upload`, which may veto it) as it will go.
   * The message cannot be sent until every file attached is uploaded or refused.
   */
  #attach(files: readonly File[]): void {
    const session = this.session;
    const limits = this.#snapshot?.page.upload;
    if (!session || !limits || this.#closed) return;
    // The claim the files were attached to, whatever the chat shows by the time a photo is ready.
    const claimId = this.claimId;
    for (const file of files) {
      if (!isPhoto(file)) {
        this.#upload(session, claimId, file, limits, null);
        continue;
      }
      const draft: Draft = {
        key: ++this.#draftSeq, name: file.name, size: file.size, loaded: 0, attachment: null, error: '', preparing: true, saving: null, abort: new AbortController(),
      };
      this.drafts = [...this.drafts, draft];
      void this.#prepare(session, claimId, file, limits, draft);
    }
  }

  /**
   * Prepares a photo, says what that saved and uploads what came out. Removed meanwhile, nothing of
   * it goes; when the preparing code cannot be fetched (the network is down), it fails as an upload would.
   */
  async #prepare(session: ClaimsSession, claimId: string, file: File, limits: UploadLimits, draft: Draft): Promise<void> {
    let prepared: PreparedUpload | null;
    try {
      prepared = await prepareUpload(file, photoEdge(this.forControllers.photoMaxEdge()), draft.abort!.signal);
    } catch (error) {
      if (!draft.abort!.signal.aborted) this.#attachFailed(draft.key, file.name, error);
      return;
    }
    if (!prepared) return;
    const shown: Draft = { ...draft, name: prepared.file.name, saving: prepared.saving };
    const saving = savingOf(shown, this.#documentsText, this.locale);
    if (saving) this.announcement = saving.said;
    this.#upload(session, claimId, prepared.file, limits, shown);
  }

  /**
   * Checks a file and, unless it is refused (then shown with why) or the host vetoes it (then left
   * out: the host says why), uploads it. `shown`: its chip, when it has one (a photo that was being prepared).
   */
  #upload(session: ClaimsSession, claimId: string, file: File, limits: UploadLimits, shown: Draft | null): void {
    const error = refusal(file, limits, this.#documentsText, this.locale);
    if (!error && !this.emit('claims-upload', { claimId, requirementId: null, file }, { cancelable: true })) {
      if (shown) this.drafts = this.drafts.filter((d) => d.key !== shown.key);
      return;
    }
    const draft: Draft = {
      key: shown?.key ?? ++this.#draftSeq,
      name: file.name,
      size: file.size,
      loaded: 0,
      attachment: null,
      error,
      preparing: false,
      saving: shown?.saving ?? null,
      abort: error ? null : (shown?.abort ?? new AbortController()),
    };
    this.drafts = shown ? this.drafts.map((d) => (d.key === draft.key ? draft : d)) : [...this.drafts, draft];
    if (error) {
      this.announcement = error;
      return;
    }
    uploadAttachment(session, claimId, file, (loaded) => this.#patchDraft(draft.key, { loaded }), draft.abort!.signal).then(
      (attachment) => {
        this.#patchDraft(draft.key, { attachment, loaded: file.size, abort: null });
        this.announcement = this.#documentsText.uploaded(file.name);
      },
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') this.#attachFailed(draft.key, file.name, error);
      },
    );
  }

  /** Shows an attachment as failed, with why, and says so. */
  #attachFailed(key: number, name: string, error: unknown): void {
    const problem = this.fail(error, 'attach');
    const message = `${this.#documentsText.failed(name)} ${this.problemText(problem)}`;
    this.#patchDraft(key, { error: message, preparing: false, abort: null });
    this.announcement = message;
  }

  #patchDraft(key: number, change: Partial<Draft>): void {
    this.drafts = this.drafts.map((d) => (d.key === key ? { ...d, ...change } : d));
  }

  /**
   * Drops a draft: stops its preparation or its upload (said, as the checklist says a cancelled
   * upload), or removes the uploaded file, which nobody else has seen.
   */
  #discard(draft: Draft): void {
    draft.abort?.abort();
    this.drafts = this.drafts.filter((d) => d.key !== draft.key);
    if (draft.attachment) this.session?.api.removeFile(draft.attachment.id).catch(() => {});
    else if (draft.abort) this.announcement = this.#documentsText.canceled(draft.name);
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

  /**
   * A pasted screenshot is attached like a chosen file. What also carries text (cells copied from
   * a spreadsheet come as text and as a picture of them) is pasted as text, as before.
   */
  #onPaste(e: ClipboardEvent): void {
    const data = e.clipboardData;
    const images = [...(data?.files ?? [])].filter((f) => f.type.startsWith('image/'));
    if (!data || !images.length || data.types.includes('text/plain') || this.#closed) return;
    e.preventDefault();
    // The local date and time, as in the names screenshot tools give: "Captura 2026-03-12 14.30.05.png".
    const now = new Date();
    const stamp = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '.');
    this.#attach(images.map((f) => (PASTED_NAME.test(f.name) ? new File([f], `${this.#text.screenshot} ${stamp}.${f.name.split('.').pop()}`, { type: f.type }) : f)));
  }

  // ---- the viewer

  /** The conversation's images, in order: the viewer steps through them. */
  get #images(): Attachment[] {
    return this.#files.filter((a) => VIEWABLE_IMAGES.has(a.type));
  }

  /** An image or a PDF opens in the viewer; any other file is downloaded. */
  #open(file: Attachment): void {
    if (VIEWABLE_IMAGES.has(file.type) || file.type === PDF) void this.#view(file);
    else void this.#download(file);
  }

  /** Shows a file in the viewer (opening it if it is closed) and fetches its bytes. */
  async #view(file: Attachment): Promise<void> {
    this.#release();
    const viewing: Viewing = { file, url: null, error: '' };
    this.viewing = viewing;
    await this.updateComplete;
    const dialog = this.viewer;
    if (!dialog || this.viewing !== viewing) return;
    if (!dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('.close')?.focus();
    }
    try {
      const blob = await this.session!.api.file(file.id);
      if (this.viewing !== viewing) return;
      this.viewing = { ...viewing, url: URL.createObjectURL(new Blob([blob], { type: file.type })) };
    } catch (error) {
      if (this.viewing !== viewing) return;
      this.viewing = { ...viewing, error: this.problemText(this.fail(error, 'preview')) };
    }
  }

  /** Moves the viewer to the previous (-1) or next (1) image, from the last back to the first and the other way round. */
  #step(by: -1 | 1): void {
    const images = this.#images;
    const at = images.findIndex((a) => a.id === this.viewing?.file.id);
    if (images.length > 1) void this.#view(images[(at + by + images.length) % images.length]!);
  }

  #release(): void {
    if (this.viewing?.url) URL.revokeObjectURL(this.viewing.url);
  }

  /**
   * Closes the viewer (Close, Escape, a click outside) and gives the focus back to the file last
   * shown, in the conversation. Done here rather than on the dialog's `close` event, which Chromium
   * fires only with the next animation frame: none comes while the tab is in the background.
   */
  #closeViewer = (): void => {
    const shown = this.viewing?.file.id;
    this.viewer?.close();
    this.#release();
    this.viewing = null;
    if (shown) this.renderRoot.querySelector<HTMLElement>(`[data-file="${CSS.escape(shown)}"]`)?.focus();
  };

  /** A click on the backdrop reaches the dialog itself, outside its box. */
  #onViewerClick(e: MouseEvent): void {
    const dialog = e.currentTarget as HTMLDialogElement;
    const box = dialog.getBoundingClientRect();
    const outside = e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom;
    if (e.target === dialog && outside) this.#closeViewer();
  }

  #onViewerKeydown(e: KeyboardEvent): void {
    const by = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
    if (!by || !this.viewing || !VIEWABLE_IMAGES.has(this.viewing.file.type)) return;
    e.preventDefault();
    this.#step(by);
  }

  async #download(attachment: Attachment): Promise<void> {
    try {
      saveFile(await this.session!.api.file(attachment.id), attachment.name);
    } catch (error) {
      this.announcement = this.problemText(this.fail(error, 'download'));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const log = this.log;
    const scroll = this.#scroll;
    if (!log || !scroll) return;
    this.#scroll = null;
    if (scroll.kind === 'bottom') log.scrollTop = log.scrollHeight;
    else log.scrollTop = scroll.top + (log.scrollHeight - scroll.height);
  }

  override render() {
    const t = this.#text;
    const snapshot = this.#snapshot;
    const limits = snapshot?.page.upload;
    return html`<section
      part="base"
      class="base ${this.dragging ? 'dragging' : ''}"
      lang=${this.language}
      aria-label=${t.title}
      @dragenter=${this.#onDrag}
      @dragover=${this.#onDrag}
      @dragleave=${this.#onDrag}
      @drop=${this.#onDrag}
      @paste=${this.#onPaste}
    >
      ${!snapshot && this.#page.status === TaskStatus.ERROR
        ? this.renderFailure(this.#page.error, () => this.#page.run())
        : html`<div class="frame">
            <div part="log" class="log" tabindex="0" role="log" aria-label=${t.title} aria-busy=${!snapshot && this.#page.status === TaskStatus.PENDING} @scroll=${this.#onScroll}>
              ${snapshot || this.#page.status !== TaskStatus.PENDING ? this.#renderMessages() : html`<p class="empty loading">${this.t.loading}</p>`}
            </div>
            ${this.#renderOlder()} ${this.dragging ? html`<p class="drop-hint" aria-hidden="true">${t.dropHere}</p>` : nothing}
          </div>`}
      <div class="status">
        <p part="typing" class="typing" aria-live="polite">${this.#renderTyping()}</p>
        ${this.#renderLastReply()}
      </div>
      ${!this.#closed && this.requesting && this.#documents?.canRequest ? this.#renderRequestForm(this.#documents) : nothing}
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
              ?disabled=${!snapshot}
              @keydown=${this.#onKeydown}
              @input=${this.#onInput}
            ></textarea>
            <div class="composer-actions">
              ${this.#isHandler && this.#documents?.canRequest
                ? html`<button
                    type="button"
                    part="request-button"
                    class="btn ghost"
                    aria-expanded=${this.requesting ? 'true' : 'false'}
                    aria-controls="request-form"
                    @click=${() => (this.requesting ? this.#closeRequest() : this.#openRequest())}
                  >
                    ${this.#text.requestDocument}
                  </button>`
                : nothing}
              ${limits ? html`<label part="attach-button" class="btn ghost attach">
                ${attachIcon}
                <input
                  type="file"
                  class="sr-only"
                  multiple
                  accept=${acceptOf(limits)}
                  aria-label=${t.attach}
                  @change=${this.#onPick}
                />
              </label>` : nothing}
              <button type="submit" part="send-button" class="btn primary" ?disabled=${!snapshot || this.#uploading}>${t.send}</button>
            </div>
            <small id="hint" class="hint">${t.composerHint}</small>
          </form>`}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#renderViewer()}
    </section>`;
  }

  #renderRequestForm(list: DocumentList) {
    const text = this.#text;
    const free = this.requestKind === FREE_REQUEST_KIND;
    return html`<form
      id="request-form"
      part="request-form"
      class="request-form"
      aria-labelledby="request-title"
      novalidate
      @submit=${this.#submitRequest}
      @keydown=${this.#onRequestKeydown}
    >
      <h3 id="request-title">${text.requestTitle}</h3>
      <label for="request-kind">${text.requestKind}</label>
      <select
        id="request-kind"
        @change=${(e: Event) => {
          this.requestKind = (e.target as HTMLSelectElement).value;
          this.requestError = '';
        }}
      >
        ${list.kinds.map((k) => html`<option value=${k.code} ?selected=${k.code === this.requestKind}>${this.apiText(k.label)}</option>`)}
      </select>
      <label for="request-note">${free ? text.requestFree : text.requestNote}</label>
      <textarea
        id="request-note"
        rows="2"
        maxlength="1000"
        ?required=${free}
        aria-invalid=${this.requestError ? 'true' : 'false'}
        aria-describedby="request-error"
      ></textarea>
      <p id="request-error" class="error" role="alert">${this.requestError}</p>
      <div class="request-actions">
        <button type="button" class="btn" @click=${() => this.#closeRequest()}>${this.t.cancel}</button>
        <button type="submit" class="btn primary">${text.requestSend}</button>
      </div>
    </form>`;
  }

  /**
   * The document a message asks for: its name and, from the checklist, where it stands (kept
   * live), the handler's note, and for the customer the upload while it is missing or rejected.
   * A request still on its way has no document yet (`requirementId` null).
   */
  #renderDocumentRequest(asked: Pick<MessageDocumentRequest, 'label' | 'note'> & { requirementId: string | null }) {
    const text = this.#text;
    const d = this.#documentsText;
    const list = this.#documents;
    const requirement = asked.requirementId ? list?.items.find((r) => r.id === asked.requirementId) : undefined;
    const label = this.apiText(asked.label);
    const heading = this.#isHandler ? text.requested : text.requestedOfYou;
    const uploads = asked.requirementId ? this.#uploads.of(asked.requirementId) : [];
    // The customer's while it is still to fill: missing, or rejected and waiting for a new file.
    const fillable =
      !this.#isHandler && requirement?.actions.includes('upload') && (requirement.status === 'missing' || requirement.status === 'rejected') ? requirement : undefined;
    return html`<div part="document-request" class="document-request">
      <span class="request-heading">${heading}</span>
      <span class="request-name">
        <strong>${label}</strong>
        ${requirement ? html`<span part="request-status" class="badge d-${requirement.status}">${d.status[requirement.status]}</span>` : nothing}
      </span>
      ${asked.note ? html`<p class="request-note">${asked.note}</p>` : nothing}
      ${requirement?.status === 'rejected' && requirement.reason ? html`<p class="rejected">${d.rejected(requirement.reason)} ${d.uploadAgain}</p>` : nothing}
      ${requirement?.status === 'uploaded' ? html`<p class="filled">${this.#isHandler ? text.filledHandler : text.filled}</p>` : nothing}
      ${uploads.length ? html`<ul class="request-uploads">${uploads.map((u) => this.#renderDocumentUpload(u))}</ul>` : nothing}
      ${fillable && list
        ? html`<span class="request-upload">
            ${fillable.photos
              ? html`<button type="button" part="request-camera" class="btn primary" @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}>
                    ${d.takePhoto}<span class="sr-only">: ${label}</span></button
                  ><input type="file" multiple hidden accept="image/*" capture="environment" @change=${(e: Event) => this.#pickedFor(fillable, list, e)} />`
              : nothing}
            <button
              type="button"
              part="request-upload"
              class="btn ${fillable.photos ? '' : 'primary'}"
              aria-describedby="limits-${fillable.id}"
              @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}
            >
              ${text.upload}<span class="sr-only">: ${label}</span></button
            ><input type="file" multiple hidden accept=${acceptOf(list.upload)} @change=${(e: Event) => this.#pickedFor(fillable, list, e)} />
            <small id="limits-${fillable.id}">${d.limits(typeNames(list.upload), bytes(list.upload.maxBytes, this.locale))}</small>
          </span>`
        : nothing}
      ${asked.requirementId && !list && this.#checklist.status === TaskStatus.ERROR
        ? html`<p class="error">
            ${text.requestStateFailed} <button type="button" class="btn ghost retry" @click=${() => this.#checklist.run()}>${this.t.retry}</button>
          </p>`
        : nothing}
    </div>`;
  }

  /** Files from a message's picker (the files', or the camera's) for the document it asks for; the picker emptied so that the same file may be chosen again. */
  #pickedFor(requirement: DocumentRequirement, list: DocumentList, e: Event): void {
    const input = e.target as HTMLInputElement;
    this.#uploads.add(requirement, [...(input.files ?? [])], list.upload);
    input.value = '';
  }

  /** A file on its way to the document a message asks for, or refused, with why. */
  #renderDocumentUpload(u: DocumentUpload) {
    const d = this.#documentsText;
    const saving = savingOf(u, d, this.locale);
    return html`<li class="draft ${u.error ? 'failed' : 'uploading'}">
      <span class="name">${u.name}</span>
      ${saving ? html`<small class="saving"><span aria-hidden="true">${saving.shown}</span><span class="sr-only">${saving.said}</span></small>` : nothing}
      ${u.error
        ? html`<span class="error" role="alert">${u.error}</span>`
        : u.preparing
          ? html`<progress aria-label=${d.preparing(u.name)}></progress>`
          : html`<progress max=${u.size} .value=${u.loaded} aria-label=${d.uploading(u.name)}></progress>`}
      ${u.offline && !u.error ? html`<small class="offline">${d.offline(u.name)}</small>` : nothing}
      <button type="button" class="btn ghost remove" aria-label=${labelled(u.error ? d.dismiss : this.t.cancel, u.name, this.locale)} @click=${() => this.#uploads.dismiss(u)}>
        ${removeIcon}
      </button>
    </li>`;
  }

  /** A file to send with the next message: a photo being prepared, uploading or ready — with what preparing it saved, else its size — or refused, with why. */
  #renderDraft(d: Draft) {
    const t = this.#text;
    const words = this.#documentsText;
    const saving = savingOf(d, words, this.locale);
    return html`<li part="draft" class="draft ${d.error ? 'failed' : d.attachment ? 'ready' : d.preparing ? 'preparing' : 'uploading'}">
      <span class="name">${d.name}</span>
      ${saving
        ? html`<small class="saving"><span aria-hidden="true">${saving.shown}</span><span class="sr-only">${saving.said}</span></small>`
        : d.attachment
          ? html`<small>${bytes(d.size, this.locale)}</small>`
          : nothing}
      ${d.error
        ? html`<span class="error" role="alert">${d.error}</span>`
        : d.preparing
          ? html`<progress aria-label=${words.preparing(d.name)}></progress>`
          : d.attachment
            ? nothing
            : html`<progress max=${d.size} value=${d.loaded} aria-label=${words.uploading(d.name)}></progress>`}
      <button type="button" class="btn ghost remove" @click=${() => this.#discard(d)} aria-label=${t.removeAttachment(d.name)}>${removeIcon}</button>
    </li>`;
  }

  /** A message's files; the name, cut to fit, is shown whole while the pointer or focus is on it. */
  #renderAttachments(attachments: readonly Attachment[]) {
    if (!attachments.length) return nothing;
    const d = this.#documentsText;
    return html`<ul part="attachments" class="attachments">
      ${attachments.map((a) => {
        const viewable = VIEWABLE_IMAGES.has(a.type) || a.type === PDF;
        return html`<li>
          <button type="button" class="attachment" data-file=${a.id} aria-haspopup=${viewable ? 'dialog' : nothing} @click=${() => this.#open(a)}>
            ${this.#thumbnails.url(a.id)
              ? html`<img part="attachment-thumbnail" src=${this.#thumbnails.url(a.id)!} alt="" width="160" />`
              : fileIcon}
            <span class="name">${a.name}</span>
            <small>${bytes(a.size, this.locale)}</small>
            <span class="sr-only">${viewable ? d.preview : d.download}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  #renderViewer() {
    const d = this.#documentsText;
    const text = this.#text;
    const viewing = this.viewing;
    const file = viewing?.file;
    const images = this.#images;
    const at = file && VIEWABLE_IMAGES.has(file.type) ? images.findIndex((a) => a.id === file.id) : -1;
    const stepping = at >= 0 && images.length > 1;
    // Never disabled (the steps go round): a button disabled under the focus would drop it. The
    // name and position above say where a step went, the focus staying on the button.
    const stepper = (by: -1 | 1) =>
      stepping
        ? html`<button type="button" class="btn ghost step" aria-label=${by < 0 ? text.previousImage : text.nextImage} @click=${() => this.#step(by)}>
            ${by < 0 ? previousIcon : nextIcon}
          </button>`
        : nothing;
    return html`<dialog part="viewer" class="viewer" aria-labelledby="viewer-name" @cancel=${this.#closeViewer} @click=${this.#onViewerClick} @keydown=${this.#onViewerKeydown}>
      ${file
        ? html`<div aria-live="polite">
              <h3 id="viewer-name" class="viewer-name">${file.name}</h3>
              ${stepping ? html`<p class="position">${text.position(at + 1, images.length)}</p>` : nothing}
            </div>
            <div class="stage">
              ${stepper(-1)}
              ${viewing.url
                ? file.type === PDF
                  ? html`<iframe class="view pdf" src=${viewing.url} title=${file.name}></iframe>`
                  : html`<img class="view" src=${viewing.url} alt=${file.name} />`
                : html`<p class="view" role=${viewing.error ? 'alert' : nothing}>${viewing.error || this.t.loading}</p>`}
              ${stepper(1)}
            </div>
            <div class="dialog-actions">
              <button type="button" class="btn" @click=${() => this.#download(file)}>${downloadIcon} ${d.download}</button>
              <button type="button" class="btn close" @click=${this.#closeViewer}>${d.close}</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  #renderOlder() {
    const t = this.#text;
    if (this.olderState === 'loading') return html`<p class="older">${t.loadingOlder}</p>`;
    if (this.olderState === 'error') {
      return html`<p class="older" role="alert">${t.olderFailed} <button type="button" class="btn ghost" @click=${() => { this.olderState = 'idle'; void this.#loadOlder(); }}>${this.t.retry}</button></p>`;
    }
    return nothing;
  }

  #renderMessages() {
    const t = this.#text;
    const messages = this.#messages;
    const outgoing = this.#outbox.items.filter((o) => o.item.claimId === this.claimId);
    if (!messages.length && !outgoing.length) return html`<p class="empty">${this.#me?.role === 'handler' ? t.emptyHandler : t.empty}</p>`;
    const lastMine = messages.findLast((m) => this.#mine(m));
    const receipt = lastMine && (this.#seen(lastMine, messages) ? t.seen : t.sent);
    const dividerAt = this.#dividerAt(messages);
    const rows: Array<{ key: string; day?: string; divider?: true; message?: Message; pending?: Outgoing<Written> }> = [];
    let day = '';
    const dayOf = (iso: string) => new Date(iso).toDateString();
    for (const message of messages) {
      if (dayOf(message.at) !== day) rows.push({ key: `day-${(day = dayOf(message.at))}`, day: message.at });
      if (message.id === dividerAt) rows.push({ key: 'new-messages', divider: true });
      rows.push({ key: message.id, message });
    }
    for (const pending of outgoing) {
      if (dayOf(pending.item.at) !== day) rows.push({ key: `day-${(day = dayOf(pending.item.at))}`, day: pending.item.at });
      rows.push({ key: pending.clientId, pending });
    }
    return html`<ol class="messages">
      ${repeat(
        rows,
        (row) => row.key,
        (row) =>
          row.day
            ? html`<li part="day" class="day"><span>${this.#dayLabel(row.day)}</span></li>`
            : row.divider
              ? html`<li part="new-messages" class="new-messages"><span>${this.#text.newMessages}</span></li>`
              : row.message
                ? this.#renderMessage(row.message, row.message === lastMine ? receipt : undefined)
                : this.#renderPending(row.pending!),
      )}
    </ol>`;
  }

  /** One message; under your last one, `receipt` says whether it was seen. */
  #renderMessage(m: Message, receipt?: string) {
    const mine = this.#mine(m);
    return html`<li part="message ${mine ? 'message-mine' : 'message-theirs'}" class="message ${mine ? 'mine' : 'theirs'} ${m.author.kind}">
      <span part="author" class="author">${this.#authorLabel(m)} · <time datetime=${m.at}>${this.#time(m.at)}</time></span>
      ${m.documentRequest
        ? // Its text, in the handler's language, is for what only reads text (emails, webhooks): here the document speaks the reader's.
          this.#renderDocumentRequest(m.documentRequest)
        : m.body
          ? html`<p class="body">${m.body}</p>`
          : nothing}
      ${this.#renderAttachments(m.attachments)}
      ${receipt ? html`<span part="receipt" class="receipt">${receipt}</span>` : nothing}
    </li>`;
  }

  #renderPending(o: Outgoing<Written>) {
    const t = this.#text;
    const { body, attachments, request, at } = o.item;
    return html`<li part="message message-mine message-${o.state === 'failed' ? 'failed' : 'pending'}" class="message mine pending ${o.state}">
      <span part="author" class="author">${t.you} · <time datetime=${at}>${this.#time(at)}</time></span>
      ${request ? this.#renderDocumentRequest({ requirementId: null, label: request.label, note: request.note }) : body ? html`<p class="body">${body}</p>` : nothing}
      ${this.#renderAttachments(attachments)}
      <span part="receipt" class="receipt" role=${o.state === 'failed' ? 'alert' : nothing}>
        ${o.state === 'sending' ? t.sending : o.state === 'retrying' ? t.retrying : html`${o.problem ? this.problemText(o.problem) : t.failed}
              <button type="button" class="btn ghost retry" @click=${() => this.#outbox.retry(o.clientId)}>${t.retry}</button>`}
      </span>
    </li>`;
  }

  /** The message the divider goes above, if there is one among those loaded. */
  #dividerAt(messages: Message[]): string | undefined {
    const divider = this.divider;
    if (!divider) return undefined;
    const others = messages.slice(0, messages.findIndex((m) => m.id === divider.upTo) + 1).filter((m) => !this.#mine(m));
    return (others.at(-divider.unread) ?? others[0])?.id;
  }

  /** For the customer: when the handler last answered, among the messages loaded. */
  #renderLastReply() {
    const reply = this.#me?.role === 'handler' ? undefined : this.#messages.findLast((m) => m.author.kind === 'handler');
    if (!reply) return nothing;
    const firstName = reply.author.name.split(' ')[0]!;
    return html`<p part="last-reply" class="last-reply">
      <time datetime=${reply.at} title=${date(reply.at, this.locale, DATE_TIME)}>${this.#text.replied(firstName, relative(reply.at, this.locale))}</time>
    </p>`;
  }

  #renderTyping() {
    const names = [...this.typists.values()].map((t) => t.name);
    return names.length ? this.#text.typing(names.join(', ')) : '';
  }

  #authorLabel(m: Message): string {
    const t = this.#text;
    if (this.#mine(m)) return t.you;
    if (m.author.kind === 'handler') return t.handler(m.author.name);
    if (m.author.kind === 'service') return this.t.integration(shownActorName(m.author, t.hostSystem));
    // A handler reads the customer's company by name; the customer, a colleague as "your company".
    const company = this.#me?.role === 'handler' ? this.#claim.value?.companyName : t.yourCompany;
    return company ? `${m.author.name} · ${company}` : m.author.name;
  }

  /** Whether someone else has read up to this message of the conversation. */
  #seen(m: Message, messages: Message[]): boolean {
    const index = new Map(messages.map((message, i) => [message.id, i]));
    const mine = index.get(m.id) ?? -1;
    return this.#reads.some((r) => r.user.id !== m.author.id && (index.get(r.messageId) ?? -1) >= mine);
  }

  /** Who has read up to where: the page's positions, each replaced by a newer one that came live. */
  get #reads(): ReadPosition[] {
    const live = new Set(this.liveReads.map((r) => r.user.id));
    return [...(this.#snapshot?.page.reads ?? []).filter((r) => !live.has(r.user.id)), ...this.liveReads];
  }

  #dayLabel(iso: string): string {
    const days = Math.round((new Date(new Date().toDateString()).getTime() - new Date(new Date(iso).toDateString()).getTime()) / 86_400_000);
    if (days === 0) return this.#text.today;
    if (days === 1) return this.#text.yesterday;
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
