import type { GuidanceTranslation } from './translation.ts';
import { plural } from './ca.ts';

// What a claim asks of its reader next, worded from the step the API decided: loaded with the
// claim's detail, not with the list every page starts with.

const waiting = (n: number) => plural(n, 'Un document espera', `${n} documents esperen`);

export const guidanceCa: GuidanceTranslation = {
  customer: {
    'accept-or-decline': () =>
      'Hem detectat aquesta incidència en el teu enviament. Revisa les dades i accepta perquè tramitem la reclamació, o rebutja-la si no vols reclamar.',
    'fix-rejected': ({ documents, count, reason }) =>
      plural(
        count,
        `Hem rebutjat ${documents}${reason ? `: ${reason}` : ''}. A Documents, puja’n un de nou que el corregeixi.`,
        `Hem rebutjat ${documents}. A Documents, puja’n un de nou de cadascun; hi veuràs el motiu.`,
      ),
    'upload-documents': ({ documents, count }) =>
      `Per tramitar la reclamació, puja a Documents ${plural(count, 'aquest document', 'aquests documents')}: ${documents}.`,
    'wait-for-assignment': () =>
      'Ja s’ha pujat tot el que és obligatori. Encara no hi ha cap gestora assignada: tan aviat com algú se’n faci càrrec, revisarà la documentació. Per ara no has de fer res.',
    'wait-for-review': ({ handler }) =>
      `La teva gestora, ${handler}, està revisant la documentació. Per ara no has de fer res; t’avisarem si falta alguna cosa.`,
    'wait-for-filing': () =>
      'Tota la documentació obligatòria està acceptada. Presentarem la reclamació davant del transportista o l’asseguradora i t’avisarem.',
    'wait-for-carrier': () => 'La reclamació s’ha presentat davant del transportista o l’asseguradora. T’avisarem tan bon punt responguin.',
    'see-outcome': () => 'La reclamació està resolta. Revisa el resultat i l’import.',
    declined: () => 'Vas decidir no tramitar aquest sinistre. Si va ser un error, demana ajuda.',
    nothing: () => 'Sinistre tancat. No queda res pendent.',
  },
  handler: {
    'take-claim': ({ documents, count }) =>
      `Ningú no porta encara aquest sinistre: assigna-te’l.${count ? ` ${waiting(count)} revisió: ${documents}.` : ''}`,
    'wait-for-customer': () => 'A l’espera que el client accepti o rebutgi la tramitació.',
    'review-documents': ({ documents, count }) => `${waiting(count)} la teva revisió: ${documents}. Accepta o rebutja cadascun a Documents.`,
    'wait-for-documents': ({ documents }) => `Falta que el client pugi ${documents}.`,
    'start-review': () => 'Tota la documentació obligatòria està acceptada: passa’l a revisió per presentar la reclamació.',
    'file-claim': () => 'Tota la documentació obligatòria està acceptada: presenta la reclamació davant del transportista o l’asseguradora.',
    'record-outcome': () => 'Presentada davant del transportista o l’asseguradora. Quan responguin, resol-la amb el resultat i l’import.',
    'close-claim': () => 'Resolta. Tanca-la quan el client hagi cobrat o no quedi res pendent.',
    declined: () => 'El client va decidir no tramitar aquest sinistre.',
    nothing: () => 'Sinistre tancat. No queda res pendent.',
  },
  quote: (label) => `«${label}»`,
};
