import { css } from 'lit';

/**
 * The look the integration elements (`<claims-api-keys>`, `<claims-webhooks>`) share: their
 * heading row, bordered list, forms, checkbox rows and dialogs. Each lists it after
 * `secretStyles` and before its own styles, which add to it and win over it. Not in `tokens`:
 * those are in the start bundle, and only these lazily loaded elements need this.
 */
export const integrationStyles = css`
  :host {
    container-type: inline-size;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.15em;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--_muted);
  }
  .small {
    font-size: 0.8571em;
  }
  /* The list of keys, the list of endpoints and the log of deliveries: one bordered box. */
  .keys,
  .endpoints,
  .log {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .field {
    display: grid;
    gap: 4px;
  }
  label {
    font-weight: 600;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  fieldset {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0 0 4px;
    font-weight: 600;
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: start;
    gap: var(--_space);
    font-weight: 400;
  }
  .check input {
    width: 18px;
    height: 18px;
    margin: 1px 0 0;
  }
  .check span {
    display: grid;
    gap: 2px;
  }
  .check small {
    font-size: 0.8571em;
  }
  dialog h3 {
    margin-bottom: var(--_space);
  }
  dialog > p:not(.sr-only) {
    margin-bottom: var(--_space);
  }
`;
