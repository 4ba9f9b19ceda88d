/** Reading the staff overview in a browser page. */
import type { Page } from 'playwright-core';

/** Counts per status as the overview's cards show them. */
export async function cards(p: Page): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const card of await p.locator('.card').all())
    result[(await card.locator('.status').innerText()).trim()] = Number(
      await card.locator('.n').innerText(),
    );
  return result;
}
