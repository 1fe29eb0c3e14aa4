import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The Chromium the browser tests drive: Debian's package (`apt-get install chromium`), or `CHROMIUM_PATH`. No browser is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, headless run as root in a container. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the browser tests cannot run here, or null when Chromium is there. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH); browser tests skipped`;
}

/** A headless Chromium with a fresh profile in a temporary directory, removed on close. */
export interface BrowserSession {
  /** The browser context (one per session; its profile is the temporary directory). */
  context: BrowserContext;
  /** Every URL the session requested, to check that a page stays off the network. */
  requests: string[];
  /** A new tab. */
  newPage(): Promise<Page>;
  /** Close the browser and remove its profile. */
  close(): Promise<void>;
}

/** Launch Debian's Chromium headless with a fresh `--user-data-dir` (playwright-core's persistent context on a temp dir). */
export async function openBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'notice-extract-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? { width: 1200, height: 900 },
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return {
    context,
    requests,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
