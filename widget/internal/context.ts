import { createContext } from '@lit/context';
import type { ClaimsSession } from './session.ts';

/** What a configured ancestor shares with the claims elements inside it. */
export interface ClaimsContextValue {
  session: ClaimsSession | null;
  /** The language set explicitly on an ancestor (empty when none). */
  lang: string;
  /** The long edge photos are made to fit before upload, set on an ancestor (`photo-max-edge`); undefined when none is. */
  photoMaxEdge?: number | undefined;
}

export const claimsContext = createContext<ClaimsContextValue>(Symbol.for('claimdesk.context'));
