import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .base:focus,
  .progress:focus {
    outline: none;
  }
  .progress {
    display: grid;
    gap: 6px;
    font-weight: 600;
  }
  progress {
    width: 100%;
    height: 8px;
    accent-color: var(--_primary);
  }
  .list,
  .files {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .list {
    gap: calc(var(--_space) * 1.5);
  }
  .item {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_c, var(--_border));
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_surface);
  }
  .head,
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  h3 {
    margin: 0;
    font-size: 1em;
    flex: 1 1 12em;
  }
  .tag,
  .help,
  .meta,
  small {
    color: var(--_muted);
    font-size: 0.9em;
  }
  p {
    margin: 0;
  }
  .note {
    padding: 8px 10px;
    border-radius: var(--_radius);
    background: var(--_raised);
    white-space: pre-wrap;
  }
  .rejected {
    color: var(--_danger);
  }
  .d-missing { --_c: var(--_warning); }
  .d-uploaded { --_c: var(--_info); }
  .d-accepted { --_c: var(--_success); }
  .d-rejected { --_c: var(--_danger); }
  .file {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: 6px;
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .failed {
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
  }
  .file.is-rejected {
    border-inline-start: 3px solid var(--_danger);
    background: color-mix(in srgb, var(--_danger) 6%, var(--_raised));
  }
  .file-rejection {
    display: flex;
    align-items: baseline;
    gap: 6px;
    color: var(--_danger);
    overflow-wrap: anywhere;
  }
  .file-rejection svg {
    flex: none;
    align-self: center;
  }
  .file-rejection strong {
    font-weight: 600;
  }
  .thumb {
    width: 48px;
    height: 48px;
    flex: none;
    border-radius: calc(var(--_radius) - 2px);
    object-fit: cover;
    background: var(--_surface);
  }
  .icon {
    display: grid;
    place-items: center;
    border: 1px solid var(--_border);
    font-size: 0.75em;
    font-weight: 700;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .fmeta {
    flex: 1 1 12em;
    display: grid;
    min-width: 0;
  }
  .fname {
    font-weight: 550;
    overflow-wrap: anywhere;
  }
  .file .btn {
    min-height: 30px;
    padding: 0 8px;
  }
  /* Above the drop area on a document of photos, and as wide: on a phone, the camera comes first. */
  .camera {
    display: flex;
    justify-content: center;
    align-items: center;
    gap: 0.5em;
    width: 100%;
    margin-bottom: var(--_space);
  }
  .saving {
    color: var(--_muted);
  }
  .drop {
    display: grid;
    justify-items: center;
    gap: 2px;
    width: 100%;
    padding: calc(var(--_space) * 2);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    cursor: pointer;
    font-weight: 550;
  }
  .drop svg {
    vertical-align: -0.125em;
  }
  .drop:hover,
  .drop.over {
    border-color: var(--_primary);
    background: color-mix(in srgb, var(--_primary) 6%, var(--_surface));
  }
  .request {
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
  }
  summary {
    cursor: pointer;
    font-weight: 600;
  }
  form {
    display: grid;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  label {
    font-weight: 600;
  }
  .check {
    font-weight: 400;
  }
  select,
  textarea {
    padding: 8px 10px;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  dialog {
    --_dialog-width: 720px;
  }
  dialog h3 {
    margin-bottom: var(--_space);
    overflow-wrap: anywhere;
  }
  .preview {
    display: block;
    width: 100%;
    height: min(60vh, 600px);
    object-fit: contain;
    border: 0;
    background: var(--_raised);
  }
  .preview.none {
    display: grid;
    place-content: center;
    justify-items: center;
    gap: var(--_space);
    height: auto;
    padding: calc(var(--_space) * 4) calc(var(--_space) * 2);
    text-align: center;
  }
  dialog .dlg-sub,
  dialog .covers {
    color: var(--_muted);
  }
  dialog :is(.dlg-sub, .file-rejection, .covers, [part~='review'], .said:not(:empty)) {
    margin-block: var(--_space);
  }
  .said:not(:empty) {
    font-weight: 600;
  }
  dialog h3[tabindex]:focus {
    outline: none;
  }
`;
