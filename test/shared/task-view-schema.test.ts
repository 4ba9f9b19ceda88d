import { describe, expectTypeOf, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import type { TaskViewSchema } from '../../src/http/schemas';
import type { TaskView } from '../../src/shared/task-view';

describe('the published task view', () => {
  it('has one shape: the TypeScript type and the OpenAPI schema agree both ways', () => {
    // Checked by the type checker (npm test runs tsc first): a field added to
    // one and not the other fails the build.
    expectTypeOf<z.infer<typeof TaskViewSchema>>().toEqualTypeOf<TaskView>();
  });
});
