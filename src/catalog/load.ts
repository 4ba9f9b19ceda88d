/** Reading a catalog file: every command that reads one validates it here first. */
import { readFileSync } from 'node:fs';
import type { Catalog } from '../shared/types';
import { CatalogInvalidError } from './problems';
import { validateCatalogText } from './validate';

/** Reads and validates a catalog; throws {@link CatalogInvalidError} listing every problem. */
export function loadCatalog(file: string): Catalog {
  return readCatalogFile(file).catalog;
}

/** {@link loadCatalog}, with the text it validated (what `mandate start` records). */
export function readCatalogFile(file: string): { catalog: Catalog; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read catalog ${file}: ${(error as Error).message}`);
  }
  const { catalog, problems } = validateCatalogText(text);
  if (!catalog) throw new CatalogInvalidError(file, problems);
  return { catalog, text };
}
