/**
 * Which components the writer's guide (src/pages/guide.astro) documents, in its order, and why
 * the others are not for posts. tests/unit/site/guide.test.ts fails when a component file in
 * src/components or src/islands is in neither list, or when a listed one has no live example
 * in content/guide/examples/, so a new component cannot ship without its entry in the guide.
 */

export interface GuideComponent {
  name: string;
  /** Path relative to the repository. */
  file: string;
  /** The example in content/guide/examples/ that shows it (by default `<name>.mdx`). */
  example?: string;
}

/** What a post may use, grouped as the guide shows them. */
export const GUIDE_SECTIONS: { title: string; id: string; components: GuideComponent[] }[] = [
  {
    title: 'Text, code and references',
    id: 'text',
    components: [
      { name: 'SourceRegion', file: 'src/components/SourceRegion.astro' },
      { name: 'Callout', file: 'src/components/Callout.astro' },
      { name: 'Figure', file: 'src/components/Figure.astro' },
      { name: 'FigRef', file: 'src/components/FigRef.astro', example: 'Figure' },
      { name: 'Cite', file: 'src/components/Cite.astro' },
    ],
  },
  {
    title: 'Numbers from the project',
    id: 'numbers',
    components: [
      { name: 'CardValue', file: 'src/components/CardValue.astro' },
      { name: 'ResultValue', file: 'src/components/ResultValue.astro' },
      { name: 'LayerTable', file: 'src/components/LayerTable.astro' },
    ],
  },
  {
    title: 'Live models (islands)',
    id: 'islands',
    components: [
      { name: 'SampleGrid', file: 'src/islands/SampleGrid.astro' },
      { name: 'ConditionalSampler', file: 'src/islands/ConditionalSampler.astro' },
      { name: 'LatentWalk', file: 'src/islands/LatentWalk.astro' },
      { name: 'TrainingScrubber', file: 'src/islands/TrainingScrubber.astro' },
      { name: 'DigitProbe', file: 'src/islands/DigitProbe.astro' },
      { name: 'Playground', file: 'src/islands/Playground.astro' },
    ],
  },
];

export const GUIDE_COMPONENTS: GuideComponent[] = GUIDE_SECTIONS.flatMap((section) => section.components);

/** Component files that are not for posts, and why (the site's own furniture). */
export const NOT_FOR_POSTS: Readonly<Record<string, string>> = {
  'src/components/FormattedDate.astro': 'dates in the layouts',
  'src/components/PostList.astro': 'post lists on the home and tag pages',
  'src/components/QaSection.astro': 'the Q&A pages',
  'src/components/References.astro': 'added by the post page from the Cite keys',
  'src/components/SearchBox.astro': 'the header',
  'src/components/SiteFooter.astro': 'the page footer',
  'src/components/SiteHeader.astro': 'the page header',
  'src/components/TableOfContents.astro': 'the post layout, from the headings',
  'src/components/TagList.astro': 'the post layout and lists',
  'src/islands/IslandFrame.astro': 'the frame every island is drawn in',
};
