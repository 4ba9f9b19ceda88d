/** Small v2 catalogs for the `dueShift` tests of the planner and of simulate. */
const mail = (key: string) => `${key}@example.org`;

/** A v2 catalog in Europe/Zurich with amy (Zurich); `head` lines go under `resolution`. */
export function dueShiftCatalog(options: {
  resolution?: string;
  calendars?: string[];
  defaults?: string[];
  tasks: string[];
}): string {
  return [
    'version: 2',
    `resolution: { id: shift, title: Due shift, adoptedBy: Council, timezone: Europe/Zurich${options.resolution ? `, ${options.resolution}` : ''} }`,
    ...(options.calendars ? ['calendars:', ...options.calendars.map((c) => `  ${c}`)] : []),
    'events:',
    '  council-2027: { title: Council 2027, start: 2027-06-08, series: council }',
    'people:',
    `  amy: { name: Amy, email: ${mail('amy')} }`,
    ...(options.defaults ? ['defaults:', ...options.defaults.map((d) => `  ${d}`)] : []),
    'tasks:',
    ...options.tasks,
    '',
  ].join('\n');
}

export function shiftTask(id: string, ...fields: string[]): string {
  return [
    `  - id: ${id}`,
    '    clause: instructs 1',
    `    title: Task ${id}`,
    '    responsible: Secretariat',
    '    assignees: [amy]',
    '    deliverables: []',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');
}
