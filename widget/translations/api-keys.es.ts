import type { ApiKeysTranslation } from './translation.ts';

// The words of <claims-api-keys>, in Spanish: loaded with it, not at start.

export const apiKeysEs: ApiKeysTranslation = {
  title: 'Claves de API',
  intro:
    'Con una clave de API, un programa de tu empresa —tu ERP, por ejemplo— lee los siniestros y sube documentos sin que nadie inicie sesión. Crea una clave para cada programa, solo con los permisos que necesite.',
  create: 'Crear clave',
  emptyTitle: 'Todavía no hay claves de API',
  emptyBody:
    'Crea una cuando quieras conectar tu ERP u otro programa: podrá leer los siniestros de tu empresa y, si se lo permites, subir documentos y escribir mensajes.',
  scopes: {
    'claims:read': { name: 'Leer siniestros', hint: 'Los siniestros de tu empresa, con sus documentos, mensajes e historial.' },
    'claims:write': { name: 'Subir documentos y escribir mensajes', hint: 'En los siniestros de tu empresa, como lo haría un usuario.' },
    'webhooks:manage': { name: 'Gestionar webhooks', hint: 'Crear, cambiar y borrar los webhooks de tu empresa.' },
    'tokens:issue': { name: 'Iniciar sesión de tus usuarios', hint: 'Iniciar la sesión de cualquier usuario de tu empresa, administradores incluidos, en tu propia área: dásela solo al sistema que inicia la sesión de tus usuarios.' },
  },
  permissions: 'Permisos',
  created: (when, by) => `Creada el ${when}${by ? ` por ${by}` : ' por el operador'}`,
  lastUsed: (when) => `Último uso: ${when ?? 'nunca'}`,
  revokedOn: (when, by) => `Revocada el ${when}${by ? ` por ${by}` : ''}`,
  active: 'Activa',
  revoked: 'Revocada',
  revoke: 'Revocar',
  revokeTitle: (name) => `¿Revocar la clave «${name}»?`,
  revokeIntro: 'Los programas que la usen dejarán de tener acceso en este momento. No se puede deshacer: para volver a conectarlos, crea otra clave.',
  revokedAnnounced: (name) => `Clave «${name}» revocada.`,
  revokeFailed: 'No se pudo revocar la clave.',
  createTitle: 'Nueva clave de API',
  name: 'Nombre',
  nameHint: 'Para reconocerla: el programa que la usará, por ejemplo «ERP SAP».',
  nameRequired: 'Escribe un nombre para la clave.',
  scopesLegend: 'Permisos',
  scopesRequired: 'Elige al menos un permiso.',
  createFailed: 'No se pudo crear la clave.',
  creating: 'Creando…',
  createdTitle: (name) => `Clave «${name}» creada`,
  createdAnnounced: (name) => `Clave «${name}» creada. Cópiala ahora: no volverás a verla.`,
  secret: {
    label: 'Tu nueva clave',
    warning: 'Cópiala ahora: no volverás a verla.',
    use: 'Guárdala donde la lea tu programa, no en un correo ni en un chat. La envía en la cabecera X-Api-Key de cada petición.',
    copy: 'Copiar',
    copied: 'Copiada',
    copyFailed: 'No se pudo copiar. La clave está seleccionada: cópiala con Ctrl+C (Cmd+C en Mac).',
  },
  done: 'Hecho',
};
