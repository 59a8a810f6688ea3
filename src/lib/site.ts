/** Site-wide constants shown in the header, feeds and metadata. */
export const SITE_TITLE = 'Minimax';
export const SITE_DESCRIPTION = 'Generative adversarial networks explained, with models you can run in the page.';
export const SITE_LANG = 'en';
/** Byline given to posts created by `npm run new` or `npm run import` when the source names none. */
export const DEFAULT_AUTHOR = 'Minimax team';
