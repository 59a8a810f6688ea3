/** Site-wide constants shown in the header, feeds and metadata. */
export const SITE_TITLE = 'Minimax';
export const SITE_DESCRIPTION =
  'Generative adversarial networks explained, with models you can run in the page.';
export const SITE_LANG = 'en';
