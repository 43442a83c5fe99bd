/**
 * French core strings: what the landing page's first paint, the loading lines and the crash
 * pages show. They ship with the first JavaScript; everything else is in `fr.ts`, loaded
 * with the routes and panels that need it (`loadAllMessages`). Add a key here only if the
 * landing page shows it before any click; otherwise add it to `fr.ts`. Same typography.
 */
export const coreFr = {
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

  'links.copy': 'Copier',
  'links.copied': 'Copié\u202f!',
  'links.copyLabel': 'Copier le lien {role}',

  'role.facilitator': 'Animation',
  'role.participant': 'Participant·e',
  'role.viewer': 'Observation',

  'board.loading': 'Chargement du tableau…',

  'page.home': 'Retour à l’accueil',
  'page.notFoundRoute.title': 'Page introuvable',
  'page.notFoundRoute.body': 'Cette adresse ne correspond à aucune page.',

  'cards.landing.template': 'Modèle de départ',

  'app.taglineMore':
    'Acteurs, leviers, indicateurs, impacts et boussole à sept axes, en direct et à plusieurs, depuis un simple lien\u202f: sans compte, sur ordinateur, tablette ou téléphone.',

  'mine.title': 'Mes ateliers',
  'mine.intro':
    'Les ateliers créés ou rejoints dans ce navigateur, avec leur lien. Cette liste n’est enregistrée que sur cet appareil.',
  'mine.empty':
    'Aucun atelier pour l’instant. Ceux que vous créerez ou rejoindrez depuis ce navigateur s’afficheront ici.',
  'mine.opened': 'ouvert {when}',
  'mine.createdHere': 'créé ici',
  'mine.links': 'Liens à partager',
  'mine.remove': 'Retirer',
  'mine.removeLabel': 'Retirer «\u202f{title}\u202f» ({role}) de Mes ateliers',
  'mine.removed': '«\u202f{title}\u202f» a été retiré de Mes ateliers.',

  'page.reload': 'Recharger la page',
  'page.crash.title': 'Une erreur inattendue est survenue',
  'page.crash.body':
    'L’application a rencontré un problème et ne peut pas afficher cette page. Rechargez-la\u202f; si le problème revient, repartez de l’accueil.',
  'page.boardCrash.title': 'Le tableau a rencontré une erreur',
  'page.boardCrash.body':
    'Vos modifications déjà faites sont gardées, sur le serveur et dans ce navigateur. Rechargez la page pour reprendre l’atelier.',
  'page.loadFailed.title': 'Le tableau n’a pas pu se charger',
  'page.loadFailed.body':
    'Une partie de l’application n’a pas pu être téléchargée. Vérifiez votre connexion, puis rechargez la page.',
  'page.tooOld.title': 'Navigateur trop ancien',
  'page.tooOld.body':
    'Ce navigateur ne dispose pas de fonctions dont le tableau a besoin. Ouvrez le lien dans une version récente de Firefox, Chrome, Edge ou Safari (sur ordinateur, tablette ou téléphone).',
  'page.tooOld.missing': 'Fonctions absentes\u202f: {missing}',

  'export.report.loading': 'Préparation du rapport…',

  'space.loading': 'Chargement de l’espace…',
  'space.create.title': 'Créer un espace programme',
  'space.create.intro':
    'Pour suivre plusieurs coalitions\u202f: panorama par thème et par promotion, décisions d’activation, ateliers, livret des coalitions.',
  'space.create.start': 'Créer un espace programme',
} as const satisfies Record<string, string>

/** Keys of the core catalogue. */
export type CoreKey = keyof typeof coreFr
