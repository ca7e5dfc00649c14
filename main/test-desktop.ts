/**
 * The whole desktop shell for main/'s tests: startDesktop() on the mocked Electron, in a fake
 * install, with a recording stand-in for the agent.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentConfig, AgentPorts, RunningAgent } from '../agent/index.js';
import type { KitchenHandlers } from '../common/kitchen-api.js';
import { FakeBrowserWindow } from '../test/electron-mock.js';
import { startDesktop, type DesktopShell } from './desktop.js';
import { createFakeKitchenApi, createRecordingLogger, type FakeKitchenApi, type RecordingLogger } from './test-fixtures.js';

export const AGENT_URL = 'http://127.0.0.1:48123/';

export interface DesktopHarness {
  root: string;
  shell: DesktopShell | undefined;
  fake: FakeKitchenApi;
  agentConfigs: AgentConfig[];
  agentPorts: AgentPorts[];
  closes: number;
  mainDir: string;
  settingsDir: string;
  logger: RecordingLogger;
}

export interface TestDesktopOptions {
  /** Whether dist/renderer/index.html exists (default true); without it the board loads from AGENT_URL. */
  built?: boolean;
  api?: Partial<KitchenHandlers>;
  storedSettings?: unknown;
  settingsFileText?: string;
  env?: NodeJS.ProcessEnv;
}

/** A fake install: dist/electron (+ dist/renderer/index.html when `built`), and a settings folder. */
export async function startTestDesktop(options: TestDesktopOptions = {}): Promise<DesktopHarness> {
  const root = mkdtempSync(join(tmpdir(), 'ticketrail-desktop-'));
  const mainDir = join(root, 'dist', 'electron');
  mkdirSync(mainDir, { recursive: true });
  if (options.built !== false) {
    mkdirSync(join(root, 'dist', 'renderer'));
    writeFileSync(join(root, 'dist', 'renderer', 'index.html'), '<!doctype html>');
  }
  const settingsDir = join(root, 'settings');
  const fileText = options.settingsFileText ?? (options.storedSettings === undefined ? undefined : JSON.stringify({ settings: options.storedSettings }));
  if (fileText !== undefined) {
    mkdirSync(settingsDir);
    writeFileSync(join(settingsDir, 'settings.json'), fileText);
  }
  const logger = createRecordingLogger();
  const harness: DesktopHarness = { root, shell: undefined, fake: createFakeKitchenApi(options.api), agentConfigs: [], agentPorts: [], closes: 0, mainDir, settingsDir, logger };
  harness.shell = await startDesktop({
    mainDir,
    settingsDir,
    env: { XDG_CONFIG_HOME: join(root, 'xdg'), ...options.env },
    logger,
    createAgent: async (config, ports): Promise<RunningAgent> => {
      harness.agentConfigs.push(config);
      harness.agentPorts.push(ports);
      return {
        api: harness.fake.api,
        localApiUrl: AGENT_URL,
        close: async () => {
          harness.closes += 1;
        },
      };
    },
  });
  return harness;
}

/** The one window the shell opened. */
export function boardWindow(): FakeBrowserWindow {
  const [window, ...others] = FakeBrowserWindow.instances;
  if (!window || others.length > 0) throw new Error(`expected one window, got ${FakeBrowserWindow.instances.length}`);
  return window;
}
