/**
 * Parses a catalog's YAML with positions and checks it against the
 * contract (version 1, or version 2 with calendars, series, reminder-only and
 * waived tasks), collecting every problem (not only the first) with the line and
 * column of the offending node.
 */
import { isMap, isScalar } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { Catalog } from '../shared/types';
import { checkEvents, checkPeople, checkResolution } from './check-head';
import { BUILT_IN_POLICY, checkPolicy } from './check-policy';
import { checkTasks } from './check-tasks';
import { Checker } from './field-checks';
import type { CatalogProblem } from './problems';
import { checkCalendars } from './check-calendars';
import { withPublicHolidays } from './resolve-holidays';
import {
  declaredKeys,
  describe,
  readYaml,
  scalarText,
  type Entry,
  type ReadYamlOptions,
} from './yaml-reader';

export { BUILT_IN_POLICY } from './check-policy';

export interface ValidationResult {
  catalog?: Catalog;
  problems: CatalogProblem[];
}

/**
 * Parses and validates catalog text. `catalog` is set only when there are no problems.
 * `options` are internal (tests compare the fast YAML path with yaml's parser).
 */
export function validateCatalogText(raw: string, options: ReadYamlOptions = {}): ValidationResult {
  const { reader: check, root } = readYaml(raw, (lines) => new Checker(lines), options);
  if (root === undefined) return { problems: check.problems };
  const catalog = checkCatalog(check, root);
  const problems = check.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  // Country holidays are looked up once the catalog is valid: the planner only reads dates.
  return problems.length === 0 && catalog
    ? { catalog: withPublicHolidays(catalog), problems }
    : { problems };
}

function checkCatalog(check: Checker, root: Node | null): Catalog | undefined {
  // The version decides which fields are allowed, so it is read first.
  const versionNode = check.child(root, 'version');
  if (isScalar(versionNode) && versionNode.value === 2) check.version = 2;
  const top = check.fields(
    root,
    '',
    ['version', 'resolution', 'events', 'people', 'defaults', 'tasks'],
    ['calendars'],
    ['version', 'resolution', 'people', 'tasks'],
  );
  if (!top) return undefined;

  const version = top.get('version');
  if (version && !(isScalar(version.value) && [1, 2].includes(version.value.value as number))) {
    check.report(
      version.value,
      'version',
      `expected 1 or 2${describe(version.value)}`,
      version.key,
    );
  }

  const resolution = checkResolution(
    check,
    top.get('resolution'),
    declaredKeys(top.get('calendars')),
  );
  const zone = resolution?.timezone;
  const calendars = checkCalendars(check, top.get('calendars'));
  const events = checkEvents(check, top.get('events'));
  const people = checkPeople(check, top.get('people'), zone, declaredKeys(top.get('calendars')));
  const defaults = checkPolicy(check, top.get('defaults'), 'defaults', BUILT_IN_POLICY);
  const tasks = checkTasks(check, top.get('tasks'), {
    eventKeys: declaredKeys(top.get('events')),
    seriesNames: declaredSeries(check, top.get('events')),
    peopleKeys: declaredKeys(top.get('people')),
    defaults: defaults ?? BUILT_IN_POLICY,
  });

  if (!resolution || !calendars || !events || !people || !defaults || !tasks) return undefined;
  return {
    version: check.version,
    resolution,
    ...(check.version === 2 ? { calendars } : {}),
    events,
    people,
    defaults,
    tasks,
  };
}

/** Every series that some event names, valid or not, so one bad event never hides a series. */
function declaredSeries(check: Checker, entry: Entry | undefined): Set<string> {
  const names = new Set<string>();
  if (!entry || !isMap(entry.value)) return names;
  for (const pair of (entry.value as YAMLMap).items as Pair<Node, Node | null>[]) {
    const series = scalarText(check.child(check.deref(pair.value ?? null), 'series') ?? null);
    if (series !== undefined) names.add(series);
  }
  return names;
}
