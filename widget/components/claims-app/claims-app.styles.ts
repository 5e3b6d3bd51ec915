import { css } from 'lit';

export const styles = css`
  :host {
    container-type: inline-size;
  }
  .base {
    display: grid;
    gap: var(--_space);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: center;
    gap: var(--_space);
  }
  /* The bell's place is kept while its module loads, so the buttons beside it do not move. */
  claims-notifications:not(:defined) {
    display: inline-block;
    width: 40px;
    height: 40px;
  }
  .settings {
    display: grid;
    gap: var(--_space);
  }
  .back {
    justify-self: start;
    padding-inline: 0;
    color: var(--_primary);
  }
  .dialog-head {
    display: flex;
    justify-content: flex-end;
    margin: calc(var(--_space) * -1.5) calc(var(--_space) * -1.5) 0 0;
  }
`;
