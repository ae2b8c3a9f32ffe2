// Lint, and the layers held by a rule (docs/architecture.md "Layers").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A `no-restricted-imports` pattern: modules matching `regex` may not be imported from here. */
const forbid = (regex, message) => ({ regex, message });
const aliasesOnly = forbid(
  '^\\.\\./\\.\\./',
  'Import across folders by alias (package.json "imports": #domain/…, #store/…, #http/…), never by a ../../ chain.',
);

/** The import rules of one layer. */
const layer = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns: [aliasesOnly, ...patterns] }] } });

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', 'web/dist', '.data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Test and bench code may hold loosely typed JSON answers.
  { files: ['test/**', 'bench/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  layer(['**/*.ts', '**/*.tsx']),
  // The domain decides: no I/O, nothing of HTTP, the table, Lambda or configuration.
  layer(
    ['shared/domain/**'],
    forbid(
      '^(node:|@aws-sdk/|@middy/|#store/|#http/|#functions/|#scripts/|#shared/(config|logger|table)\\.ts$)',
      'shared/domain is pure: no I/O, no store, no HTTP.',
    ),
  ),
  // The store owns the table and knows nothing of HTTP: access rules belong to the domain.
  layer(['shared/store/**'], forbid('^(#http/|#functions/|@middy/)', 'shared/store knows nothing of HTTP: access rules belong to the domain.')),
  // Handlers wire: they reach the table only through a store's public functions, never its keys, items or client.
  layer(
    ['functions/**'],
    forbid(
      '^(#store/(keys|batch|items|db|expressions|query)\\.ts$|@aws-sdk/)',
      'functions/ goes through a store (shared/store/<aggregate>.ts), never the table, its keys, items or client.',
    ),
  ),
  // Each function's entry point is its composition root: it may build the table's client at cold start.
  layer(
    ['functions/*/index.ts'],
    forbid('^(#store/(keys|batch|items|expressions|query)\\.ts$|@aws-sdk/)', 'functions/ goes through a store, never the table, its keys or items.'),
  ),
  // The pages talk only to the API: they may take response types and pure rules, never I/O.
  layer(['web/src/**'], forbid('^(#store/|#http/|@aws-sdk/|node:)', 'The pages talk only to the API.')),
);
