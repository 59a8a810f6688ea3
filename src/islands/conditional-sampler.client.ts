import { LiveIsland } from './live.ts';

export async function mount(root: HTMLElement) {
  const island = new LiveIsland(root);
  const config = island.config('conditional-sampler');
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('[data-digit]')];
  const hold = root.querySelector<HTMLInputElement>('[data-control="hold"]')!;
  let { digit, seed } = config;

  const show = () => {
    for (const button of buttons) button.setAttribute('aria-pressed', String(!hold.checked && Number(button.dataset['digit']) === digit));
    if (hold.checked) {
      island.setLabel(`The digits 0 to 9 in one handwriting style (seed ${seed}) from the ${config.model} generator.`);
      return island.request({ model: config.model, seed, n: 10, labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], sameLatent: true, columns: 10 });
    }
    island.setLabel(`${config.count} samples of the digit ${digit} from the ${config.model} generator, seed ${seed}.`);
    return island.request({ model: config.model, seed, n: config.count, labels: Array(config.count).fill(digit), columns: 10 });
  };

  for (const button of buttons) {
    button.addEventListener('click', () => {
      digit = Number(button.dataset['digit']);
      hold.checked = false;
      void show();
    });
  }
  hold.addEventListener('change', () => void show());
  root.querySelector('[data-action="restyle"]')!.addEventListener('click', () => {
    seed = Math.floor(Math.random() * 1e6);
    void show();
  });
  // Digit keys anywhere inside the figure (but not while typing into a field).
  root.addEventListener('keydown', (event) => {
    if (!/^[0-9]$/.test(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') return;
    if (buttons[0]?.disabled) return;
    event.preventDefault();
    digit = Number(event.key);
    hold.checked = false;
    buttons[digit]?.focus();
    void show();
  });

  if (await island.prepare(config.model)) await show();
}
