import type { AccountTranslation } from './translation.ts';
import { apiTextIn } from './languages.ts';
import { es } from './es.ts';

export const accountEs: AccountTranslation = {
  notifications: {
    title: 'Notificaciones',
    bell: (n) => (n === 0 ? 'Notificaciones' : `Notificaciones, ${n} sin leer`),
    unread: 'Sin leer',
    markAllRead: 'Marcar todas como leídas',
    allRead: 'Todas las notificaciones están leídas.',
    empty: 'No tienes notificaciones',
    emptyBody: 'Te avisaremos aquí de los siniestros nuevos, los cambios de estado y los mensajes de tu gestora.',
    text: ({ kind, count, data }) => {
      const doc = data.document ? apiTextIn(data.document.label, 'es') : '';
      switch (kind) {
        case 'claim_created': return 'Nuevo siniestro';
        case 'status_changed': {
          // A burst of moves folds into one notification: where the last one took the claim, and how many there were.
          const moved = `Nuevo estado: ${data.status ? es.status[data.status] : '?'}`;
          return count === 1 ? moved : `${moved} (${count} cambios de estado)`;
        }
        case 'document_requested': return `Se pide un documento: ${doc}`;
        case 'document_rejected': return `Documento rechazado: ${doc}${data.reason ? ` — ${data.reason}` : ''}`;
        case 'deadline_approaching': return `El plazo vence en ${data.hoursLeft ?? '?'} h`;
        case 'message': {
          const who = count === 1 ? `Nuevo mensaje de ${data.actor.name}` : `${count} mensajes nuevos de ${data.actor.name}`;
          return data.preview ? `${who}: «${data.preview}»` : who;
        }
        case 'webhook_disabled': {
          const name = data.webhook?.description || data.webhook?.url || '';
          return data.webhook?.reason === 'gone'
            ? `Webhook desactivado: ${name} respondió que esa dirección ya no existe (410)`
            : `Webhook desactivado: ${name} lleva 3 días fallando`;
        }
      }
    },
    arrived: (text) => `Nueva notificación: ${text}`,
  },
  settings: {
    title: 'Ajustes',
    intro: 'Elige quién de tu empresa trabaja con los siniestros y quién recibe los avisos también por email (en el área de cliente llegan siempre). Cada cambio se guarda al momento.',
    users: 'Usuarios de la empresa',
    access: 'Acceso a siniestros',
    accessOf: (name) => `Acceso a siniestros de ${name}`,
    adminAlways: 'Los administradores siempre tienen acceso',
    channel: 'Avisos',
    channels: { in_app: 'Solo en el área de cliente', in_app_and_email: 'Área de cliente y email' },
    email: 'Avisos por email',
    emailOf: (name) => `Avisos por email a ${name}`,
    companyDefault: 'Avisos por email a los usuarios nuevos',
    companyDefaultHint: 'Lo que reciben quienes entran por primera vez; luego puedes cambiarlo a cada uno.',
    role: { admin: 'Administrador', member: 'Usuario', handler: 'Gestor' },
    you: 'tú',
    granted: 'Con acceso',
    notGranted: 'Sin acceso',
    saving: 'Guardando…',
    saved: 'Guardado',
    failed: 'No se pudo guardar.',
    yours: 'Tus ajustes',
    readOnly: 'Solo un administrador de tu empresa puede cambiar estos ajustes.',
    empty: 'Tu empresa todavía no tiene usuarios.',
    integrations: 'Integraciones',
    integrationsIntro: 'Conecta tu ERP u otros programas con los siniestros: claves de API para que los lean y suban documentos, y webhooks para avisarles al momento de cada cambio.',
    openIntegrations: 'Abrir las integraciones',
    closeIntegrations: 'Cerrar las integraciones',
  },
  help: {
    title: '¿Necesitas ayuda?',
    intro: 'El equipo de siniestros te atiende:',
    email: 'Email',
    phone: 'Teléfono',
    hours: 'Horario',
    none: 'Todavía no hay datos de contacto. Escribe a tu gestora desde el chat del siniestro.',
  },
};
