import { join } from 'node:path';
// The named export: the same class as the default one, and typed correctly in CommonJS test files.
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

/** WCAG 2.2 A and AA, the level the platform promises. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Debian's Chromium (never a downloaded browser), headless, with nothing reaching outside this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A cheap phone: 360×740, Vietnamese locale. */
export const PHONE = { viewport: { width: 360, height: 740 }, locale: 'vi-VN' } as const;

/**
 * axe on the page as it is now: every violation as one readable line with its nodes (empty when accessible).
 * With `screenshot` set, the page is also saved there first, for looking at it later.
 */
export async function accessibilityViolations(
  page: Page,
  label: string,
  screenshot?: { dir: string; name: string },
): Promise<string[]> {
  if (screenshot)
    await page.screenshot({ path: join(screenshot.dir, `${screenshot.name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(
    (v) =>
      `${label}: ${v.id} (${v.impact ?? 'n/a'}) ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
  );
}
