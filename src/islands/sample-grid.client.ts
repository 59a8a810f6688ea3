import { LiveIsland } from './live.ts';
import { hashWithSeed, seedFromHash } from './url-hash.ts';

function writeSeedToHash(key: string, seed: number) {
  history.replaceState(history.state, '', hashWithSeed(location.hash, key, seed));
}

export async function mount(root: HTMLElement) {
  const island = new LiveIsland(root);
  const config = island.config('sample-grid');
  const seedInput = root.querySelector<HTMLInputElement>('[data-control="seed"]')!;
  let seed = seedFromHash(location.hash, config.hashKey) ?? config.seed;

  const show = (next: number, updateHash: boolean) => {
    seed = next;
    seedInput.value = String(seed);
    if (updateHash) writeSeedToHash(config.hashKey, seed);
    island.setLabel(`${config.count} samples from the ${config.model} generator, seed ${seed}.`);
    return island.request({ model: config.model, seed, n: config.count });
  };

  root.querySelector('[data-action="regenerate"]')!.addEventListener('click', () => {
    void show(Math.floor(Math.random() * 1e6), true);
  });
  seedInput.addEventListener('change', () => {
    const value = Number(seedInput.value);
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) void show(value, true);
  });
  root.querySelector('[data-action="download"]')!.addEventListener('click', () => {
    island.canvas.toBlob((blob) => {
      if (!blob) return;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `minimax-${config.model}-seed-${seed}.png`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }, 'image/png');
  });
  addEventListener('hashchange', () => {
    const fromHash = seedFromHash(location.hash, config.hashKey);
    if (fromHash !== null && fromHash !== seed) void show(fromHash, false);
  });

  if (await island.prepare(config.model)) await show(seed, false);
}
