import { LiveIsland } from './live.ts';

export async function mount(root: HTMLElement) {
  const island = new LiveIsland(root);
  const config = island.config('training-scrubber');
  const slider = root.querySelector<HTMLInputElement>('[data-control="step"]')!;
  const output = root.querySelector<HTMLOutputElement>('.mm-step')!;
  const marker = root.querySelector<SVGLineElement>('.mm-marker');
  const modelAt = (index: number) => `${config.model}/timeline/step-${config.steps[index] ?? 0}`;

  const show = () => {
    const index = Number(slider.value);
    const step = config.steps[index] ?? 0;
    output.textContent = `step ${step}`;
    slider.setAttribute('aria-valuetext', `step ${step}`);
    const mx = String(config.markerX[index] ?? 0);
    marker?.setAttribute('x1', mx);
    marker?.setAttribute('x2', mx);
    island.setLabel(`${config.count} samples from the ${config.model} generator after ${step} training steps, seed ${config.seed}.`);
    return island.request({ model: modelAt(index), seed: config.seed, n: config.count });
  };

  slider.addEventListener('input', () => void show());
  if (config.steps.length === 0) {
    island.say('No training checkpoints have been published yet.');
    return;
  }
  if (await island.prepare(modelAt(Number(slider.value)))) await show();
}
