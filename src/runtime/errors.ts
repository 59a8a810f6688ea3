/**
 * Every way a live island can fail, each with a sentence a reader can understand.
 * The worker throws these; they cross postMessage as `{ kind, message }` and the island
 * shows `message` next to its static fallback image.
 */
export type RuntimeErrorKind =
  | 'not-found' // model file answered 404 (or another HTTP error)
  | 'network' // fetch itself failed (offline, connection reset)
  | 'truncated' // a file arrived shorter than the manifest says
  | 'checksum' // SHA-256 differs from the model card
  | 'format' // model.json / card.json is not what the contract promises
  | 'no-backend' // no TF.js backend passed its self-test
  | 'context-lost' // the GPU context went away and no other backend was left
  | 'internal';

export class RuntimeError extends Error {
  readonly kind: RuntimeErrorKind;
  constructor(kind: RuntimeErrorKind, message: string) {
    super(message);
    this.name = 'RuntimeError';
    this.kind = kind;
  }
}

/** Plain-object form that survives structured cloning. */
export interface SerializedError {
  kind: RuntimeErrorKind;
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof RuntimeError) return { kind: error.kind, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `The model could not run: ${message}` };
}
