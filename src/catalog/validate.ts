/**
 * Parses a catalog's YAML with positions and checks it against the v1
 * contract, collecting every problem (not only the first) with the line and
 * column of the offending node.
 */
import { isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Catalog } from '../shared/types';
import { checkEvents, checkPeople, checkResolution } from './check-head';
import { BUILT_IN_POLICY, checkPolicy } from './check-policy';
import { checkTasks } from './check-tasks';
import { Checker } from './field-checks';
import type { CatalogProblem } from './problems';
import { declaredKeys, describe, readYaml } from './yaml-reader';

export { BUILT_IN_POLICY } from './check-policy';

export interface ValidationResult {
  catalog?: Catalog;
  problems: CatalogProblem[];
}

/** Parses and validates catalog text. `catalog` is set only when there are no problems. */
export function validateCatalogText(raw: string): ValidationResult {
  const { reader: check, root } = readYaml(raw, (lines) => new Checker(lines));
  if (root === undefined) return { problems: check.problems };
  const catalog = checkCatalog(check, root);
  const problems = check.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return problems.length === 0 && catalog ? { catalog, problems } : { problems };
}

function checkCatalog(check: Checker, root: Node | null): Catalog | undefined {
  const top = check.map(
    root,
    '',
    ['version', 'resolution', 'events', 'people', 'defaults', 'tasks'],
    ['version', 'resolution', 'people', 'tasks'],
  );
  if (!top) return undefined;

  const version = top.get('version');
  if (version && !(isScalar(version.value) && version.value.value === 1)) {
    check.report(version.value, 'version', `expected 1${describe(version.value)}`, version.key);
  }

  const resolution = checkResolution(check, top.get('resolution'));
  const zone = resolution?.timezone;
  const events = checkEvents(check, top.get('events'));
  const people = checkPeople(check, top.get('people'), zone);
  const defaults = checkPolicy(check, top.get('defaults'), 'defaults', BUILT_IN_POLICY);
  const tasks = checkTasks(check, top.get('tasks'), {
    eventKeys: declaredKeys(top.get('events')),
    peopleKeys: declaredKeys(top.get('people')),
    defaults: defaults ?? BUILT_IN_POLICY,
  });

  if (!resolution || !events || !people || !defaults || !tasks) return undefined;
  return { version: 1, resolution, events, people, defaults, tasks };
}
