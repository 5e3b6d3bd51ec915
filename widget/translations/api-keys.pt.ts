import type { ApiKeysTranslation } from './translation.ts';

// The words of <claims-api-keys>, in European Portuguese: loaded with it, not at start.

export const apiKeysPt: ApiKeysTranslation = {
  title: 'Chaves de API',
  intro:
    'Com uma chave de API, um programa da sua empresa — o seu ERP, por exemplo — lê os sinistros e carrega documentos sem que ninguém inicie sessão. Crie uma chave para cada programa, só com as permissões de que precisa.',
  create: 'Criar chave',
  emptyTitle: 'Ainda não há chaves de API',
  emptyBody:
    'Crie uma quando quiser ligar o seu ERP ou outro programa: poderá ler os sinistros da sua empresa e, se o permitir, carregar documentos e escrever mensagens.',
  scopes: {
    'claims:read': { name: 'Ler sinistros', hint: 'Os sinistros da sua empresa, com os respetivos documentos, mensagens e histórico.' },
    'claims:write': { name: 'Carregar documentos e escrever mensagens', hint: 'Nos sinistros da sua empresa, tal como o faria um utilizador.' },
    'webhooks:manage': { name: 'Gerir webhooks', hint: 'Criar, alterar e eliminar os webhooks da sua empresa.' },
    'tokens:issue': { name: 'Iniciar sessão dos seus utilizadores', hint: 'Iniciar a sessão de qualquer utilizador da sua empresa, administradores incluídos, na sua própria área: dê-a apenas ao sistema que inicia a sessão dos seus utilizadores.' },
  },
  permissions: 'Permissões',
  created: (when, by) => `Criada em ${when}${by ? ` por ${by}` : ' pelo operador'}`,
  lastUsed: (when) => `Última utilização: ${when ?? 'nunca'}`,
  revokedOn: (when, by) => `Revogada em ${when}${by ? ` por ${by}` : ''}`,
  active: 'Ativa',
  revoked: 'Revogada',
  revoke: 'Revogar',
  revokeTitle: (name) => `Revogar a chave «${name}»?`,
  revokeIntro: 'Os programas que a utilizam deixam de ter acesso de imediato. Não é possível anular: para voltar a ligá-los, crie outra chave.',
  revokedAnnounced: (name) => `Chave «${name}» revogada.`,
  revokeFailed: 'Não foi possível revogar a chave.',
  createTitle: 'Nova chave de API',
  name: 'Nome',
  nameHint: 'Para a reconhecer: o programa que a vai utilizar, por exemplo «ERP SAP».',
  nameRequired: 'Escreva um nome para a chave.',
  scopesLegend: 'Permissões',
  scopesRequired: 'Escolha pelo menos uma permissão.',
  createFailed: 'Não foi possível criar a chave.',
  creating: 'A criar…',
  createdTitle: (name) => `Chave «${name}» criada`,
  createdAnnounced: (name) => `Chave «${name}» criada. Copie-a agora: não a voltará a ver.`,
  secret: {
    label: 'A sua nova chave',
    warning: 'Copie-a agora: não a voltará a ver.',
    use: 'Guarde-a onde o seu programa a possa ler, e não num e-mail nem num chat. O programa envia-a no cabeçalho X-Api-Key de cada pedido.',
    copy: 'Copiar',
    copied: 'Copiada',
    copyFailed: 'Não foi possível copiar. A chave está selecionada: copie-a com Ctrl+C (Cmd+C no Mac).',
  },
  done: 'Concluído',
};
