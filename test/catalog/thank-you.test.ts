import { describe, expect, it } from 'vitest';
import { validateCatalogText } from '../../src/catalog/validate';

const catalog = (defaults: string, task = '') => `version: 1
resolution: { id: r, title: T, adoptedBy: C, timezone: UTC }
people:
  a: { name: A, email: a@example.org }
defaults: { ${defaults} }
tasks:
  - id: t
    clause: c
    title: T
    responsible: R
    assignees: [a]
    due: 2030-01-01
    deliverables: [{ id: d, title: D, kind: text }]
${task}`;

describe('thankYou (beyond the contract)', () => {
  it('is on unless a catalog turns it off, in defaults or per task', () => {
    expect(validateCatalogText(catalog('sendAt: "09:00"')).catalog?.tasks[0]?.policy.thankYou).toBe(
      undefined,
    );
    expect(validateCatalogText(catalog('thankYou: false')).catalog?.tasks[0]?.policy.thankYou).toBe(
      false,
    );
    expect(
      validateCatalogText(catalog('thankYou: false', '    thankYou: true\n')).catalog?.tasks[0]
        ?.policy.thankYou,
    ).toBe(true);
  });

  it('takes only true or false, at its line and column', () => {
    const { problems } = validateCatalogText(catalog('thankYou: maybe'));
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)).toEqual([
      '5:23 defaults.thankYou: expected true or false, found "maybe"',
    ]);
  });
});
