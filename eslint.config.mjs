// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', 'data/', 'dist/', 'artifacts/', 'bin/', 'scripts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins,
    // no I/O packages, no activity/client/worker SDK parts.
    // Every module a workflow imports: test/lint/sandbox-scope.test.ts checks
    // that this list covers the workflows' whole import graph.
    files: [
      'workflows/**/*.ts',
      'src/plan/**/*.ts',
      'src/time/**/*.ts',
      'src/shared/**/*.ts',
      'src/occurrence/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code cannot use Node built-ins.',
          })),
          patterns: [
            {
              group: [
                '@temporalio/activity',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/testing',
              ],
              message: 'Workflows import only @temporalio/workflow.',
            },
            {
              group: [
                'nodemailer',
                'smtp-server',
                'yaml',
                'commander',
                'fs-extra',
                'axios',
                'node-fetch',
                // Holiday data is read at load time; workflows get the dates in their input.
                'date-holidays',
                '**/activities/**',
                '**/workers/**',
              ],
              message: 'No I/O in workflow code.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Read configuration at the edge.' },
      ],
    },
  },
);
