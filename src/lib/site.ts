/** Site-wide constants shown in the header, feeds and metadata. */
export const SITE_TITLE = 'Minimax';
export const SITE_DESCRIPTION = 'Generative adversarial networks explained, with models you can run in the page.';
export const SITE_LANG = 'en';
/** Byline given to posts created by `npm run new` or `npm run import` when the source names none. */
export const DEFAULT_AUTHOR = 'Minimax team';
/**
 * How pages write a date ("23 November 2026"), in UTC so the build machine's zone never shifts it.
 * One formatter for the whole build: `toLocaleDateString` with options builds a new one per call
 * (0.4 ms each here, over a second on the index pages of a 1,000-post site).
 */
export const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
