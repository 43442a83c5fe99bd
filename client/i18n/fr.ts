/**
 * French UI strings: the reference catalogue. `en.ts` must have exactly the same keys (a
 * missing or extra key is a type error there). Placeholders are `{name}`. Typography: a
 * narrow no-break space (U+202F) before « ; : ! ? » and inside « », as French print does.
 */
export const fr = {
  'app.name': 'Coalition Board',
  'app.tagline': 'Un tableau blanc partagé pour animer les ateliers de coalition.',
  'locale.switch': 'English',
  'locale.switchLabel': 'Switch to English',

  'landing.title': 'Créer un atelier',
  'landing.intro':
    'Donnez un titre à votre atelier. Vous recevrez trois liens à partager\u202f: un pour l’animation, un pour les participant·es, un pour les observateur·rices.',
  'landing.field.title': 'Titre de l’atelier',
  'landing.field.titleHint': 'Par exemple «\u202fPour des territoires numériques inclusifs\u202f».',
  'landing.field.coalition': 'Nom de la coalition (facultatif)',
  'landing.submit': 'Créer l’atelier',
  'landing.submitting': 'Création…',
  'landing.error.titleRequired': 'Le titre est obligatoire.',
  'landing.error.failed': 'L’atelier n’a pas pu être créé ({detail}). Réessayez dans un instant.',
  'landing.error.network': 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',

  'links.title': 'Atelier créé\u202f: {title}',
  'links.intro': 'Gardez ces liens. Chacun donne un rôle différent à qui l’ouvre.',
  'links.facilitator': 'Animation',
  'links.facilitator.help': 'Pour vous et les co-animateur·rices\u202f: pilote l’atelier (agenda, minuteur, verrouillage, export).',
  'links.participant': 'Participant·es',
  'links.participant.help': 'À envoyer aux participant·es\u202f: ils et elles modifient le tableau et votent.',
  'links.viewer': 'Observation',
  'links.viewer.help': 'Pour un écran de projection ou des observateur·rices\u202f: voit tout, ne modifie rien.',
  'links.copy': 'Copier',
  'links.copied': 'Copié\u202f!',
  'links.copyLabel': 'Copier le lien {role}',
  'links.open': 'Ouvrir le tableau (animation)',
  'links.another': 'Créer un autre atelier',

  'name.title': 'Comment vous appeler\u202f?',
  'name.intro': 'Votre nom s’affiche à côté de votre curseur et dans la liste des présent·es.',
  'name.field': 'Votre nom',
  'name.submit': 'Rejoindre le tableau',
  'name.required': 'Indiquez un nom pour continuer.',

  'role.facilitator': 'Animation',
  'role.participant': 'Participant·e',
  'role.viewer': 'Observation',

  'connection.online': 'connecté',
  'connection.connecting': 'connexion…',
  'connection.reconnecting': 'reconnexion…',
  'connection.offline': 'hors ligne (modifications gardées localement)',
  'connection.label': 'État de la connexion',

  'presence.title': 'Présent·es ({count})',
  'presence.you': '{name} (vous)',
  'presence.toggleShow': 'Afficher la liste des présent·es',
  'presence.toggleHide': 'Masquer la liste des présent·es',
  'presence.unnamed': 'Sans nom',

  'board.loading': 'Chargement du tableau…',
  'board.readonly': 'Lecture seule',
  'board.offlineCopy': 'Serveur injoignable\u202f: copie hors ligne ouverte. Vos modifications seront envoyées au retour de la connexion.',
  'board.invalidRecord': 'Un élément reçu était invalide et a été ignoré ({id}).',
  'board.outdated': 'Une version plus récente de l’application a modifié ce tableau. Rechargez la page pour continuer à modifier.',
  'board.reload': 'Recharger',
  'board.dismiss': 'Fermer',
  'board.tooLarge': 'Le tableau a atteint sa taille maximale\u202f: les dernières modifications n’ont pas été enregistrées.',
  'board.messageTooLarge': 'Une modification était trop volumineuse pour être envoyée.',
  'board.rateLimited': 'Trop de modifications d’un coup\u202f: reconnexion en cours.',
  'board.serverError': 'Le serveur a rencontré une erreur. Nouvelle tentative en cours.',
  'board.license':
    'Le tableau ne peut pas s’afficher\u202f: ce site est servi en HTTPS sans clé de licence tldraw valide. L’administrateur doit définir TLDRAW_LICENSE_KEY (voir le README).',

  'page.invalid.title': "Ce lien n'est pas valide",
  'page.invalid.body': 'Il est incomplet, a expiré ou appartient à un autre atelier. Demandez un nouveau lien à l’animateur·rice.',
  'page.notFound.title': 'Atelier introuvable',
  'page.notFound.body': 'Cet atelier n’existe pas ou a été supprimé.',
  'page.deleted.title': 'Atelier supprimé',
  'page.deleted.body': 'L’animateur·rice a supprimé cet atelier pendant que vous y étiez.',
  'page.forbidden.title': 'Accès refusé',
  'page.forbidden.body': 'Ce lien ne permet pas d’ouvrir ce tableau depuis cette page.',
  'page.unreachable.title': 'Serveur injoignable',
  'page.unreachable.body': 'Le serveur ne répond pas et aucune copie hors ligne de cet atelier n’existe dans ce navigateur.',
  'page.retry': 'Réessayer',
  'page.home': 'Retour à l’accueil',
  'page.notFoundRoute.title': 'Page introuvable',
  'page.notFoundRoute.body': 'Cette adresse ne correspond à aucune page.',
} as const satisfies Record<string, string>

/** Every UI message key. */
export type MessageKey = keyof typeof fr
