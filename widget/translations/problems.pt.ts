import { bytes } from '../internal/upload-check.ts';
import type { ProblemTexts } from './translation.ts';

// What a failed request means, in words that say what to do: in a chunk of its own, fetched
// when the page is idle or at the first failure, not with the list every page starts with.

const tryAgain = 'Algo correu mal. Tente novamente daqui a pouco.';

export const problemsPt: ProblemTexts = {
  network: () => 'Não há ligação ao servidor. Verifique a sua ligação à Internet e tente novamente.',
  unknown: () => tryAgain,
  'malformed-request': () => tryAgain,
  'invalid-request': () => 'Há dados que não são válidos. Reveja-os e tente novamente.',
  unauthorized: () => 'A sua sessão expirou. Volte a carregar a página para iniciar sessão novamente.',
  forbidden: () => 'Não tem permissão para fazer isto.',
  'no-claims-access': () => 'Ainda não tem acesso aos sinistros. Peça acesso a um administrador da sua empresa.',
  'not-found': () => 'Não existe ou já não tem acesso. Volte à lista.',
  'method-not-allowed': () => tryAgain,
  'request-timeout': () => 'A ligação está demasiado lenta. Tente novamente com uma ligação melhor.',
  'precondition-failed': () => 'Alguém alterou isto enquanto o editava. Volte a carregá-lo, reveja-o e tente novamente.',
  'content-too-large': () => 'É demasiado grande para ser enviado. Envie-o em partes mais pequenas.',
  'unsupported-media-type': () => tryAgain,
  'rate-limited': () => 'Demasiadas tentativas seguidas. Aguarde um minuto e tente novamente.',
  'header-too-large': () => 'Algo correu mal. Volte a carregar a página.',
  'server-error': () => 'Algo correu mal do nosso lado. Tente novamente daqui a pouco.',
  unavailable: () => 'O serviço não está disponível neste momento. Tente novamente daqui a pouco.',
  'invalid-cursor': () => 'A lista mudou enquanto a consultava. Volte a carregá-la.',
  'invalid-upload': () => 'O ficheiro não chegou completo. Volte a carregá-lo.',
  'empty-file': () => 'O ficheiro está vazio (0 bytes). Volte a escolhê-lo; se ainda estava a ser guardado, aguarde que termine.',
  'move-not-yours': () => 'Este passo não lhe compete.',
  'not-yours': () => 'Só quem carregou o ficheiro o pode remover.',
  'transition-not-allowed': ({ claimStatus }) =>
    `O sinistro já está ${claimStatus ? `na fase «${claimStatus}»` : 'noutra fase'}: este passo já não está disponível. Atualizámos o ecrã.`,
  'claim-final': ({ claimStatus }) => `O sinistro está ${claimStatus ? `no estado «${claimStatus}»` : 'encerrado'} e já não admite alterações.`,
  'document-conflict': ({ documentStatus }) =>
    documentStatus === 'accepted'
      ? 'Este documento já está aceite e não admite mais ficheiros.'
      : documentStatus === 'waived'
        ? 'Este documento já não é necessário.'
        : 'Este documento foi alterado entretanto. Atualizámos o ecrã: reveja-o e tente novamente.',
  'external-ref-conflict': () => 'Já existe um sinistro aberto com essa referência e outros dados. Utilize outra referência.',
  'claim-not-amendable': ({ claimStatus }) =>
    `O sinistro ${claimStatus ? `está no estado «${claimStatus}»` : 'já foi apresentado'} e os seus dados já não podem ser corrigidos.`,
  'token-issuer-conflict': () => 'Já existe outro emissor de confiança com este iss. Elimine-o primeiro ou dê outro iss a este.',
  'api-key-limit': () => 'A sua empresa já tem o número máximo de chaves de API ativas. Revogue uma que já não seja utilizada e tente novamente.',
  'webhook-limit': () => 'A sua empresa já tem o número máximo de endpoints de webhook. Elimine um que já não seja utilizado e tente novamente.',
  'webhook-disabled': () => 'Este endpoint está desativado e não lhe é enviado nada. Ative-o primeiro.',
  'client-id-reused': () => tryAgain,
  'too-many-unsent-files': ({ maxUnsentFiles }) =>
    `Tem demasiados ficheiros por enviar${maxUnsentFiles === null ? '' : ` (máximo ${maxUnsentFiles})`}. Envie-os com uma mensagem ou remova os de que não precisa.`,
  'upload-offset-mismatch': () => 'O envio foi interrompido. Tente novamente: continuará onde parou.',
  'upload-expired': () => 'O envio ficou incompleto demasiado tempo e foi descartado. Volte a escolher o ficheiro.',
  'file-too-large': ({ maxBytes, locale }) =>
    `${maxBytes === null ? 'Excede o tamanho máximo permitido' : `Tem mais de ${bytes(maxBytes, locale)}, o máximo`}. Digitalize-o com uma resolução mais baixa ou divida o documento em vários ficheiros.`,
  'file-type-not-allowed': () => 'Este ficheiro não é um PDF nem uma imagem. Carregue um PDF, uma fotografia ou um documento do Office.',
  'range-not-satisfiable': () => tryAgain,
  'idempotency-key-reused': () => tryAgain,
};
