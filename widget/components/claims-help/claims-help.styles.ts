import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.2em;
  }
  p {
    margin: 0;
  }
  .contact {
    display: grid;
    gap: var(--_space);
    margin: 0;
  }
  dt {
    font-size: 0.8571em;
    font-weight: 600;
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  a {
    color: var(--_primary);
    font-weight: 600;
  }
  .state {
    padding: calc(var(--_space) * 2) 0;
  }
`;
