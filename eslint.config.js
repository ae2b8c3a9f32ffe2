// Lint, and the layers held by a rule (docs/architecture.md "Layers").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A `no-restricted-imports` pattern: modules matching `regex` may not be imported from here. */
const forbid = (regex, message) => ({ regex, message });

/** Everywhere: one alias per layer, so that the rules below see which layer a module is in. */
const everywhere = [
  forbid('^\\.\\./\\.\\./', 'Import across folders by alias (package.json "imports": #domain/…, #store/…, #http/…), never by a ../../ chain.'),
  forbid(
    '^#shared/(domain|store|http|schemas|gateway)/',
    "Use the layer's own alias (#domain/…, #store/…, #http/…, #schemas/…, #gateway/…), not #shared/…: the layer rules are written against those.",
  ),
];
/** Within a layer's own folder only: `../` would leave it. */
const noParent = (message) => forbid('^\\.\\./', message);

/** The import rules of one layer (a later entry for the same files replaces an earlier one: each lists all its patterns). */
const layer = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns: [...everywhere, ...patterns] }] } });

const domainIsPure = forbid(
  '^(node:|@aws-sdk/|@middy/|#store/|#http/|#functions/|#scripts/|#gateway/|#schemas/|#shared/(?!(errors|ids)\\.ts$|i18n/messages\\.ts$))',
  'shared/domain is pure: no I/O, no store, no HTTP; from #shared only errors, ids and the message catalogue (the pages import the domain too).',
);
const storeKnowsNoHttp = forbid('^(#http/|#functions/|#scripts/|@middy/)', 'shared/store knows nothing of HTTP: access rules belong to the domain.');
const storeInternals = '#store/(keys|batch|items|db|expressions|query|outbox-items)\\.ts$';
const handlersWire = forbid(
  `^(${storeInternals}|@aws-sdk/|#functions/(?!jobs\\.ts$)|#scripts/)`,
  "functions/ goes through a store (shared/store/<aggregate>.ts), never the table, its keys, items or client, and never into another function's folder.",
);
const ownFolder = noParent(
  "A function's folder imports only its own files and the shared layers (#domain, #store, #http, #schemas), never another function's folder.",
);

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
  layer(['shared/domain/*.ts'], domainIsPure, noParent('shared/domain is pure: `../` leaves it.')),
  layer(['shared/domain/*/**'], domainIsPure),
  // The store owns the table and knows nothing of HTTP: access rules belong to the domain.
  layer(['shared/store/**'], storeKnowsNoHttp, noParent('shared/store imports other layers by alias.')),
  layer(
    ['shared/http/**'],
    forbid('^(#functions/|#scripts/)', 'shared/http is the pipeline every function shares: it knows no function.'),
    noParent('shared/http imports other layers by alias.'),
  ),
  // Handlers wire: they reach the table only through a store's public functions, never its keys, items or client.
  layer(['functions/*/**'], handlersWire, ownFolder),
  // Each function's entry point is its composition root: it may build the table's client at cold start.
  layer(
    ['functions/*/index.ts'],
    forbid(
      `^(${storeInternals.replace('db|', '')}|@aws-sdk/|#functions/(?!jobs\\.ts$)|#scripts/)`,
      "functions/ goes through a store, never the table, its keys or items, and never into another function's folder.",
    ),
    ownFolder,
  ),
  // The pages talk only to the API: they may take response types and pure rules, never I/O.
  layer(['web/src/**'], forbid('^(#store/|#http/|#gateway/|#scripts/|@aws-sdk/|node:|#shared/codes\\.ts$)', 'The pages talk only to the API.')),
);
