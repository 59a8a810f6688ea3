import { LiveIsland } from './live.ts';

/** Keyframes per second of animation. */
const SPEED = 0.4;

export async function mount(root: HTMLElement) {
  const island = new LiveIsland(root);
  const config = island.config('latent-walk');
  const play = root.querySelector<HTMLButtonElement>('[data-action="play"]')!;
  const slider = root.querySelector<HTMLInputElement>('[data-control="position"]')!;
  let position = 0;
  let playing = false;
  let visible = true;
  let last = 0;
  let frame = 0;

  const draw = () => {
    slider.value = position.toFixed(2);
    slider.setAttribute('aria-valuetext', `keyframe ${position.toFixed(1)} of ${config.keyframes}`);
    return island.request({
      model: config.model,
      seed: config.seed,
      n: config.count,
      walk: { position, keyframes: config.keyframes },
      columns: config.columns,
    });
  };

  // `data-animating` says whether frames are being requested (tests wait on it instead of sleeping).
  const animating = (on: boolean) => (root.dataset['animating'] = String(on));

  const tick = (now: number) => {
    frame = 0;
    if (!playing || !visible) {
      animating(false);
      return;
    }
    position = (position + ((now - last) / 1000) * SPEED) % config.keyframes;
    last = now;
    // Wait for this frame to be drawn before asking for the next: the worker sets the pace.
    void draw().then(() => {
      if (playing && visible && !frame) frame = requestAnimationFrame(tick);
      else if (!frame) animating(false);
    });
  };

  const setPlaying = (on: boolean) => {
    playing = on;
    play.setAttribute('aria-pressed', String(on));
    play.textContent = on ? 'Pause' : 'Play';
    if (on && visible && !frame) {
      last = performance.now();
      frame = requestAnimationFrame(tick);
      animating(true);
    } else if (!on) animating(false);
  };

  play.addEventListener('click', () => setPlaying(!playing));
  slider.addEventListener('input', () => {
    setPlaying(false);
    position = Number(slider.value);
    void draw();
  });
  new IntersectionObserver(([entry]) => {
    visible = entry?.isIntersecting ?? true;
    if (visible && playing) setPlaying(true);
  }).observe(root);

  if (!(await island.prepare(config.model))) return;
  await draw();
  if (!matchMedia('(prefers-reduced-motion: reduce)').matches) setPlaying(true);
}
