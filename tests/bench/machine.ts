/**
 * What the numbers were measured on, and what else was running at the time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

import { CHROMIUM } from '../chromium.ts';

export { CHROMIUM, CHROMIUM_ARGS } from '../chromium.ts';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-, 5- and 15-minute load averages when the run started and when it ended */
  loadAverage: { start: number[]; end?: number[] };
  /** other processes using > 20 % of a core in the second before the run started */
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

/** CPU ticks (user + system) and command line of every process, from /proc. */
function processTicks(): Map<number, { ticks: number; command: string }> {
  const result = new Map<number, { ticks: number; command: string }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      result.set(pid, { ticks, command });
    } catch {
      // the process ended between listing and reading
    }
  }
  return result;
}

/**
 * Processes other than this benchmark's that used more than 20 % of a core during one second
 * of sampling: background training, other builds or test runs distort every timing.
 */
export async function busyProcesses(): Promise<string[]> {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const before = processTicks();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = processTicks();
  const mine = new Set([process.pid, process.ppid]);
  const busy: string[] = [];
  for (const [pid, now] of after) {
    const then = before.get(pid);
    if (!then || mine.has(pid) || now.command === '') continue;
    const share = (now.ticks - then.ticks) / ticksPerSecond;
    if (share > 0.2) busy.push(`${Math.round(share * 100)}% ${shorten(now.command)}`);
  }
  return busy;
}

export async function machineInfo(): Promise<MachineInfo> {
  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cores: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromiumVersion(),
    loadAverage: { start: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    busyProcesses: await busyProcesses(),
  };
}
