import type { CoreKey } from './coreFr'

/** English core strings, typed against the French ones: same keys, no more, no less. */
export const coreEn: Record<CoreKey, string> = {
  'app.name': 'Coalition Board',
  'app.tagline': 'A shared whiteboard to run coalition workshops.',

  'locale.switch': 'Français',
  'locale.switchLabel': 'Passer en français',

  'landing.title': 'Create a workshop',
  'landing.intro':
    'Give your workshop a title. You will get three links to share: one to facilitate, one for participants, one for viewers.',
  'landing.field.title': 'Workshop title',
  'landing.field.titleHint': 'For example “Towards inclusive digital territories”.',
  'landing.field.coalition': 'Coalition name (optional)',
  'landing.submit': 'Create the workshop',
  'landing.submitting': 'Creating…',
  'landing.error.titleRequired': 'The title is required.',
  'landing.error.failed': 'The workshop could not be created ({detail}). Try again in a moment.',
  'landing.error.network': 'The server does not answer. Check your connection and try again.',

  'links.copy': 'Copy',
  'links.copied': 'Copied!',
  'links.copyLabel': 'Copy the {role} link',

  'role.facilitator': 'Facilitator',
  'role.participant': 'Participant',
  'role.viewer': 'Viewer',

  'board.loading': 'Loading the board…',

  'page.home': 'Back to the home page',
  'page.notFoundRoute.title': 'Page not found',
  'page.notFoundRoute.body': 'This address matches no page.',

  'cards.landing.template': 'Starting template',

  'app.taglineMore':
    'Actors, levers, indicators, impacts and the seven-axis compass, live and together, from a plain link: no account, on a computer, tablet or phone.',

  'mine.title': 'My workshops',
  'mine.intro': 'Workshops created or joined in this browser, with their links. This list is kept on this device only.',
  'mine.empty': 'No workshop yet. Those you create or join from this browser will show up here.',
  'mine.opened': 'opened {when}',
  'mine.createdHere': 'created here',
  'mine.links': 'Links to share',
  'mine.remove': 'Remove',
  'mine.removeLabel': 'Remove “{title}” ({role}) from My workshops',
  'mine.removed': '“{title}” was removed from My workshops.',

  'page.reload': 'Reload the page',
  'page.crash.title': 'Something went wrong',
  'page.crash.body':
    'The app ran into a problem and cannot show this page. Reload it; if the problem comes back, start again from the home page.',
  'page.boardCrash.title': 'The board ran into an error',
  'page.boardCrash.body':
    'The changes you already made are kept, on the server and in this browser. Reload the page to get back to the workshop.',
  'page.loadFailed.title': 'The board could not load',
  'page.loadFailed.body': 'Part of the app could not be downloaded. Check your connection, then reload the page.',
  'page.tooOld.title': 'Browser too old',
  'page.tooOld.body':
    'This browser lacks features the board needs. Open the link in a recent version of Firefox, Chrome, Edge or Safari (on a computer, tablet or phone).',
  'page.tooOld.missing': 'Missing features: {missing}',

  'export.report.loading': 'Preparing the report…',

  'space.loading': 'Loading the space…',
  'space.create.title': 'Create a programme space',
  'space.create.intro':
    'To follow many coalitions: panorama by theme and cohort, activation decisions, workshops, coalitions booklet.',
  'space.create.start': 'Create a programme space',
}
