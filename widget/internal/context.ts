import { createContext } from '@lit/context';
import type { ClaimsSession } from './session.ts';

/** What a configured ancestor shares with the claims elements inside it. */
export interface ClaimsContextValue {
  session: ClaimsSession | null;
  /** The language set explicitly on an ancestor (empty when none). */
  lang: string;
}

export const claimsContext = createContext<ClaimsContextValue>(Symbol.for('claimdesk.context'));
