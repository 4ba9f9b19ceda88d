/**
 * The successor as each resolution's catalog knows them (zone, language,
 * working days), from the known catalogs or one catalog given explicitly.
 */
import type { Catalog, Recipient } from '../shared/types';
import { recipientOf } from '../plan/occurrences';

export function successorLookup(
  catalogs: ReadonlyMap<string, Catalog>,
  key: string,
  /** A catalog whose people count for every resolution (the CLI's --catalog). */
  only?: Catalog,
): (resolutionId: string) => Recipient | undefined {
  return (resolutionId) => {
    const catalog = only ?? catalogs.get(resolutionId);
    const person = catalog?.people[key];
    return catalog && person ? recipientOf(catalog, person) : undefined;
  };
}
