import { RuntimeError } from './errors.ts';

/**
 * fetch() that reports bytes as they arrive and turns every failure into a RuntimeError.
 * We read the body ourselves instead of passing `onProgress` to tf.loadLayersModel: in
 * TF.js 4.22 that path leaves one unhandled promise rejection per failed shard even when
 * the caller catches the load error.
 *
 * @param onBytes called with the number of new bytes each time a chunk arrives
 * @returns the whole body
 */
export async function fetchWithProgress(
  url: string,
  onBytes: (delta: number) => void,
  fetchImpl: typeof fetch = fetch,
): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch {
    throw new RuntimeError('network', `Could not download ${fileName(url)}: the network request failed.`);
  }
  if (!response.ok) {
    const what = response.status === 404 ? 'was not found (HTTP 404)' : `answered HTTP ${response.status}`;
    throw new RuntimeError('not-found', `The model file ${fileName(url)} ${what}.`);
  }
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onBytes(bytes.byteLength);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
      onBytes(value.byteLength);
    }
  } catch {
    throw new RuntimeError('network', `The download of ${fileName(url)} broke off after ${length} bytes.`);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export function fileName(url: string): string {
  const path = url.split(/[?#]/)[0] ?? url;
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
