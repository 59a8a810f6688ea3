/**
 * Faster training kernels for the TF.js WASM backend.
 *
 * Why this file exists: in TF.js 4.22 the WASM backend has no `Conv2DBackpropFilter` kernel
 * at all, and its `Conv2DBackpropInput`, transposed `BatchMatMul` and `Tile` kernels are
 * 10-15x slower than its forward convolution and plain matmul (which go through XNNPACK).
 * Training a conv GAN needs all four on every step, so we re-express each one exactly in terms
 * of the backend's own fast kernels:
 *
 * - `Conv2DBackpropFilter`: the filter gradient is a correlation of the input with the output
 *   gradient, i.e. one forward conv2d whose "batch" is the input channel, whose "channels" are
 *   the examples, and whose dilation is the original stride.
 * - `Conv2DBackpropInput` (also the forward pass of a transposed convolution): split by output
 *   phase (sub-pixel decomposition). For stride s there are s*s phases; each is a stride-1
 *   conv of the output gradient with a sub-sampled, flipped filter. The phases are then
 *   interleaved with reshapes (a depth-to-space).
 * - `BatchMatMul` with `transposeA`/`transposeB`: transpose explicitly, then the plain matmul.
 * - `Tile`: repeated concatenation.
 * - `Identity`: shares the input's memory with a reference count (as the cpu backend's identity
 *   and the WASM reshape do) instead of copying it. The gradient tape clones every tensor it
 *   saves for the backward pass, so a small network's step runs dozens of them; no kernel
 *   writes into its inputs, so the shared memory is never changed under the clone.
 *
 * Isomorphic: imports only `@tensorflow/tfjs-core`, so the page's WASM backend can register
 * the same kernels. Every intermediate TensorInfo is disposed through the backend, so the
 * kernels leak nothing.
 */
