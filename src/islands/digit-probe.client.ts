import { LiveIsland } from './live.ts';
import { TILE } from '../runtime/pixels.ts';

/** Pen radius in pixels of the 28x28 image (MNIST strokes are about 2-3 px wide). */
const PEN = 1.4;

export async function mount(root: HTMLElement) {
  const island = new LiveIsland(root);
  const config = island.config('digit-probe');
  const { canvas } = island;
  const verdict = root.querySelector<HTMLElement>('.mm-verdict')!;
  const meters = [...root.querySelectorAll<HTMLMeterElement>('.mm-probs meter')];
  const percents = [...root.querySelectorAll<HTMLElement>('.mm-probs .mm-percent')];
  const realnessMeter = root.querySelector<HTMLMeterElement>('.mm-realness meter');
  const realnessValue = root.querySelector<HTMLElement>('.mm-realness-value');
  /** [28, 28] in [-1, 1]; -1 is background, as in the training data. */
  const image = new Float32Array(TILE * TILE).fill(-1);
  const cursor = { x: 14, y: 14 };
  let seed = config.seed;
  let pending = false;
  let again = false;

  const paint = () => {
    const rgba = new Uint8ClampedArray(TILE * TILE * 4);
    image.forEach((v, i) => {
      rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = Math.round((v + 1) * 127.5);
      rgba[i * 4 + 3] = 255;
    });
    canvas.width = TILE;
    canvas.height = TILE;
    const context = canvas.getContext('2d')!;
    context.putImageData(new ImageData(rgba, TILE, TILE), 0, 0);
    if (document.activeElement === canvas) {
      context.strokeStyle = '#e33';
      context.strokeRect(cursor.x - 0.5, cursor.y - 0.5, 1, 1);
    }
  };

  const classify = async () => {
    if (pending) {
      again = true;
      return;
    }
    pending = true;
    try {
      const { outputs: probabilities, ms, backend } = await island.runtime.predict(config.classifier, image.slice());
      if (config.discriminator && realnessMeter && realnessValue) {
        const raw = (await island.runtime.predict(config.discriminator, image.slice())).outputs[0] ?? 0;
        const realness = config.dLogit ? 1 / (1 + Math.exp(-raw)) : raw;
        realnessMeter.value = realness;
        realnessValue.textContent = realness.toFixed(2);
      }
      const best = probabilities.indexOf(Math.max(...probabilities));
      probabilities.forEach((p, k) => {
        if (meters[k]) meters[k].value = p;
        if (percents[k]) percents[k].textContent = `${(100 * p).toFixed(p < 0.1 ? 1 : 0)} %`;
      });
      verdict.textContent = image.every((v) => v === -1)
        ? 'Draw a digit.'
        : `Classifier: ${best} (${(100 * (probabilities[best] ?? 0)).toFixed(0)} %)`;
      island.showTiming(backend, ms);
    } catch (error) {
      island.fail(error);
    } finally {
      pending = false;
      if (again) {
        again = false;
        void classify();
      }
    }
  };

  const ink = (x: number, y: number) => {
    for (let j = Math.floor(y - 2); j <= y + 2; j++) {
      for (let i = Math.floor(x - 2); i <= x + 2; i++) {
        if (i < 0 || j < 0 || i >= TILE || j >= TILE) continue;
        const strength = Math.max(0, 1 - Math.hypot(i + 0.5 - x, j + 0.5 - y) / (PEN + 1));
        const k = j * TILE + i;
        image[k] = Math.max(image[k] ?? -1, -1 + 2 * Math.min(1, strength * 1.6));
      }
    }
  };

  const takeSample = async () => {
    try {
      const { pixels } = await island.runtime.generate({ model: config.generator, seed, n: 1 });
      for (let i = 0; i < image.length; i++) image[i] = (pixels[i * 4] ?? 0) / 127.5 - 1;
      canvas.setAttribute(
        'aria-label',
        `Drawing pad holding a digit from the ${config.generator} generator (seed ${seed}). Draw with a pointer, or use the arrow keys and Space.`,
      );
      paint();
      await classify();
    } catch (error) {
      island.fail(error);
    }
  };

  const toImage = (event: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * TILE, y: ((event.clientY - box.top) / box.height) * TILE };
  };
  let drawing = false;
  canvas.addEventListener('pointerdown', (event) => {
    if (root.dataset['state'] !== 'live') return;
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    const { x, y } = toImage(event);
    ink(x, y);
    paint();
    void classify();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    const { x, y } = toImage(event);
    ink(x, y);
    paint();
    void classify();
  });
  canvas.addEventListener('pointerup', () => (drawing = false));
  canvas.addEventListener('keydown', (event) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[event.key];
    if (move) {
      cursor.x = Math.min(TILE - 1, Math.max(0, cursor.x + move[0]));
      cursor.y = Math.min(TILE - 1, Math.max(0, cursor.y + move[1]));
      if (event.shiftKey) ink(cursor.x + 0.5, cursor.y + 0.5);
    } else if (event.key === ' ' || event.key === 'Enter') ink(cursor.x + 0.5, cursor.y + 0.5);
    else return;
    event.preventDefault();
    paint();
    if (event.key === ' ' || event.key === 'Enter' || event.shiftKey) void classify();
  });
  canvas.addEventListener('focus', paint);
  canvas.addEventListener('blur', paint);
  root.querySelector('[data-action="clear"]')!.addEventListener('click', () => {
    image.fill(-1);
    canvas.setAttribute('aria-label', 'Empty drawing pad. Draw with a pointer, or use the arrow keys and Space.');
    paint();
    void classify();
  });
  root.querySelector('[data-action="sample"]')!.addEventListener('click', () => {
    seed = Math.floor(Math.random() * 1e6);
    void takeSample();
  });

  for (const model of [config.classifier, config.generator, config.discriminator]) {
    if (model && !(await island.prepare(model))) return;
  }
  canvas.tabIndex = 0;
  canvas.classList.add('mm-pad');
  await takeSample();
  canvas.hidden = false;
  if (island.fallback) island.fallback.hidden = true;
  root.dataset['state'] = 'live';
}
