import type { FilingTranslation } from './translation.ts';
import { isSingular } from '../internal/format.ts';

// Asked before filing a claim whose required documents are not all accepted: loaded with the
// back office (`<claims-console>`), not at start.

// pt-PT's rules: "one" is 1 only (0 is plural, unlike pt-BR).
const isOne = (n: number) => isSingular(n, 'pt-PT');

export const filingPt: FilingTranslation = {
  title: 'Apresentar sem toda a documentação aceite?',
  intro: (n) =>
    isOne(n)
      ? 'Este documento obrigatório não está aceite. Pode apresentar a reclamação mesmo assim, ou voltar atrás e revê-lo antes.'
      : `Estes ${n} documentos obrigatórios não estão aceites. Pode apresentar a reclamação mesmo assim, ou voltar atrás e revê-los antes.`,
  item: (label, status) => `${label}: ${status}`,
  fileAnyway: 'Apresentar mesmo assim',
};
