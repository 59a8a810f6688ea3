/**
 * The playground on the main thread: controls, keyboard, URL state, drawing frames from the
 * worker, pausing off screen or in a hidden tab, reduced motion, divergence and no-backend
 * messages. Training and every view are computed in ./worker.ts.
 */
import { isToyPresetName, presetConfig, TOY_PRESETS, type ToyPresetName } from '../../../models/gan/toy-presets.ts';
import { parseBackendOverride } from '../../runtime/backend-choice.ts';
import { PlaygroundWorker } from './client.ts';
import { fromPixel, PLANE_PX } from './draw.ts';
import { PaintClient } from './paint-client.ts';
import type { PlaygroundFrame, RunView, StepsPerTick } from './protocol.ts';
import { formatState, parseState, type PlaygroundState } from './url-state.ts';
import { previewPoints } from './preview.ts';
import { readForm, fillForm } from './form.ts';

interface Props {
  preset: string;
  mode: 'compact' | 'full';
  url: boolean;
}

interface Panel {
  heading: HTMLElement;
  plane: HTMLCanvasElement;
  optimal: HTMLCanvasElement;
  curves: HTMLCanvasElement;
  stats: HTMLElement;
}

/** What a frame changes in the page's text, read before its arrays go to the painter. */
interface FrameText {
  step: number;
  stepText: string;
  rateText: string;
  snapshots: number;
  scrubbed: number | null;
  scrubText: string;
  playing: boolean;
  runs: { stats: string; label: string }[];
  diverged: string[];
}

/** Frames drawn per second while training (the worker spaces them further when they are costly). */
const FRAME_HZ = 12;

/** Writes the DOM only when the value changes: an unchanged write still repaints the page around it. */
function setText(element: Element, text: string) {
  if (element.textContent !== text) element.textContent = text;
}
function setAttr(element: Element, name: string, value: string) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

