/**
 * What the numbers were measured on, and what else was running at the time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

export const CHROMIUM = '/usr/bin/chromium';

/** The contract's flags for Debian chromium: no sandbox (root), no background traffic, WebGL on SwiftShader. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-, 5- and 15-minute load averages when the run started and when it ended */
  loadAverage: { start: number[]; end?: number[] };
  /** other CPU-heavy processes seen when the run started (command lines, shortened) */
  busyProcesses: string[];
}

function chromiumVersion(): string {
  if (!existsSync(CHROMIUM)) return 'not installed';
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    return 'unknown';
  }
}

/** A command line without the node_modules paths and tsx's loader flags, so the script shows. */
function shorten(command: string): string {
  return command
    .replace(/\S*\/node_modules\/node\/bin\/node --require \S*preflight\.cjs --import \S*loader\.mjs/, 'tsx')
    .replace(/\S*\/node_modules\//g, '')
    .slice(0, 120);
}

/**
 * Processes using more than 20% of a core over their lifetime (ps's %CPU), other than this
 * benchmark: background training, other builds or test runs distort every timing.
 */
export function busyProcesses(): string[] {
  try {
    const ps = execFileSync('ps', ['-eo', 'pid=,pcpu=,args='], { encoding: 'utf8' });
    const mine = new Set([String(process.pid), String(process.ppid)]);
    return ps
      .split('\n')
      .map((line) => line.trim().match(/^(\d+)\s+([\d.]+)\s+(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null && !mine.has(m[1] ?? '') && Number(m[2]) > 20)
      .map((m) => `${m[2]}% ${shorten(m[3] ?? '')}`);
  } catch {
    return [];
  }
}

export function machineInfo(): MachineInfo {
  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cores: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromiumVersion(),
    loadAverage: { start: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    busyProcesses: busyProcesses(),
  };
}
