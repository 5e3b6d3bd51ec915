import type { ClaimStatus, ClaimType, Language } from './constants.ts';

// The words for a claim's status and type, and what each status asks of the customer, in both
// languages: the widget shows them and the emails say them, so a customer reads the same words
// in both places. Like constants.ts, it imports nothing the widget could not bundle.

export interface ClaimLabels {
  status: Record<ClaimStatus, string>;
  type: Record<ClaimType, string>;
  /** What the claim's status means for the customer, and what to do now. */
  guidance: Record<ClaimStatus, string>;
}

export const CLAIM_LABELS: Record<Language, ClaimLabels> = {
  es: {
    status: {
      notified: 'Notificado',
      declined: 'Gestión rechazada',
      documentation: 'Documentación',
      review: 'En revisión',
      submitted: 'Presentado',
      resolved: 'Resuelto',
      closed: 'Cerrado',
    },
    type: { breakage: 'Rotura', robbery: 'Robo', theft: 'Hurto', loss: 'Pérdida' },
    guidance: {
      notified:
        'Hemos detectado esta incidencia en tu envío. Revisa los datos y acepta para que tramitemos la reclamación, o recházala si no quieres reclamar.',
      documentation:
        'Reclamación aceptada. Prepara la factura comercial, fotos del daño y del embalaje y el justificante del valor: tu gestora te indicará qué documentos faltan.',
      review: 'Tu gestora está revisando la documentación. Por ahora no tienes que hacer nada; te avisaremos si falta algo.',
      submitted:
        'La reclamación se ha presentado ante el transportista o la aseguradora. Te avisaremos en cuanto respondan.',
      resolved: 'La reclamación está resuelta. Revisa el resultado y el importe.',
      closed: 'Siniestro cerrado. No queda nada pendiente.',
      declined: 'Decidiste no tramitar este siniestro. Si fue un error, contacta con tu gestora.',
    },
  },
  en: {
    status: {
      notified: 'Notified',
      declined: 'Declined',
      documentation: 'Documentation',
      review: 'In review',
      submitted: 'Submitted',
      resolved: 'Resolved',
      closed: 'Closed',
    },
    type: { breakage: 'Breakage', robbery: 'Robbery', theft: 'Theft', loss: 'Loss' },
    guidance: {
      notified:
        'We detected this incident on your shipment. Check the details and accept so we file the claim for you, or decline if you do not want to claim.',
      documentation:
        'Claim accepted. Get the commercial invoice, photos of the damage and packaging and proof of value ready: your handler will tell you which documents are missing.',
      review: 'Your handler is reviewing the documents. Nothing to do for now; we will tell you if anything is missing.',
      submitted: 'The claim has been filed with the carrier or insurer. We will let you know as soon as they answer.',
      resolved: 'The claim is resolved. Check the outcome and the amount.',
      closed: 'Claim closed. Nothing left to do.',
      declined: 'You chose not to pursue this claim. If that was a mistake, contact your handler.',
    },
  },
};
