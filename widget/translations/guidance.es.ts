import type { GuidanceTranslation } from './translation.ts';

// What a claim asks of its reader next, worded from the step the API decided: loaded with the
// claim's detail, not with the list every page starts with.

const waiting = (n: number) => (n === 1 ? 'Un documento espera' : `${n} documentos esperan`);

export const guidanceEs: GuidanceTranslation = {
  customer: {
    'accept-or-decline': () =>
      'Hemos detectado esta incidencia en tu envío. Revisa los datos y acepta para que tramitemos la reclamación, o recházala si no quieres reclamar.',
    'fix-rejected': ({ documents, count, reason }) =>
      count === 1
        ? `Hemos rechazado ${documents}${reason ? `: ${reason}` : ''}. Sube en Documentos uno nuevo que lo corrija.`
        : `Hemos rechazado ${documents}. Sube en Documentos uno nuevo de cada uno; allí verás el motivo.`,
    'upload-documents': ({ documents, count }) =>
      `Para tramitar la reclamación, sube en Documentos ${count === 1 ? 'este documento' : 'estos documentos'}: ${documents}.`,
    'wait-for-assignment': () =>
      'Ya está subido todo lo obligatorio. Aún no hay una gestora asignada: en cuanto alguien se haga cargo, revisará la documentación. Por ahora no tienes que hacer nada.',
    'wait-for-review': ({ handler }) =>
      `Tu gestora, ${handler}, está revisando la documentación. Por ahora no tienes que hacer nada; te avisaremos si falta algo.`,
    'wait-for-filing': () =>
      'Toda la documentación obligatoria está aceptada. Presentaremos la reclamación ante el transportista o la aseguradora y te avisaremos.',
    'wait-for-carrier': () => 'La reclamación se ha presentado ante el transportista o la aseguradora. Te avisaremos en cuanto respondan.',
    'see-outcome': () => 'La reclamación está resuelta. Revisa el resultado y el importe.',
    declined: () => 'Decidiste no tramitar este siniestro. Si fue un error, pide ayuda.',
    nothing: () => 'Siniestro cerrado. No queda nada pendiente.',
  },
  handler: {
    'take-claim': ({ documents, count }) =>
      `Nadie lleva este siniestro todavía: asígnatelo.${count ? ` ${waiting(count)} revisión: ${documents}.` : ''}`,
    'wait-for-customer': () => 'Esperando a que el cliente acepte o rechace la tramitación.',
    'review-documents': ({ documents, count }) => `${waiting(count)} tu revisión: ${documents}. Acepta o rechaza cada uno en Documentos.`,
    'wait-for-documents': ({ documents }) => `Falta que el cliente suba ${documents}.`,
    'start-review': () => 'Toda la documentación obligatoria está aceptada: pásalo a revisión para presentar la reclamación.',
    'file-claim': () => 'Toda la documentación obligatoria está aceptada: presenta la reclamación ante el transportista o la aseguradora.',
    'record-outcome': () => 'Presentada ante el transportista o la aseguradora. Cuando respondan, resuélvela con el resultado y el importe.',
    'close-claim': () => 'Resuelta. Ciérrala cuando el cliente haya cobrado o no quede nada pendiente.',
    declined: () => 'El cliente decidió no tramitar este siniestro.',
    nothing: () => 'Siniestro cerrado. No queda nada pendiente.',
  },
  quote: (label) => `«${label}»`,
};
