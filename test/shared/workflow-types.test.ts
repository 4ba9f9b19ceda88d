import { describe, expect, it } from 'vitest';
import * as workflows from '../../workflows';
import { WORKFLOW_TYPES } from '../../src/shared/workflow-api';

describe('workflow type names', () => {
  it('name the exported workflow functions', () => {
    for (const name of Object.values(WORKFLOW_TYPES)) {
      const fn = (workflows as Record<string, unknown>)[name];
      expect(typeof fn, name).toBe('function');
      expect((fn as { name: string }).name).toBe(name);
    }
  });
});
