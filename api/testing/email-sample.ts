import type { Language } from '../../domain/constants.ts';
import { claimUrlFor, type ClaimEmailInput, type ClaimEmailKind, type EmailInput } from '../email/render.ts';

/** A claim's link in the host's customer area, with both placeholders, as PUBLIC_CLAIM_URL gives it. */
export const SAMPLE_CLAIM_URL = 'https://host.example/area/siniestros/{id}?ref={reference}&tab=resumen';

/**
 * An email of `kind` in `lang` about one claim, with every field a template may show filled in:
 * what the render tests check and the email benchmark renders. `claimUrl: null` leaves the link out.
 */
export function sampleEmail(kind: ClaimEmailKind, lang: Language, overrides: Partial<ClaimEmailInput> = {}): ClaimEmailInput {
  const claim = {
    id: 'clm_0001',
    reference: 'SIN-2026-000877',
    type: 'breakage' as const,
    carrier: 'Transportes Azkar',
    trackingNumber: 'AZK-2026-55821',
    status: 'review' as const,
    deadlineAt: '2026-12-03T22:59:59.999Z',
    deadlineTimeZone: 'Europe/Madrid',
    outcome: null as { result: 'paid' | 'partially_paid' | 'denied'; amountCents: number; currency: string } | null,
  };
  return {
    kind,
    lang,
    recipientName: 'Ana Martínez',
    companyName: 'Ferretería Martínez S.L.',
    claim,
    data: {
      actor: { kind: 'handler', id: 'usr_carmen', name: 'Carmen Ruiz' },
      status: 'review',
      from: 'documentation',
      document: {
        requirementId: 'req_1',
        kind: 'commercial_invoice',
        label: { es: 'Factura comercial', en: 'Commercial invoice', pt: 'Fatura comercial', fr: 'Facture commerciale', de: 'Handelsrechnung', it: 'Fattura commerciale', ca: 'Factura comercial' },
      },
      reason: 'La factura no es legible.',
      preview: '¿Puedes enviarme las fotos del embalaje?',
      deadlineAt: claim.deadlineAt,
      hoursLeft: 48,
    },
    count: 1,
    claimUrl: claimUrlFor(SAMPLE_CLAIM_URL, claim),
    ...overrides,
  };
}

/** The administrators' email about a webhook Claimdesk disabled, in `lang`. */
export function sampleWebhookEmail(lang: Language, reason: 'gone' | 'failing' = 'gone'): EmailInput {
  return {
    kind: 'webhook_disabled',
    lang,
    recipientName: 'Ana Martínez',
    companyName: 'Ferretería Martínez S.L.',
    claim: null,
    data: {
      actor: { kind: 'system', id: null, name: 'Claimdesk' },
      webhook: { id: 'whe_0001', url: 'https://erp.ferreteria.example/claimdesk', description: 'ERP SAP', reason },
    },
    count: 1,
    claimUrl: null,
  };
}
