import type { ApiKeysTranslation } from './translation.ts';
import { el } from './ca.ts';

// The words of <claims-api-keys>, in Catalan: loaded with it, not at start.

export const apiKeysCa: ApiKeysTranslation = {
  title: 'Claus d’API',
  intro:
    'Amb una clau d’API, un programa de la teva empresa —el teu ERP, per exemple— llegeix els sinistres i puja documents sense que ningú iniciï la sessió. Crea una clau per a cada programa, només amb els permisos que necessiti.',
  create: 'Crear una clau',
  emptyTitle: 'Encara no hi ha claus d’API',
  emptyBody:
    'Crea’n una quan vulguis connectar el teu ERP o un altre programa: podrà llegir els sinistres de la teva empresa i, si li ho permets, pujar documents i escriure missatges.',
  scopes: {
    'claims:read': { name: 'Llegir sinistres', hint: 'Els sinistres de la teva empresa, amb els documents, els missatges i l’historial.' },
    'claims:write': { name: 'Pujar documents i escriure missatges', hint: 'En els sinistres de la teva empresa, com ho faria un usuari.' },
    'webhooks:manage': { name: 'Gestionar webhooks', hint: 'Crear, canviar i esborrar els webhooks de la teva empresa.' },
    'tokens:issue': { name: 'Iniciar la sessió dels teus usuaris', hint: 'Iniciar la sessió de qualsevol usuari de la teva empresa, administradors inclosos, a la teva pròpia àrea: dona-la només al sistema que inicia la sessió dels teus usuaris.' },
  },
  permissions: 'Permisos',
  created: (when, by) => `Creada ${el(when)}${by ? ` per ${by}` : ' per l’operador'}`,
  lastUsed: (when) => `Últim ús: ${when ?? 'mai'}`,
  revokedOn: (when, by) => `Revocada ${el(when)}${by ? ` per ${by}` : ''}`,
  active: 'Activa',
  revoked: 'Revocada',
  revoke: 'Revocar',
  revokeTitle: (name) => `Vols revocar la clau «${name}»?`,
  revokeIntro: 'Els programes que la facin servir deixaran de tenir-hi accés en aquest moment. No es pot desfer: per tornar-los a connectar, crea una altra clau.',
  revokedAnnounced: (name) => `Clau «${name}» revocada.`,
  revokeFailed: 'No s’ha pogut revocar la clau.',
  createTitle: 'Clau d’API nova',
  name: 'Nom',
  nameHint: 'Per reconèixer-la: el programa que la farà servir, per exemple «ERP SAP».',
  nameRequired: 'Escriu un nom per a la clau.',
  scopesLegend: 'Permisos',
  scopesRequired: 'Tria almenys un permís.',
  createFailed: 'No s’ha pogut crear la clau.',
  creating: 'S’està creant…',
  createdTitle: (name) => `Clau «${name}» creada`,
  createdAnnounced: (name) => `Clau «${name}» creada. Copia-la ara: no la tornaràs a veure.`,
  secret: {
    label: 'La teva clau nova',
    warning: 'Copia-la ara: no la tornaràs a veure.',
    use: 'Desa-la on la llegeixi el teu programa, no en un correu ni en un xat. El programa l’envia a la capçalera X-Api-Key de cada petició.',
    copy: 'Copiar',
    copied: 'Copiada',
    copyFailed: 'No s’ha pogut copiar. La clau està seleccionada: copia-la amb Ctrl+C (Cmd+C al Mac).',
  },
  done: 'Fet',
};
