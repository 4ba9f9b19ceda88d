/** YAML anchors and aliases: a catalog may reuse a node; nested aliases are never expanded whole. */
import { describe, expect, it } from 'vitest';
import { validateCatalogText } from '../../src/catalog/validate';

describe('aliases in catalogs', () => {
  it('reads an alias as the node its anchor names', () => {
    const { catalog, problems } = validateCatalogText(`version: 1
resolution: { id: a, title: A, adoptedBy: X, timezone: UTC }
people:
  p: &person { name: P, email: p@example.org }
  q: *person
tasks:
  - id: t
    clause: c
    title: T
    responsible: R
    assignees: [p, q]
    due: 2027-01-10
    deliverables: []
`);
    expect(problems).toEqual([]);
    expect(catalog!.people.q).toEqual({
      key: 'q',
      name: 'P',
      email: 'p@example.org',
      timezone: 'UTC',
      locale: 'en',
    });
  });

  it('reports a wrong alias target where the alias is read', () => {
    const { problems } = validateCatalogText(`version: 1
resolution: { id: a, title: A, adoptedBy: X, timezone: UTC }
people:
  p: { name: &n P, email: p@example.org }
  q: *n
tasks: []
`);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path}`)).toEqual(['4:17 people.q']);
  });

  it('answers at once for a document of nested aliases (billion laughs)', () => {
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 12; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const { problems } = validateCatalogText(`version: 1\n${levels.join('\n')}\ntags: *l\n`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(problems.some((p) => p.path === 'l')).toBe(true);
  });
});
