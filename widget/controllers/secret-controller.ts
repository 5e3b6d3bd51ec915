import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** What the secret's box says: the secret's name and what to do with it, in the element's language. */
export interface SecretWords {
  label: string;
  /** That it is shown this once. */
  warning: string;
  /** How the receiving program uses it. */
  use: string;
  copy: string;
  copied: string;
  /** Copying was refused (no clipboard access): the secret is selected for the reader to copy. */
  copyFailed: string;
}

/** How long the Copy button says "Copied". */
const COPIED_MS = 2500;

/**
 * A secret the API shows once (a new API key, a webhook's signing secret): a read-only field
 * that selects all of it on focus, the warning that it will not be shown again, and Copy, which
 * says "Copied" for a moment. Where the clipboard is refused (an insecure page, a denied
 * permission), the field is selected instead and says how to copy it by hand.
 */
export class SecretController implements ReactiveController {
  #state: 'idle' | 'copied' | 'failed' = 'idle';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Called with what to announce once copied (a refusal shows, and is read, as an alert). */
    private readonly announce: (text: string) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Forgets the last copy (a new secret, or the dialog closed). */
  reset(): void {
    clearTimeout(this.#timer);
    this.#state = 'idle';
  }

  async #copy(field: HTMLInputElement, words: SecretWords): Promise<void> {
    clearTimeout(this.#timer);
    try {
      await navigator.clipboard.writeText(field.value);
      this.#state = 'copied';
      this.announce(words.copied);
      this.#timer = setTimeout(() => {
        this.#state = 'idle';
        this.host.requestUpdate();
      }, COPIED_MS);
    } catch {
      this.#state = 'failed';
      field.focus();
      field.select();
    }
    this.host.requestUpdate();
  }

  render(secret: string, words: SecretWords) {
    const copied = this.#state === 'copied';
    return html`<div part="secret" class="secret">
      <p class="secret-warning" id="secret-warning"><strong>${words.warning}</strong></p>
      <label for="secret-field">${words.label}</label>
      <div class="secret-row">
        <input
          id="secret-field"
          class="secret-field"
          readonly
          .value=${secret}
          spellcheck="false"
          autocomplete="off"
          aria-describedby="secret-warning secret-use"
          @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
        />
        <button
          type="button"
          part="copy-button"
          class="btn primary copy"
          @click=${(e: Event) => this.#copy((e.currentTarget as HTMLElement).parentElement!.querySelector('input')!, words)}
        >
          ${copied ? words.copied : words.copy}
        </button>
      </div>
      <small id="secret-use" class="muted">${words.use}</small>
      ${this.#state === 'failed' ? html`<p class="secret-failed" role="alert">${words.copyFailed}</p>` : nothing}
    </div>`;
  }
}

/** The look of the secret's box, for the elements that show one. */
export const secretStyles = css`
  .secret {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid color-mix(in srgb, var(--_warning) 45%, var(--_surface));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_warning) 8%, var(--_surface));
  }
  .secret p {
    margin: 0;
  }
  .secret-warning {
    color: var(--_text);
  }
  .secret label {
    font-weight: 600;
  }
  .secret-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .secret-field {
    flex: 1 1 14rem;
    min-width: 0;
    min-height: 36px;
    padding: 0 var(--_space);
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9286em;
  }
  .secret-failed {
    color: var(--_text);
    font-weight: 600;
  }
`;
