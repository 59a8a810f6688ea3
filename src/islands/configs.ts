/**
 * The settings each island's `.astro` component hands its `.client.ts` controller, one type per
 * island, declared once as a field-shape table: the component's `config` prop is checked
 * against it by `astro check`, and the controller reads it with `readIslandConfig`, which checks
 * every field at run time (no cast; a page built from a stale component fails with a message
 * naming the island and the field). Shapes rather than Zod: this runs in the page, where a
 * schema library would outweigh the islands' bootstrap several times over.
 */

/** How a config field is checked at run time. */
type FieldShape = 'string' | 'number' | 'boolean' | 'number[]' | 'string|null';

type FieldValue<S extends FieldShape> = S extends 'string'
  ? string
  : S extends 'number'
    ? number
    : S extends 'boolean'
      ? boolean
      : S extends 'number[]'
        ? number[]
        : string | null;

/** Every island's config fields. Add an island here, then its component and controller type-check against it. */
export const ISLAND_CONFIG_SHAPES = {
  'sample-grid': { model: 'string', seed: 'number', count: 'number', hashKey: 'string' },
  'conditional-sampler': { model: 'string', seed: 'number', count: 'number', digit: 'number' },
  'latent-walk': { model: 'string', seed: 'number', count: 'number', keyframes: 'number', columns: 'number' },
  'training-scrubber': { model: 'string', seed: 'number', count: 'number', steps: 'number[]', markerX: 'number[]' },
  'digit-probe': { classifier: 'string', generator: 'string', seed: 'number', discriminator: 'string|null', dLogit: 'boolean' },
} as const satisfies Record<string, Record<string, FieldShape>>;

/** The name in `data-island` that picks a controller (src/islands/boot.ts). */
export type IslandKind = keyof typeof ISLAND_CONFIG_SHAPES;

/** The config of island `K`, as the component writes it and the controller reads it. */
export type IslandConfig<K extends IslandKind> = {
  -readonly [F in keyof (typeof ISLAND_CONFIG_SHAPES)[K]]: FieldValue<(typeof ISLAND_CONFIG_SHAPES)[K][F] & FieldShape>;
};

function matches(shape: FieldShape, value: unknown): boolean {
  switch (shape) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'number[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
    case 'string|null':
      return value === null || typeof value === 'string';
  }
}

/**
 * Parses and checks a config (the JSON in `data-config`) against island `kind`'s shape.
 * @throws Error naming the island and the first missing or mistyped field
 */
export function parseIslandConfig<K extends IslandKind>(kind: K, json: string | undefined): IslandConfig<K> {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '');
  } catch {
    throw new Error(`The ${kind} island has no readable configuration.`);
  }
  if (value === null || typeof value !== 'object') throw new Error(`The ${kind} island's configuration is not an object.`);
  const record = value as Record<string, unknown>;
  for (const [field, shape] of Object.entries(ISLAND_CONFIG_SHAPES[kind]) as [string, FieldShape][]) {
    if (!matches(shape, record[field])) throw new Error(`The ${kind} island's configuration needs "${field}" as ${shape}.`);
  }
  return record as IslandConfig<K>;
}
