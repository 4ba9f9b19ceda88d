/**
 * An accessibility check of the page as the browser shows it, with axe-core:
 * its source is evaluated in the page (through the DevTools protocol, so the
 * page's Content-Security-Policy stays as served), then run on the document.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Every violation of the page, and how many rules passed. */
export async function axeCheck(
  page: Page,
  exclude: string[] = [],
): Promise<{ violations: AxeFinding[]; passes: number }> {
  await page.evaluate(AXE_SOURCE);
  const context = JSON.stringify({ include: [['html']], exclude: exclude.map((e) => [e]) });
  return (await page.evaluate(`axe.run(${context}).then((r) => ({
    passes: r.passes.length,
    violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
    })),
  }))`)) as { violations: AxeFinding[]; passes: number };
}

/** The serious and critical violations only (what the pages must not have). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const { violations } = await axeCheck(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
