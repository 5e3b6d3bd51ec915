import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  .log {
    height: var(--claims-chat-height, 26rem);
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_raised);
  }
  .messages {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .empty {
    margin: calc(var(--_space) * 2) auto;
    max-width: 44ch;
    text-align: center;
    color: var(--_muted);
  }
  .frame {
    position: relative;
  }
  /* Over the log rather than in it: showing it must not push the messages down. */
  .older {
    position: absolute;
    top: var(--_space);
    left: 50%;
    transform: translateX(-50%);
    margin: 0;
    padding: 2px 12px;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_surface);
    box-shadow: var(--_shadow);
    color: var(--_muted);
    font-size: 0.8571em;
    white-space: nowrap;
  }
  .day {
    align-self: center;
    margin: var(--_space) 0 calc(var(--_space) * 0.25);
    font-size: 0.8571em;
    font-weight: 600;
    color: var(--_muted);
  }
  .day span {
    padding: 1px 10px;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .new-messages {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: var(--_space) 0 calc(var(--_space) * 0.25);
    font-size: 0.8571em;
    font-weight: 600;
    color: var(--_danger);
  }
  .new-messages::before,
  .new-messages::after {
    content: '';
    flex: 1;
    border-top: 1px solid currentColor;
  }
  .message {
    display: grid;
    gap: 2px;
    max-width: min(75%, 60ch);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.25);
    border-radius: calc(var(--_radius) + 4px);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .message.theirs {
    align-self: flex-start;
    border-end-start-radius: 4px;
  }
  .message.theirs.handler {
    border-color: color-mix(in srgb, var(--_info) 30%, var(--_border));
  }
  .message.mine {
    align-self: flex-end;
    border-end-end-radius: 4px;
    background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
    border-color: color-mix(in srgb, var(--_primary) 28%, var(--_border));
  }
  .message.pending {
    opacity: 0.75;
  }
  .message.failed {
    opacity: 1;
    border-color: var(--_danger);
  }
  .author {
    font-size: 0.8571em;
    color: var(--_muted);
  }
  .body {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .receipt {
    justify-self: end;
    font-size: 0.8571em;
    color: var(--_muted);
  }
  .failed .receipt {
    color: var(--_danger);
  }
  .retry {
    min-height: 28px;
    padding: 0 var(--_space);
    color: var(--_primary);
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--_space);
  }
  .last-reply {
    margin: 0 0 0 auto;
    font-size: 0.8571em;
    color: var(--_muted);
  }
  .typing {
    min-height: 1.45em;
    margin: 0;
    font-size: 0.8571em;
    font-style: italic;
    color: var(--_muted);
  }
  .composer {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--_space);
    align-items: end;
  }
  .composer-actions {
    display: flex;
    gap: calc(var(--_space) * 0.5);
  }
  .attach {
    position: relative;
    cursor: pointer;
    font-size: 1.15em;
  }
  .attach:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .drafts {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .draft {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    max-width: 100%;
    padding: 2px 2px 2px 10px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_raised);
  }
  .draft.failed {
    border-color: var(--_danger);
    border-radius: var(--_radius);
  }
  .draft .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 22ch;
  }
  /* A name cut to fit is shown whole while the pointer or the focus (its Remove button, the file's button) is on it. */
  .draft:is(:hover, :focus-within) .name,
  .attachment:is(:hover, :focus) .name {
    white-space: normal;
    overflow-wrap: anywhere;
  }
  .draft .error {
    color: var(--_danger);
    font-size: 0.8571em;
  }
  .draft .offline {
    color: var(--_muted);
    font-size: 0.8571em;
  }
  .draft progress {
    width: 80px;
  }
  .draft .saving {
    color: var(--_muted);
    white-space: nowrap;
  }
  .remove {
    min-height: 28px;
    padding: 0 8px;
  }
  .attachments {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    margin: 4px 0 0;
    padding: 0;
    list-style: none;
  }
  .attachment {
    display: grid;
    justify-items: start;
    gap: 2px;
    max-width: 180px;
    padding: 6px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .attachment img {
    display: block;
    width: 160px;
    height: auto;
    max-height: 160px;
    object-fit: cover;
    border-radius: calc(var(--_radius) - 2px);
  }
  .attachment .name {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .attachment small {
    color: var(--_muted);
  }
  .viewer {
    --_dialog-width: 960px;
  }
  .viewer-name {
    margin: 0;
    font-size: 1.07em;
    overflow-wrap: anywhere;
  }
  .position {
    margin: 2px 0 0;
    font-size: 0.8571em;
    color: var(--_muted);
  }
  .stage {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    margin-top: var(--_space);
  }
  .view {
    flex: 1;
    min-width: 0;
    display: block;
    height: min(70vh, 720px);
    margin: 0;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_raised);
    object-fit: contain;
  }
  p.view {
    display: grid;
    place-items: center;
    color: var(--_muted);
  }
  .step {
    font-size: 1.5em;
    padding: 0 calc(var(--_space) * 0.5);
  }
  .dragging .log {
    outline: 2px dashed var(--_primary);
    outline-offset: -4px;
  }
  .drop-hint {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    margin: 0;
    pointer-events: none;
    font-weight: 600;
    color: var(--_primary);
    background: color-mix(in srgb, var(--_surface) 70%, transparent);
  }
  textarea {
    width: 100%;
    min-height: 44px;
    resize: vertical;
    padding: var(--_space);
  }
  .hint {
    grid-column: 1 / -1;
    color: var(--_muted);
  }
  .closed {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_raised);
    color: var(--_muted);
  }
  .request-form {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    padding: var(--_space) calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .request-form h3 {
    margin: 0;
    font-size: 1em;
  }
  .request-form label {
    font-weight: 600;
  }
  .request-actions {
    display: flex;
    justify-content: flex-end;
    gap: calc(var(--_space) * 0.5);
  }
  .document-request {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin-top: 2px;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 3px solid var(--_info);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .request-heading {
    font-size: 0.8571em;
    font-weight: 600;
    color: var(--_muted);
  }
  .request-name {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    overflow-wrap: anywhere;
  }
  .request-note,
  .filled,
  .rejected {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .rejected {
    color: var(--_danger);
  }
  .filled {
    color: var(--_success);
  }
  .d-missing { --_c: var(--_warning); }
  .d-uploaded { --_c: var(--_info); }
  .d-accepted { --_c: var(--_success); }
  .d-rejected { --_c: var(--_danger); }
  .request-uploads {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .request-upload {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  .request-upload small {
    color: var(--_muted);
  }
`;