export function mount(root: HTMLElement) {
  const props = JSON.parse(root.dataset['playground'] ?? '{}') as Props;
  const fallbackPreset: ToyPresetName = isToyPresetName(props.preset) ? props.preset : 'ring-converge';
  const parsed = props.url
    ? parseState(location.hash, fallbackPreset)
    : { ...presetConfig(fallbackPreset), preset: fallbackPreset, notes: [] };
  let state: PlaygroundState = { preset: parsed.preset, config: parsed.config, runs: parsed.runs };
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector);
  const message = q<HTMLElement>('.pg-message')!;
  const stepOut = q<HTMLOutputElement>('.pg-step')!;
  const rateOut = q<HTMLOutputElement>('.pg-rate')!;
  const backendOut = q<HTMLElement>('.pg-backend')!;
  const playButton = q<HTMLButtonElement>('[data-action="play"]')!;
  const scrub = q<HTMLInputElement>('[data-control="scrub"]')!;
  const speed = q<HTMLSelectElement>('[data-control="speed"]')!;
  const form = q<HTMLFormElement>('.pg-form');
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const notes = parsed.notes.length ? `Ignored in the URL (defaults used instead): ${parsed.notes.join('; ')}.` : '';
  let panels: Panel[] = [];
  let playing = false;
  let last: { step: number; covered: number[]; stepsPerSecond: number; playing: boolean } | null = null;
  let replayTimer = 0;
  let drawing: number[] = [...state.config.drawn];
  const say = (text: string) => (message.textContent = text);
  const painter = new PaintClient();
  /** The reader's points to the painter: drawn now, and in every frame once "drawn" is the applied target. */
  const sendDrawing = () => painter.drawing(drawing, state.config.target === 'drawn');
  let paints = true;
  /** The HTML's pictures of the target, shown until the painter's first picture replaces them. */
  let previews: HTMLImageElement[] = [...root.querySelectorAll<HTMLImageElement>('.pg-preview')];
  painter.onPainted = (what) => {
    if (previews.length) {
      previews.forEach((img) => img.remove());
      previews = [];
      for (const panel of panels) panel.plane.hidden = false;
      root.dataset['firstFrame'] ??= String(Math.round(performance.now()));
    }
    if (what !== 'frame') return;
    // The frame's text changes in the same task as its pictures: one compositor frame, not two.
    if (pending) showText(pending);
    pending = null;
    root.dataset['frames'] = String(Number(root.dataset['frames'] ?? 0) + 1);
    if (root.dataset['state'] !== 'live') root.dataset['state'] = 'live';
    root.dataset['liveAt'] ??= String(Math.round(performance.now()));
  };
  painter.onFailed = (text) => {
    paints = false;
    say(`The plots cannot be drawn here: ${text} Training goes on; the numbers above stay live.`);
  };

  const controls = () => [
    ...root.querySelectorAll<HTMLButtonElement | HTMLSelectElement | HTMLInputElement>(
      '.pg-toolbar button, .pg-toolbar select, .pg-time button, .pg-time input',
    ),
  ];
  const enable = (on: boolean) => controls().forEach((c) => (c.disabled = !on));

  function buildPanels() {
    const container = q<HTMLElement>('.pg-runs')!;
    container.replaceChildren();
    panels = state.runs.map((run, i) => {
      const article = document.createElement('article');
      article.className = 'pg-run';
      const heading = document.createElement('h3');
      heading.textContent = run.lr === undefined ? run.loss : `${run.loss}, learning rate ${run.lr}`;
      const canvas = (w: number, h: number, label: string) => {
        const c = document.createElement('canvas');
        c.width = w;
        c.height = h;
        c.setAttribute('role', 'img');
        c.setAttribute('aria-label', label);
        return c;
      };
      const plane = canvas(PLANE_PX, PLANE_PX, `Run ${i + 1}: real and generated points over D's output`);
      plane.dataset['run'] = String(i);
      const preview = previews[i];
      if (preview) plane.hidden = true;
      const optimal = canvas(120, 120, `Run ${i + 1}: optimal discriminator D* estimated from samples`);
      const curves = canvas(220, 120, `Run ${i + 1}: discriminator and generator loss, and modes covered, over training`);
      const small = document.createElement('div');
      small.className = 'pg-small';
      small.append(optimal, curves);
      const stats = document.createElement('p');
      stats.className = 'pg-stats';
      article.append(heading, ...(preview ? [preview] : []), plane, small, stats);
      container.append(article);
      return { heading, plane, optimal, curves, stats };
    });
    const { color: textColour, fontFamily } = getComputedStyle(root);
    painter.panels(panels, { textColour, fontFamily });
    sendDrawing();
    attachDrawing();
  }

  function runText(view: RunView) {
    const n = view.losses.length;
    const modes = view.modes > 0 ? `modes ${view.covered}/${view.modes} · ` : '';
    const losses = n >= 3 ? `D ${view.losses[n - 2]?.toFixed(3)} · G ${view.losses[n - 1]?.toFixed(3)}` : 'no steps yet';
    return {
      stats: `${modes}${losses}${view.diverged ? ' · diverged (NaN)' : ''}`,
      label: `${view.loss} at step ${view.step}: ${modes}generated points (magenta) over real data (black)`,
    };
  }

  let pending: FrameText | null = null;
  /**
   * The painter gets every frame at once and paints the latest; the page's text follows when
   * that paint is on the page (or at the next animation frame if nothing paints).
   */
  function onFrame(frame: PlaygroundFrame) {
    const shown = frame.runs[0]?.step ?? 0;
    const text: FrameText = {
      step: frame.step,
      stepText: frame.scrubbed === null ? `step ${frame.step}` : `snapshot at step ${shown} (trained to ${frame.step})`,
      rateText: `${frame.stepsPerSecond.toFixed(0)} steps/s`,
      snapshots: frame.snapshots,
      scrubbed: frame.scrubbed,
      scrubText: frame.scrubbed === null ? 'live' : `step ${shown}`,
      playing: frame.playing,
      runs: frame.runs.map(runText),
      diverged: frame.runs.filter((r) => r.diverged).map((r) => r.loss),
    };
    last = { step: frame.step, covered: frame.runs.map((r) => r.covered), stepsPerSecond: frame.stepsPerSecond, playing: frame.playing };
    // The step the worker has reached, at once (tests and the benchmark read it); no selector uses it.
    root.dataset['step'] = String(frame.step);
    const first = pending === null;
    pending = text;
    if (paints) painter.frame(frame);
    else if (first)
      requestAnimationFrame(() => {
        const next = pending;
        pending = null;
        if (next) showText(next);
      });
  }

  function showText(frame: FrameText) {
    frame.runs.forEach((run, i) => {
      const panel = panels[i];
      if (!panel) return;
      setText(panel.stats, run.stats);
      setAttr(panel.plane, 'aria-label', run.label);
    });
    setText(stepOut, frame.stepText);
    setText(rateOut, frame.rateText);
    const max = String(Math.max(0, frame.snapshots - 1));
    if (scrub.max !== max) scrub.max = max;
    if (frame.scrubbed === null && scrub.value !== max) scrub.value = max;
    setAttr(scrub, 'aria-valuetext', frame.scrubText);
    setPlaying(frame.playing, false);
    const diverged = frame.diverged;
    if (diverged.length) {
      root.dataset['diverged'] = 'true';
      say(
        `The ${diverged.join(' and ')} run diverged to NaN at step ${frame.step}. Press Reset (or R) to start again, or lower the learning rates in the settings.`,
      );
    }
  }

  function setPlaying(on: boolean, send = true) {
    playing = on;
    setText(playButton, on ? 'Pause' : 'Play');
    setAttr(playButton, 'aria-pressed', String(on));
    if (send) void worker.call({ type: 'play', playing: on });
  }

  function writeUrl() {
    if (props.url) history.replaceState(null, '', formatState(state));
  }

  async function configure(next: PlaygroundState) {
    stopReplay();
    state = next;
    drawing = [...next.config.drawn];
    delete root.dataset['diverged'];
    buildPanels();
    if (form) fillForm(form, state);
    writeUrl();
    await worker.call({ type: 'configure', config: state.config, runs: state.runs });
    say(TOY_PRESETS[state.preset].watch);
  }

  function stopReplay() {
    if (replayTimer) clearInterval(replayTimer);
    replayTimer = 0;
  }

  function replay() {
    stopReplay();
    setPlaying(false);
    const end = Number(scrub.max);
    let index = reducedMotion ? end : 0;
    const show = () => {
      scrub.value = String(index);
      void worker.call({ type: 'scrub', index });
      if (++index > end) stopReplay();
    };
    show();
    if (!reducedMotion) replayTimer = window.setInterval(show, 100);
  }

  function attachDrawing() {
    const canvas = panels[0]?.plane;
    if (!canvas || !form) return;
    let down = false;
    const add = (event: PointerEvent) => {
      if (!down || (form.elements.namedItem('target') as HTMLSelectElement | null)?.value !== 'drawn') return;
      const [x, y] = fromPixel(canvas, event.clientX, event.clientY);
      if (Math.abs(x) > 2.4 || Math.abs(y) > 2.4 || drawing.length >= 600) return;
      // Rounded as the URL stores them, so a shared link trains on exactly these points.
      drawing.push(Math.round(x * 100) / 100, Math.round(y * 100) / 100);
      sendDrawing();
    };
    canvas.addEventListener('pointerdown', (e) => {
      down = true;
      canvas.setPointerCapture(e.pointerId);
      add(e);
    });
    canvas.addEventListener('pointermove', add);
    canvas.addEventListener('pointerup', () => (down = false));
    canvas.addEventListener('pointercancel', () => (down = false));
  }

  const worker = new PlaygroundWorker();
  worker.onFrame = onFrame;
  worker.onBackend = (name) => (backendOut.textContent = `backend ${name}`);
  buildPanels();
  painter.preview(previewPoints(state.config));
  if (form) fillForm(form, state);
  say(notes || 'Starting TensorFlow.js in a worker…');
  root.dataset['state'] = 'loading';

  let visible = true;
  const hold = () => void worker.call({ type: 'hold', held: !visible || document.hidden });
  new IntersectionObserver((entries) => {
    visible = entries.some((e) => e.isIntersecting);
    root.dataset['held'] = String(!visible || document.hidden);
    hold();
  }).observe(root);
  document.addEventListener('visibilitychange', () => {
    root.dataset['held'] = String(!visible || document.hidden);
    hold();
  });

  root.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset['action'];
    if (action === 'play') setPlaying(!playing);
    else if (action === 'd-step') void worker.call({ type: 'train', kind: 'd' });
    else if (action === 'g-step') void worker.call({ type: 'train', kind: 'g' });
    else if (action === 'reset') void configure(state);
    else if (action === 'replay') replay();
    else if (action === 'live') {
      stopReplay();
      void worker.call({ type: 'scrub', index: null });
    } else if (action === 'clear-drawing') {
      drawing = [];
      sendDrawing();
    }
  });
  speed.addEventListener(
    'change',
    () => void worker.call({ type: 'speed', stepsPerTick: Number(speed.value) as StepsPerTick, frameHz: reducedMotion ? 2 : FRAME_HZ }),
  );
  scrub.addEventListener('input', () => {
    stopReplay();
    setPlaying(false);
    void worker.call({ type: 'scrub', index: Number(scrub.value) });
  });
  q<HTMLSelectElement>('[data-control="preset"]')?.addEventListener('change', (event) => {
    const name = (event.target as HTMLSelectElement).value;
    if (isToyPresetName(name)) void configure({ preset: name, ...presetConfig(name) });
  });
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = parseState(formatState(readForm(form, state, drawing)), state.preset);
    if (next.notes.length) say(`Not applied: ${next.notes.join('; ')}.`);
    else void configure(next);
  });
  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('.pg-form') || event.altKey || event.ctrlKey || event.metaKey) return;
    const onControl = target.matches('button, select, input');
    const key = event.key.toLowerCase();
    if (key === ' ' && !onControl) setPlaying(!playing);
    else if (key === 'd') void worker.call({ type: 'train', kind: 'd' });
    else if (key === 'g') void worker.call({ type: 'train', kind: 'g' });
    else if (key === 'r') void configure(state);
    else if ((key === 'arrowleft' || key === 'arrowright') && !target.matches('input[type="range"], select')) {
      const index = Math.max(0, Math.min(Number(scrub.max), Number(scrub.value) + (key === 'arrowleft' ? -1 : 1)));
      scrub.value = String(index);
      setPlaying(false);
      void worker.call({ type: 'scrub', index });
    } else return;
    event.preventDefault();
  });

  (globalThis as { __minimaxPlayground?: unknown }).__minimaxPlayground = {
    numTensors: () => worker.call<number>({ type: 'numTensors' }),
    runTo: (step: number) => worker.call<number>({ type: 'runTo', step }),
    pause: () => setPlaying(false),
    frame: () => last,
    /** RGBA pixels of run `index`'s plane, painted up to the last frame received. */
    pixels: async (index: number) => Array.from((await painter.pixels(index)) ?? []),
    paintsOffThread: painter.offThread,
  };

  worker
    .call<string>({ type: 'init', override: parseBackendOverride(location.search), config: state.config, runs: state.runs })
    .then(async (backend) => {
      backendOut.textContent = `backend ${backend}`;
      enable(true);
      if (!notes) say(TOY_PRESETS[state.preset].watch);
      await worker.call({ type: 'speed', stepsPerTick: Number(speed.value) as StepsPerTick, frameHz: reducedMotion ? 2 : FRAME_HZ });
      // Reduced motion: nothing moves until the reader presses Play.
      if (!reducedMotion) setPlaying(true);
    })
    .catch((error: unknown) => {
      root.dataset['state'] = 'error';
      enable(false);
      say(`The playground cannot train here: ${error instanceof Error ? error.message : String(error)} The article reads on without it.`);
    });
}
