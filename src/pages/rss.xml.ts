/** RSS 2.0 feed of visible posts, newest first; links honour `site` and `base`. */
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getPosts } from '../lib/content.ts';
import { SITE_DESCRIPTION, SITE_TITLE } from '../lib/site.ts';
import { postPath, sitePath } from '../lib/urls.ts';

export async function GET(context: APIContext) {
  const posts = await getPosts();
  const site = new URL(sitePath(), context.site ?? 'http://127.0.0.1:4321');
  return rss({
    title: SITE_TITLE,
    description: SITE_DESCRIPTION,
    site,
    items: posts.map((post) => ({
      title: post.data.title,
      description: post.data.description,
      pubDate: post.data.date,
      link: postPath(post.id),
      categories: post.data.tags,
    })),
    customData: '<language>en</language>',
  });
}
