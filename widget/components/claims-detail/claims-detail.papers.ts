import { hc } from 'hono/client';
// Type-only, as in api-client.ts: the calls are checked against the server's routes
// (tsconfig.node-dom.json), and no server code is bundled.
import type { AppType } from '@claimdesk/api';
import { ApiError } from '../../internal/api-error.ts';
import { authFetch } from '../../internal/api-client.ts';
import { fileNameOf, readWithProgress, saveFile } from '../../internal/save-file.ts';
import type { ClaimsSession } from '../../internal/session.ts';

// A claim's papers, which only its detail offers (to administrators and handlers): the calls
// live in this element's chunk, not in the start bundle's API client.

/** The dossier (a ZIP of everything the claim holds) or the letter to the carrier (a PDF). */
export type Paper = 'dossier' | 'letter';

/** The routes' typed client, as api-client.ts has it: private, so the published declarations never name hono. */
type RawClient = 0 extends 1 & AppType ? any : ReturnType<typeof hc<AppType>>;

const clients = new WeakMap<ClaimsSession, RawClient>();

/**
 * Downloads one of the claim's papers in `lang` with the session's token, and saves it under
 * the name the API gives it; resolves to that name. `onProgress` hears the share received (0 to
 * 1), or null while the answer does not say its length.
 */
export async function downloadPaper(
  session: ClaimsSession,
  claimId: string,
  paper: Paper,
  lang: 'es' | 'en',
  onProgress: (share: number | null) => void,
): Promise<string> {
  let rpc = clients.get(session);
  if (!rpc) clients.set(session, (rpc = hc<AppType>(session.apiBase.replace(/\/+$/, ''), { fetch: authFetch(session.tokens) })));
  const args = { param: { id: claimId }, query: { lang } };
  const res: Response = paper === 'dossier' ? await rpc.claims[':id'].dossier.$get(args) : await rpc.claims[':id'].letter.$get(args);
  if (!res.ok) throw await ApiError.from(res);
  const blob = await readWithProgress(res, onProgress);
  const name = fileNameOf(res.headers.get('content-disposition'), `${claimId}.${paper === 'dossier' ? 'zip' : 'pdf'}`);
  saveFile(blob, name);
  return name;
}
