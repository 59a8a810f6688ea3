/**
 * `npm run train -- <model> [--steps N] [--batch B] [--seed S] [--resume] [--out DIR]`
 *   [--max-minutes M] [--backend wasm|cpu] [--data-limit N] [--no-progress]
 *
 * Trains a GAN preset (see models/gan/presets.ts) with checkpoints every few hundred steps.
 * Ctrl-C (SIGINT) or SIGTERM: finishes the current step, writes a checkpoint, exits 130.
 * Exit codes: 0 done, 1 runtime error (e.g. corrupt checkpoint), 2 bad usage, 130 interrupted.
 */
import { parseArgs } from 'node:util';
import { PRESETS } from './gan/presets.ts';
import { runCli, UsageError } from './cli.node.ts';
import { train, type TrainOptions } from './gan/training.node.ts';
import { CheckpointError } from './gan/training/checkpoint.node.ts';

const USAGE = `usage: npm run train -- <model> [--steps N] [--batch B] [--seed S] [--resume] [--out DIR]
                       [--max-minutes M] [--backend wasm|cpu] [--data-limit N] [--no-progress]
models: ${Object.keys(PRESETS).join(', ')}`;

function positiveInt(name: string, value: string | undefined, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1))
    throw new UsageError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        steps: { type: 'string' },
        batch: { type: 'string' },
        seed: { type: 'string' },
        resume: { type: 'boolean', default: false },
        out: { type: 'string' },
        'max-minutes': { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        'data-limit': { type: 'string' },
        'no-progress': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`train: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let stop = false;
  let firstSignalAt = 0;
  const onSignal = () => {
    // A signal sent to the whole process group reaches us twice (directly and relayed by the
    // tsx launcher) within milliseconds; only a second Ctrl-C a moment later means "quit now".
    if (stop && Date.now() - firstSignalAt > 1000) process.exit(130); // the last checkpoint on disk stays good
    if (stop) return;
    stop = true;
    firstSignalAt = Date.now();
    process.stderr.write('\ntrain: stopping after this step and writing a checkpoint (Ctrl-C again to quit now)\n');
  };
  try {
    if (positionals.length !== 1)
      throw new UsageError(positionals.length === 0 ? 'missing <model>' : `expected one model, got ${positionals.join(' ')}`);
    const model = positionals[0] ?? '';
    if (!Object.hasOwn(PRESETS, model)) throw new UsageError(`unknown model "${model}"`);
    if (values.backend !== 'wasm' && values.backend !== 'cpu')
      throw new UsageError(`--backend must be wasm or cpu, got "${values.backend}"`);
    const maxMinutes = values['max-minutes'] === undefined ? undefined : Number(values['max-minutes']);
    if (maxMinutes !== undefined && !(maxMinutes > 0)) throw new UsageError(`--max-minutes must be a positive number`);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const options: TrainOptions = {
      model,
      resume: values.resume,
      backend: values.backend,
      progress: !values['no-progress'],
      shouldStop: () => stop,
      ...defined('steps', positiveInt('steps', values.steps)),
      ...defined('batch', positiveInt('batch', values.batch)),
      ...defined('seed', positiveInt('seed', values.seed, true)),
      ...defined('dataLimit', positiveInt('data-limit', values['data-limit'])),
      ...defined('out', values.out),
      ...defined('maxMinutes', maxMinutes),
    };
    const result = await train(options);
    const last = result.losses.at(-1);
    process.stdout.write(
      `train: ${model} ${result.stopped ? 'stopped' : 'finished'} at step ${result.step}` +
        (last === undefined ? '' : ` (D ${last.d}, G ${last.g})`) +
        `; run directory ${result.runDir}\n`,
    );
    return result.stopped && stop ? 130 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`train: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof CheckpointError) {
      process.stderr.write(`train: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`train: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

runCli('train', USAGE, () => main(process.argv.slice(2)));
