// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

// Workflow code is replayed for months; anything non-deterministic or I/O-bound must stay out of it.
const deterministicImports = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow/domain code must not use Node I/O.' })),
  patterns: [
    { group: ['node:*'], message: 'Workflow/domain code must not use Node built-ins.' },
    { group: ['@nestjs/*'], message: 'No Nest inside workflows or the domain.' },
    { group: ['typeorm', 'typeorm/*', 'pg'], message: 'No database access inside workflows or the domain.' },
    { group: ['class-validator', 'class-transformer'], message: 'Validation decorators belong to DTOs.' },
    {
      group: ['**/activities', '**/activities/*'],
      allowTypeImports: true,
      message: 'Only type imports from activities/ (use proxyActivities).',
    },
  ],
};

// Apps use a library through its index only (`libs/<name>` or `libs/<name>/src`), so a library's files can move
// without touching its users; what an app needs, the index exports.
const libraryIndexOnly = {
  group: ['**/libs/*/src/*', '!**/libs/*/src/index', '**/libs/*/*', '!**/libs/*/src'],
  message: 'Import a library through its index (libs/<name>/src); export what you need from there.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.tools/**',
      'coverage/**',
      'test-results/**',
      // Per-run scratch (the transpiled tree and the workflow bundle the tests build).
      'test/.tmp/**',
      // Browser-side ES modules served as they are (a few lines that start the design systems' components).
      'apps/web/public/**',
      '**/jest.config.js',
      'eslint.config.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': 'error',
    },
  },
  {
    // Nest reads constructor parameter types at runtime; type-only imports would erase them.
    files: ['apps/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: ['apps/worker/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            libraryIndexOnly,
            {
              // Only the worker hosts activities; what an app shares with them lives in libs/.
              group: ['**/activities', '**/activities/*'],
              message: 'Apps do not import from activities/: move what is shared to libs/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [libraryIndexOnly] }] },
  },
  {
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', deterministicImports] },
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
