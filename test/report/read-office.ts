/** Opens a Word or Excel file with the independent readers of read-office.py (python-docx, openpyxl). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON =
  process.env.MANDATE_READER_PYTHON ??
  join(__dirname, '..', '..', '.tools', 'venv', 'bin', 'python');
const directory = mkdtempSync(join(tmpdir(), 'mandate-office-'));

export function readOffice(name: string, body: string | Uint8Array): unknown {
  const file = join(directory, name);
  writeFileSync(file, body);
  const out = execFileSync(PYTHON, [join(__dirname, 'read-office.py'), file], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

export interface DocxRead {
  title: string;
  landscape: boolean;
  body: (
    | { paragraph: string; style: string; bidi: boolean }
    | { table: string[][]; rightToLeft: boolean }
  )[];
}

export interface XlsxRead {
  sheets: {
    name: string;
    freeze: string;
    filter: string;
    headerBold: boolean;
    rightToLeft: boolean;
    rows: unknown[][];
    formats: string[];
  }[];
}
