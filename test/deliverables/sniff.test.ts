/**
 * Documents are checked by their bytes: real files made by docx and exceljs
 * pass as what they are and are refused as anything else; text passes only
 * as UTF-8 without NULs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { contentMismatch } from '../../src/deliverables/sniff';
import { DeliverableRejectedError, FileSystemDeliverableStore } from '../../src/deliverables/store';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

async function docx(): Promise<Buffer> {
  const document = new Document({ sections: [{ children: [new Paragraph('Rapport annuel')] }] });
  return Packer.toBuffer(document);
}

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Tasks').addRow(['resolves 1', 'done']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('content sniffing', () => {
  it('accepts Office files as what they are and refuses them as another zip format', async () => {
    const word = await docx();
    const sheet = await xlsx();
    expect(await contentMismatch(word, DOCX)).toBeNull();
    expect(await contentMismatch(sheet, XLSX)).toBeNull();
    expect(await contentMismatch(word, XLSX)).toBe(`declared ${XLSX}, but the content is ${DOCX}`);
    expect(await contentMismatch(sheet, 'application/pdf')).toBe(
      `declared application/pdf, but the content is ${XLSX}`,
    );
  });

  it('accepts UTF-8 text and CSV, refuses binary, UTF-16 and known formats as text', async () => {
    expect(await contentMismatch(Buffer.from('Résumé: تقرير، 报告\n'), 'text/plain')).toBeNull();
    expect(
      await contentMismatch(Buffer.from('clause,status\nresolves 1,done\n'), 'text/csv'),
    ).toBeNull();
    expect(await contentMismatch(Buffer.from('Résumé', 'utf16le'), 'text/plain')).toMatch(
      /declared text\/plain, but the content is not UTF-8 text/,
    );
    // UTF-16 with its byte-order mark (FF FE): not UTF-8, whatever else its first bytes resemble.
    expect(
      await contentMismatch(Buffer.from('\ufeffclause,status\n', 'utf16le'), 'text/csv'),
    ).toMatch(/^declared text\/csv, but the content is /);
    expect(await contentMismatch(Buffer.from([0xc3, 0x28, 0x41, 0x42]), 'text/csv')).toMatch(
      /not UTF-8 text/,
    );
    expect(await contentMismatch(PDF, 'text/plain')).toBe(
      'declared text/plain, but the content is application/pdf',
    );
  });

  it('refuses a PDF label on content of no recognised type', async () => {
    expect(await contentMismatch(Buffer.from('just words'), 'application/pdf')).toBe(
      'declared application/pdf, but the content is of no recognised type',
    );
  });
});

describe('the store', () => {
  const directory = mkdtempSync(join(tmpdir(), 'mandate-sniff-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('stores what its content confirms, keeps its reference, and refuses the rest unstored', async () => {
    const store = new FileSystemDeliverableStore(directory);
    const stored = await store.put(PDF, 'report.pdf', 'application/pdf; charset=binary');
    expect(await store.has(stored.sha256)).toBe(true);
    expect(await store.reference(stored.sha256)).toEqual(stored);
    expect(stored.mediaType).toBe('application/pdf');

    const word = await docx();
    const refused = await store.put(word, 'report.pdf', 'application/pdf').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliverableRejectedError);
    expect((refused as DeliverableRejectedError).reason).toBe('media-type');
    expect((refused as Error).message).toBe(`declared application/pdf, but the content is ${DOCX}`);
    expect(await store.has('0'.repeat(64))).toBe(false);
    expect(await store.has('../../etc')).toBe(false);
  });
});
