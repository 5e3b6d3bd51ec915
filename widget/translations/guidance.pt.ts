import type { GuidanceTranslation } from './translation.ts';
import { isSingular } from '../internal/format.ts';

// What a claim asks of its reader next, worded from the step the API decided: loaded with the
// claim's detail, not with the list every page starts with.

// pt-PT's rules: "one" is 1 only (0 is plural, unlike pt-BR).
const isOne = (n: number) => isSingular(n, 'pt-PT');

const waiting = (n: number) => (isOne(n) ? 'Um documento aguarda' : `${n} documentos aguardam`);

export const guidancePt: GuidanceTranslation = {
  customer: {
    'accept-or-decline': () =>
      'Detetámos esta ocorrência no seu envio. Reveja os dados e aceite para tramitarmos a reclamação, ou recuse-a se não quiser reclamar.',
    'fix-rejected': ({ documents, count, reason }) =>
      isOne(count)
        ? `Rejeitámos ${documents}${reason ? `: ${reason}` : ''}. Na secção Documentos, carregue um novo que o corrija.`
        : `Rejeitámos ${documents}. Na secção Documentos, carregue um novo para cada um; aí verá o motivo.`,
    'upload-documents': ({ documents, count }) =>
      `Para tramitarmos a reclamação, carregue ${isOne(count) ? 'este documento' : 'estes documentos'} na secção Documentos: ${documents}.`,
    'wait-for-assignment': () =>
      'Já foi carregado tudo o que é obrigatório. Ainda não há um gestor de sinistros atribuído: assim que alguém ficar com o sinistro, irá rever a documentação. Por agora, não tem de fazer nada.',
    'wait-for-review': ({ handler }) =>
      `O seu gestor de sinistros, ${handler}, está a rever a documentação. Por agora, não tem de fazer nada; receberá um aviso se faltar alguma coisa.`,
    'wait-for-filing': () =>
      'Toda a documentação obrigatória está aceite. Vamos apresentar a reclamação à transportadora ou à seguradora e receberá um aviso.',
    'wait-for-carrier': () => 'A reclamação foi apresentada à transportadora ou à seguradora. Receberá um aviso assim que responderem.',
    'see-outcome': () => 'A reclamação está resolvida. Consulte o resultado e o montante.',
    declined: () => 'Decidiu não tramitar este sinistro. Se foi um engano, peça ajuda.',
    nothing: () => 'Sinistro encerrado. Não há nada pendente.',
  },
  handler: {
    'take-claim': ({ documents, count }) =>
      `Ainda ninguém trata deste sinistro: atribua-o a si.${count ? ` ${waiting(count)} revisão: ${documents}.` : ''}`,
    'wait-for-customer': () => 'A aguardar que o cliente aceite ou recuse a tramitação.',
    'review-documents': ({ documents, count }) => `${waiting(count)} a sua revisão: ${documents}. Aceite ou rejeite cada um na secção Documentos.`,
    'wait-for-documents': ({ documents }) => `Falta que o cliente carregue ${documents}.`,
    'start-review': () => 'Toda a documentação obrigatória está aceite: passe o sinistro a revisão para apresentar a reclamação.',
    'file-claim': () => 'Toda a documentação obrigatória está aceite: apresente a reclamação à transportadora ou à seguradora.',
    'record-outcome': () => 'Apresentada à transportadora ou à seguradora. Quando responderem, resolva-a com o resultado e o montante.',
    'close-claim': () => 'Resolvida. Encerre o sinistro quando o cliente tiver recebido a indemnização ou não houver nada pendente.',
    declined: () => 'O cliente decidiu não tramitar este sinistro.',
    nothing: () => 'Sinistro encerrado. Não há nada pendente.',
  },
  quote: (label) => `«${label}»`,
};