import {
  backend_util,
  getKernel,
  registerKernel,
  unregisterKernel,
  util,
  type DataType,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

type Inputs = Record<string, TensorInfo> | TensorInfo[];

/** Runs kernels of one backend on TensorInfos and remembers what to dispose. */
class KernelRunner {
  private readonly temps: TensorInfo[] = [];

  constructor(
    private readonly backend: KernelBackend,
    private readonly backendName: string,
    private readonly overrides: ReadonlyMap<string, KernelFunc>,
  ) {}

  /** Runs a kernel; its output is disposed by `disposeTemps` unless `keep` is called on it. */
  run(kernelName: string, inputs: Inputs, attrs: NamedAttrMap = {}): TensorInfo {
    const fn = this.overrides.get(kernelName) ?? getKernel(kernelName, this.backendName)?.kernelFunc;
    if (fn === undefined) {
      throw new Error(`Kernel ${kernelName} is not registered for backend ${this.backendName}`);
    }
    const out = fn({ inputs: inputs as never, backend: this.backend, attrs });
    const info = Array.isArray(out) ? out[0] : out;
    if (info === undefined) throw new Error(`Kernel ${kernelName} returned no output`);
    this.temps.push(info);
    return info;
  }

  keep(info: TensorInfo): TensorInfo {
    const i = this.temps.lastIndexOf(info);
    if (i >= 0) this.temps.splice(i, 1);
    return info;
  }

  disposeTemps(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  slice(x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    return this.run('Slice', { x }, { begin, size });
  }

  pad(x: TensorInfo, paddings: Array<[number, number]>): TensorInfo {
    return this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  concat(xs: TensorInfo[], axis: number): TensorInfo {
    return this.run('Concat', xs, { axis });
  }

  zeros(shape: number[], dtype: DataType): TensorInfo {
    return this.run('Fill', {}, { shape, value: 0, dtype });
  }

  /** Plain NHWC conv2d, stride and dilation per axis, explicit padding. */
  conv2d(
    x: TensorInfo,
    filter: TensorInfo,
    strides: [number, number],
    dilations: [number, number],
    pad: Array<[number, number]>,
  ): TensorInfo {
    return this.run('Conv2D', { x, filter }, { strides, dilations, pad: pad as never, dataFormat: 'NHWC', dimRoundingMode: null as never });
  }
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: number | [number, number];
}

function pair(v: number | [number, number] | undefined, fallback: number): [number, number] {
  if (v === undefined) return [fallback, fallback];
  return typeof v === 'number' ? [v, v] : v;
}

/**
 * dW = Conv2DBackpropFilter(x, dy).
 * x [N, H, W, Cin], dy [N, OH, OW, Cout] -> dW [KH, KW, Cin, Cout].
 *
 * dW[kh, kw, ci, co] = sum over n, oh, ow of x[n, oh*s + kh - padTop, ow*s + kw - padLeft, ci]
 * * dy[n, oh, ow, co], which is a conv2d of x' = x^T [Cin, H, W, N] with the "filter"
 * dy' [OH, OW, N, Cout], dilation s, stride 1.
 */
export function conv2DBackpropFilterViaConv2D(
  r: KernelRunner,
  x: TensorInfo,
  dy: TensorInfo,
  attrs: ConvAttrs & { filterShape: [number, number, number, number] },
): TensorInfo {
  const [kh, kw, cin, cout] = attrs.filterShape;
  const dilations = pair(attrs.dilations, 1);
  if (dilations[0] !== 1 || dilations[1] !== 1) {
    throw new Error('Conv2DBackpropFilter: dilations > 1 are not supported by the fast kernel');
  }
  if (attrs.dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter: only NHWC is supported');
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { top, bottom, left, right } = info.padInfo;
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const xT = r.transpose(x, [3, 1, 2, 0]); // [Cin, H, W, N]
  const dyT = r.transpose(dy, [1, 2, 0, 3]); // [OH, OW, N, Cout]
  // The padded input may be a little larger than needed (when (H + pads - KH) % s != 0); the
  // extra rows of the result are sliced away. Negative padding is impossible here.
  const conv = r.conv2d(
    xT,
    dyT,
    [1, 1],
    [sh, sw],
    [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ],
  );
  const outH = conv.shape[1] ?? 0;
  const outW = conv.shape[2] ?? 0;
  let g = conv;
  if (outH !== kh || outW !== kw) {
    if (outH < kh || outW < kw) throw new Error('Conv2DBackpropFilter: unexpected shape');
    g = r.slice(conv, [0, 0, 0, 0], [cin, kh, kw, cout]);
  }
  return r.transpose(g, [1, 2, 0, 3]);
}

/**
 * dx = Conv2DBackpropInput(dy, W), also the forward pass of a transposed convolution.
 * dy [N, OH, OW, Cout], W [KH, KW, Cin, Cout] -> dx [N, H, W, Cin] (H, W from inputShape).
 *
 * Sub-pixel decomposition: output row y = oh*s + kh - padTop, so the rows with
 * y ≡ p (mod s) only see the filter taps kh ≡ (p + padTop) (mod s). Each of the s*s phases is
 * a stride-1 correlation of dy with those taps (flipped), and the phases interleave back.
 */
export function conv2DBackpropInputViaSubPixel(
  r: KernelRunner,
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: ConvAttrs & { inputShape: [number, number, number, number] },
): TensorInfo {
  const [n, h, w, cin] = attrs.inputShape;
  const [kh, kw, , cout] = filter.shape as [number, number, number, number];
  if (attrs.dataFormat !== 'NHWC') throw new Error('Conv2DBackpropInput: only NHWC is supported');
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [oh, ow] = [dy.shape[1] ?? 0, dy.shape[2] ?? 0];
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  // Rows/cols per phase; phases are computed with this common size and cut at the end.
  const jh = Math.ceil(h / sh);
  const jw = Math.ceil(w / sw);
  // Flip once; then every phase's taps are a positive-stride slice of the flipped filter.
  const flipped = r.run('Reverse', { x: filter }, { dims: [0, 1] });
  const flippedT = r.transpose(flipped, [0, 1, 3, 2]); // [KH, KW, Cout, Cin]

  const phaseRows: TensorInfo[] = [];
  for (let py = 0; py < sh; py++) {
    const phases: TensorInfo[] = [];
    for (let px = 0; px < sw; px++) {
      phases.push(subPixelPhase(r, dy, flippedT, { n, cin, cout, kh, kw, oh, ow, jh, jw, sh, sw, padTop, padLeft, py, px }));
    }
    // [N, jh, jw, Cin] x sw -> [N, jh, jw*sw, Cin] with column index i*sw + px.
    const row =
      sw === 1
        ? (phases[0] as TensorInfo)
        : r.reshape(
            r.concat(
              phases.map((p) => r.reshape(p, [n, jh, jw, 1, cin])),
              3,
            ),
            [n, jh, jw * sw, cin],
          );
    phaseRows.push(row);
  }
  const all =
    sh === 1
      ? (phaseRows[0] as TensorInfo)
      : r.reshape(
          r.concat(
            phaseRows.map((p) => r.reshape(p, [n, jh, 1, jw * sw, cin])),
            2,
          ),
          [n, jh * sh, jw * sw, cin],
        );
  if (jh * sh === h && jw * sw === w) {
    // Return a fresh buffer: a reshape shares its dataId with a temp we are about to dispose.
    return r.run('Identity', { x: all });
  }
  return r.slice(all, [0, 0, 0, 0], [n, h, w, cin]);
}

interface PhaseGeometry {
  n: number;
  cin: number;
  cout: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  jh: number;
  jw: number;
  sh: number;
  sw: number;
  padTop: number;
  padLeft: number;
  py: number;
  px: number;
}

/** One phase of the sub-pixel decomposition: [N, jh, jw, Cin]. */
function subPixelPhase(r: KernelRunner, dy: TensorInfo, flippedT: TensorInfo, g: PhaseGeometry): TensorInfo {
  const axis = (p: number, pad: number, s: number, k: number, o: number, j: number) => {
    const rem = (p + pad) % s; // first tap of this phase
    const taps = rem < k ? Math.ceil((k - rem) / s) : 0;
    const q = (p + pad - rem) / s; // dy index aligned with output index 0 and tap `rem`
    // In the flipped filter, tap rem + s*(taps-1-m') sits at k-1-rem-s*(taps-1) + s*m'.
    const flipStart = k - 1 - rem - s * (taps - 1);
    // dy rows used: q - (taps-1) ... q + j - 1; pad or crop dy to exactly that window.
    const before = taps - 1 - q;
    const after = j + taps - 1 - (o + before);
    return { taps, flipStart, before, after };
  };
  const ay = axis(g.py, g.padTop, g.sh, g.kh, g.oh, g.jh);
  const ax = axis(g.px, g.padLeft, g.sw, g.kw, g.ow, g.jw);
  if (ay.taps === 0 || ax.taps === 0) return r.zeros([g.n, g.jh, g.jw, g.cin], 'float32');

  let f = flippedT;
  if (ay.taps !== g.kh || ax.taps !== g.kw || g.sh !== 1 || g.sw !== 1) {
    f = r.run(
      'StridedSlice',
      { x: flippedT },
      {
        begin: [ay.flipStart, ax.flipStart, 0, 0],
        end: [ay.flipStart + g.sh * (ay.taps - 1) + 1, ax.flipStart + g.sw * (ax.taps - 1) + 1, g.cout, g.cin],
        strides: [g.sh, g.sw, 1, 1],
        beginMask: 0,
        endMask: 0,
        ellipsisMask: 0,
        newAxisMask: 0,
        shrinkAxisMask: 0,
      },
    );
  }
  // Negative padding means cropping; the conv's explicit padding handles the positive part.
  let src = dy;
  const cropTop = Math.max(0, -ay.before);
  const cropLeft = Math.max(0, -ax.before);
  const cropBottom = Math.max(0, -ay.after);
  const cropRight = Math.max(0, -ax.after);
  if (cropTop + cropLeft + cropBottom + cropRight > 0) {
    src = r.slice(dy, [0, cropTop, cropLeft, 0], [g.n, g.oh - cropTop - cropBottom, g.ow - cropLeft - cropRight, g.cout]);
  }
  const pad: Array<[number, number]> = [
    [0, 0],
    [Math.max(0, ay.before), Math.max(0, ay.after)],
    [Math.max(0, ax.before), Math.max(0, ax.after)],
    [0, 0],
  ];
  return r.conv2d(src, f, [1, 1], [1, 1], pad);
}

/** a @ b with transposes applied explicitly first; shapes as BatchMatMul. */
function batchMatMulTransposeFirst(r: KernelRunner, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo {
  const swapLast = (t: TensorInfo) => {
    const perm = t.shape.map((_, i) => i);
    const k = perm.length;
    [perm[k - 2], perm[k - 1]] = [perm[k - 1] as number, perm[k - 2] as number];
    return r.transpose(t, perm);
  };
  const a2 = transposeA ? swapLast(a) : a;
  const b2 = transposeB ? swapLast(b) : b;
  return r.run('BatchMatMul', { a: a2, b: b2 }, { transposeA: false, transposeB: false });
}

/** Tile as repeated concatenation along each repeated axis. */
function tileViaConcat(r: KernelRunner, x: TensorInfo, reps: number[]): TensorInfo {
  let cur = x;
  reps.forEach((rep, axis) => {
    if (rep > 1) cur = r.concat(new Array<TensorInfo>(rep).fill(cur), axis);
  });
  if (cur === x) return r.run('Identity', { x });
  return cur;
}

/** Names of the kernels this module replaces. */
export const FAST_KERNEL_NAMES = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'BatchMatMul', 'Tile', 'Identity'] as const;

const registered = new Set<string>();

/**
 * Registers the four faster kernels for `backendName` (default 'wasm'), replacing the backend's
 * own. Idempotent. Call it after importing the backend and before (or after) `setBackend`:
 * each replaced kernel keeps the original's `setupFunc`, because the replacements of
 * BatchMatMul and Tile call the original kernel function, which needs its setup to have run.
 */
export function registerFastKernels(backendName = 'wasm'): void {
  if (registered.has(backendName)) return;
  const original = new Map<string, KernelConfig>();
  for (const name of FAST_KERNEL_NAMES) {
    const k = getKernel(name, backendName);
    if (k !== undefined) original.set(name, k);
  }
  // Inside the replacements, BatchMatMul must mean the backend's original kernel.
  const origMatMul = original.get('BatchMatMul')?.kernelFunc;
  const overrides = new Map<string, KernelFunc>();
  if (origMatMul !== undefined) overrides.set('BatchMatMul', origMatMul);

  const wrap = (name: string, body: (r: KernelRunner, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap) => TensorInfo): void => {
    const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
      const r = new KernelRunner(backend as KernelBackend, backendName, overrides);
      try {
        return r.keep(body(r, inputs as Record<string, TensorInfo>, attrs ?? {}));
      } finally {
        r.disposeTemps();
      }
    };
    const orig = original.get(name);
    if (orig !== undefined) unregisterKernel(name, backendName);
    const config: KernelConfig = { kernelName: name, backendName, kernelFunc };
    if (orig?.setupFunc !== undefined) config.setupFunc = orig.setupFunc;
    if (orig?.disposeFunc !== undefined) config.disposeFunc = orig.disposeFunc;
    registerKernel(config);
  };

  wrap('Conv2DBackpropFilter', (r, { x, dy }, attrs) =>
    conv2DBackpropFilterViaConv2D(r, need(x), need(dy), attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] }),
  );
  wrap('Conv2DBackpropInput', (r, { dy, filter }, attrs) =>
    conv2DBackpropInputViaSubPixel(
      r,
      need(dy),
      need(filter),
      attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] },
    ),
  );
  if (origMatMul !== undefined) {
    wrap('BatchMatMul', (r, { a, b }, attrs) => {
      const ta = attrs['transposeA'] === true;
      const tb = attrs['transposeB'] === true;
      const [aa, bb] = [need(a), need(b)];
      if (!ta && !tb) return r.run('BatchMatMul', { a: aa, b: bb }, { transposeA: false, transposeB: false });
      return batchMatMulTransposeFirst(r, aa, bb, ta, tb);
    });
  }
  if (original.has('Tile')) {
    wrap('Tile', (r, { x }, attrs) => {
      const reps = attrs['reps'] as number[];
      util.assert(Array.isArray(reps), () => 'Tile: reps must be an array');
      return tileViaConcat(r, need(x), reps);
    });
  }
  const identity = original.get('Identity');
  if (identity !== undefined) {
    unregisterKernel('Identity', backendName);
    registerKernel({
      kernelName: 'Identity',
      backendName,
      kernelFunc: (args) => {
        const x = need((args.inputs as Record<string, TensorInfo>)['x']);
        if (x.dtype === 'string') return identity.kernelFunc(args);
        (args.backend as KernelBackend & { incRef(dataId: object): void }).incRef(x.dataId);
        return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
      },
    });
  }
  registered.add(backendName);
}

function need(t: TensorInfo | undefined): TensorInfo {
  if (t === undefined) throw new Error('missing kernel input');
  return t;
}
