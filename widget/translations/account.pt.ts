import type { AccountTranslation } from './translation.ts';
import { apiTextIn } from './languages.ts';
import { pt } from './pt.ts';

export const accountPt: AccountTranslation = {
  notifications: {
    title: 'Notificações',
    bell: (n) => (n === 0 ? 'Notificações' : `Notificações, ${n} por ler`),
    unread: 'Por ler',
    markAllRead: 'Marcar todas como lidas',
    allRead: 'Todas as notificações estão lidas.',
    empty: 'Não tem notificações',
    emptyBody: 'Aqui receberá os avisos dos sinistros novos, das mudanças de estado e das mensagens do seu gestor de sinistros.',
    text: ({ kind, count, data }) => {
      const doc = data.document ? apiTextIn(data.document.label, 'pt') : '';
      switch (kind) {
        case 'claim_created': return 'Novo sinistro';
        case 'status_changed': {
          // A burst of moves folds into one notification: where the last one took the claim, and how many there were.
          const moved = `Novo estado: ${data.status ? pt.status[data.status] : '?'}`;
          return count === 1 ? moved : `${moved} (${count} mudanças de estado)`;
        }
        case 'document_requested': return `Foi pedido um documento: ${doc}`;
        case 'document_rejected': return `Documento rejeitado: ${doc}${data.reason ? ` — ${data.reason}` : ''}`;
        case 'deadline_approaching': return `O prazo termina dentro de ${data.hoursLeft ?? '?'} h`;
        case 'message': {
          const who = count === 1 ? `Nova mensagem de ${data.actor.name}` : `${count} mensagens novas de ${data.actor.name}`;
          return data.preview ? `${who}: «${data.preview}»` : who;
        }
        case 'webhook_disabled': {
          const name = data.webhook?.description || data.webhook?.url || '';
          return data.webhook?.reason === 'gone'
            ? `Webhook desativado: ${name} respondeu que esse endereço já não existe (410)`
            : `Webhook desativado: ${name} está a falhar há 3 dias`;
        }
      }
    },
    arrived: (text) => `Nova notificação: ${text}`,
  },
  settings: {
    title: 'Definições',
    intro: 'Escolha quem na sua empresa trabalha com os sinistros e quem recebe os avisos também por e-mail (na área de cliente chegam sempre). Cada alteração é guardada de imediato.',
    users: 'Utilizadores da empresa',
    access: 'Acesso aos sinistros',
    accessOf: (name) => `Acesso aos sinistros de ${name}`,
    adminAlways: 'Os administradores têm sempre acesso',
    channel: 'Avisos',
    channels: { in_app: 'Só na área de cliente', in_app_and_email: 'Área de cliente e e-mail' },
    email: 'Avisos por e-mail',
    emailOf: (name) => `Avisos por e-mail para ${name}`,
    companyDefault: 'Avisos por e-mail para os novos utilizadores',
    companyDefaultHint: 'O que recebe quem entra pela primeira vez; depois, pode alterá-lo para cada um.',
    role: { admin: 'Administrador', member: 'Utilizador', handler: 'Gestor' },
    you: 'eu',
    granted: 'Com acesso',
    notGranted: 'Sem acesso',
    saving: 'A guardar…',
    saved: 'Guardado',
    failed: 'Não foi possível guardar.',
    yours: 'As suas definições',
    readOnly: 'Só um administrador da sua empresa pode alterar estas definições.',
    empty: 'A sua empresa ainda não tem utilizadores.',
    integrations: 'Integrações',
    integrationsIntro: 'Ligue o seu ERP ou outros programas aos sinistros: chaves de API para que os leiam e carreguem documentos, e webhooks para os avisar de imediato de cada alteração.',
    openIntegrations: 'Abrir as integrações',
    closeIntegrations: 'Fechar as integrações',
  },
  help: {
    title: 'Precisa de ajuda?',
    intro: 'A equipa de sinistros está ao seu dispor:',
    email: 'E-mail',
    phone: 'Telefone',
    hours: 'Horário',
    none: 'Ainda não há dados de contacto. Escreva ao seu gestor de sinistros no chat do sinistro.',
  },
};
