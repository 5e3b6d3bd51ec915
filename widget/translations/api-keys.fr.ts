import type { ApiKeysTranslation } from './translation.ts';

// The words of <claims-api-keys>, in French: loaded with it, not at start.

export const apiKeysFr: ApiKeysTranslation = {
  title: 'Clés d’API',
  intro:
    'Avec une clé d’API, un logiciel de votre entreprise — votre ERP, par exemple — consulte les sinistres et ajoute des documents sans que personne ne se connecte. Créez une clé par logiciel, avec uniquement les autorisations dont il a besoin.',
  create: 'Créer une clé',
  emptyTitle: 'Aucune clé d’API pour l’instant',
  emptyBody:
    'Créez-en une lorsque vous voudrez connecter votre ERP ou un autre logiciel : il pourra consulter les sinistres de votre entreprise et, si vous l’y autorisez, ajouter des documents et écrire des messages.',
  scopes: {
    'claims:read': { name: 'Consulter les sinistres', hint: 'Les sinistres de votre entreprise, avec leurs documents, leurs messages et leur historique.' },
    'claims:write': { name: 'Ajouter des documents et écrire des messages', hint: 'Dans les sinistres de votre entreprise, comme le ferait un utilisateur.' },
    'webhooks:manage': { name: 'Gérer les webhooks', hint: 'Créer, modifier et supprimer les webhooks de votre entreprise.' },
    'tokens:issue': { name: 'Connecter vos utilisateurs', hint: 'Connecter n’importe quel utilisateur de votre entreprise, administrateurs compris, dans votre propre espace : ne la donnez qu’au système qui connecte vos utilisateurs.' },
  },
  permissions: 'Autorisations',
  created: (when, by) => `Créée le ${when}${by ? ` par ${by}` : ' par l’opérateur'}`,
  lastUsed: (when) => `Dernière utilisation : ${when ?? 'jamais'}`,
  revokedOn: (when, by) => `Révoquée le ${when}${by ? ` par ${by}` : ''}`,
  active: 'Active',
  revoked: 'Révoquée',
  revoke: 'Révoquer',
  revokeTitle: (name) => `Révoquer la clé « ${name} » ?`,
  revokeIntro: 'Les logiciels qui l’utilisent perdront leur accès immédiatement. Cette action est irréversible : pour les reconnecter, créez une autre clé.',
  revokedAnnounced: (name) => `Clé « ${name} » révoquée.`,
  revokeFailed: 'Impossible de révoquer la clé.',
  createTitle: 'Nouvelle clé d’API',
  name: 'Nom',
  nameHint: 'Pour la reconnaître : le logiciel qui l’utilisera, par exemple « ERP SAP ».',
  nameRequired: 'Donnez un nom à la clé.',
  scopesLegend: 'Autorisations',
  scopesRequired: 'Choisissez au moins une autorisation.',
  createFailed: 'Impossible de créer la clé.',
  creating: 'Création…',
  createdTitle: (name) => `Clé « ${name} » créée`,
  createdAnnounced: (name) => `Clé « ${name} » créée. Copiez-la maintenant : vous ne la reverrez plus.`,
  secret: {
    label: 'Votre nouvelle clé',
    warning: 'Copiez-la maintenant : vous ne la reverrez plus.',
    use: 'Conservez-la là où votre logiciel la lira, pas dans un e-mail ni dans une messagerie. Il l’envoie dans l’en-tête X-Api-Key de chaque requête.',
    copy: 'Copier',
    copied: 'Copiée',
    copyFailed: 'Impossible de copier. La clé est sélectionnée : copiez-la avec Ctrl+C (Cmd+C sur Mac).',
  },
  done: 'Terminé',
};
