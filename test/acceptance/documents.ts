/**
 * Real documents to hand in, made by independent writers: a PDF printed by
 * chromium from a page in the focal point's script, and a Word file written
 * by the docx library.
 */
import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { Browser } from 'playwright-core';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A one-page PDF of `text`, printed by chromium. */
export async function printPdf(browser: Browser, lang: string, text: string): Promise<Buffer> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    await page.setContent(
      `<!doctype html><html lang="${lang}" dir="${dir}"><meta charset="utf-8"><body><h1>${text}</h1><p>${new Date().toISOString()}</p></body></html>`,
    );
    return await page.pdf({ format: 'A4' });
  } finally {
    await context.close();
  }
}

/** A Word document of `text`. */
export async function writeDocx(text: string): Promise<Buffer> {
  const document = new Document({
    sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }],
  });
  return Packer.toBuffer(document);
}
