/**
 * Fails the build when an MDX post gives an island a model that is not published, naming the
 * post, the line and the models that are: `<SampleGrid model="nope" />` would otherwise render
 * "not published yet" in place of the figure and ship. A model is published when its artifact
 * folder has a card (models/<name>/artifact/card.json; for the training scrubber, the timeline
 * models/<name>/timeline/timeline.json), and the card's kind must suit the island.
 * Only literal attribute values are checked (`model="dcgan"`); `model={x}` is left to the island,
 * and so is a site without a models folder (its islands say that nothing is published).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';

/** What an island needs of a model named in one of its attributes. */
export type ModelRequirement = 'generator' | 'conditional-generator' | 'classifier' | 'discriminator' | 'timeline';

/** Island component -> attribute -> what the named model must be. Tests and the guide read this. */
export const ISLAND_MODEL_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, ModelRequirement>>>> = {
  SampleGrid: { model: 'generator' },
  LatentWalk: { model: 'generator' },
  ConditionalSampler: { model: 'conditional-generator' },
  TrainingScrubber: { model: 'timeline' },
  DigitProbe: { classifier: 'classifier', generator: 'generator', discriminator: 'discriminator' },
};

/** Where the models live: the publish-models integration sets MINIMAX_MODELS_DIR (tests point it at fixtures). */
const modelsDir = () => resolve(process.env['MINIMAX_MODELS_DIR'] ?? 'models');

function readCard(dir: string, name: string): { kind?: unknown; conditional?: unknown } | null {
  const file = join(dir, name, 'artifact', 'card.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { kind?: unknown; conditional?: unknown };
  } catch {
    return null;
  }
}

/** Names of the models that satisfy `need`, for the error message. */
export function modelsFor(need: ModelRequirement, dir = modelsDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => problemWith(name, need, dir) === null)
    .sort();
}

/** @returns null when `name` suits `need`, else what is wrong, in words */
export function problemWith(name: string, need: ModelRequirement, dir = modelsDir()): string | null {
  if (need === 'timeline') {
    return existsSync(join(dir, name, 'timeline', 'timeline.json')) ? null : `models/${name}/timeline/timeline.json does not exist`;
  }
  const card = readCard(dir, name);
  if (!card) return `models/${name}/artifact/card.json does not exist`;
  const conditional = card.conditional === true;
  if (need === 'generator' && (card.kind !== 'generator' || conditional)) return `"${name}" is not an unconditional generator`;
  if (need === 'conditional-generator' && (card.kind !== 'generator' || !conditional)) return `"${name}" is not a conditional generator`;
  if ((need === 'classifier' || need === 'discriminator') && card.kind !== need) return `"${name}" is not a ${need}`;
  return null;
}

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
interface JsxNode {
  type: string;
  name?: string | null;
  attributes?: JsxAttribute[];
  children?: JsxNode[];
  position?: { start: { line: number; column: number } };
}

function visitJsx(node: JsxNode, visit: (node: JsxNode) => void) {
  if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') visit(node);
  for (const child of node.children ?? []) visitJsx(child, visit);
}

export function remarkIslandModels() {
  return (tree: Root, file: VFile) => {
    const dir = modelsDir();
    // A site with no models folder at all (a fixture site) publishes none: its islands say so.
    if (!existsSync(dir)) return;
    visitJsx(tree as unknown as JsxNode, (node) => {
      const wanted = ISLAND_MODEL_ATTRIBUTES[node.name ?? ''];
      if (!wanted) return;
      for (const attribute of node.attributes ?? []) {
        const need = attribute.type === 'mdxJsxAttribute' && attribute.name ? wanted[attribute.name] : undefined;
        if (!need || typeof attribute.value !== 'string') continue;
        const problem = problemWith(attribute.value, need, dir);
        if (problem === null) continue;
        const at = node.position ? `:${node.position.start.line}:${node.position.start.column}` : '';
        const fits = modelsFor(need, dir);
        const where = `${file.path ? relativeToCwd(file.path) : '<mdx>'}${at}`;
        throw new Error(
          `${where}: <${node.name} ${attribute.name}="${attribute.value}">: ${problem}. ` +
            `Use one of: ${fits.length ? fits.join(', ') : '(none published)'}; publish a model with models/export.node.ts.`,
        );
      }
    });
  };
}

const relativeToCwd = (path: string) => (path.startsWith(process.cwd() + '/') ? path.slice(process.cwd().length + 1) : path);
