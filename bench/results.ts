/** One row of the result table, and the table as Markdown. */

export interface Row {
  /** Scenario number and letter, e.g. `1a`. */
  id: string;
  scenario: string;
  engine: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** undefined: informational row without a goal. */
  met?: boolean;
  notes: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: Row[]): string {
  const header = [
    '#',
    'Scenario',
    'Engine (median)',
    'Baseline (median)',
    'Ratio',
    'Goal',
    'Met',
    'Notes',
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(
      (r) =>
        `| ${[
          r.id,
          r.scenario,
          r.engine,
          r.baseline,
          r.ratio,
          r.goal,
          r.met === undefined ? '-' : r.met ? 'yes' : '**no**',
          r.notes,
        ]
          .map(cell)
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
