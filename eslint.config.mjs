import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Drivers and frameworks that must never reach the pure layers (kernel, contracts, domains).
const frameworkAndDrivers = [
  '@nestjs/*',
  'mongoose',
  'kafkajs',
  '@kurrent/*',
  'better-sqlite3',
  'pg',
  'class-validator',
  'class-transformer',
];

// SQLite compiles a statement again at every run when its LIMIT is a bare parameter.
const BARE_LIMIT = 'write BOUND_LIMIT or boundLimit(name) (@whistle/event-store), not a bare parameter: SQLite compiles the statement again at every run';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'tmp/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkAndDrivers },
            {
              // A contract may build on another: the dossier's proof format (transparency) reads the events' contracts.
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts'],
              bannedExternalImports: frameworkAndDrivers,
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts'],
              bannedExternalImports: frameworkAndDrivers,
            },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:adapter', 'type:test-support'],
            },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:domain', 'type:adapter', 'type:test-support'],
            },
            {
              sourceTag: 'type:test-support',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:domain', 'type:adapter'],
            },
            {
              sourceTag: 'type:host',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:domain', 'type:adapter', 'type:service', 'type:web'],
            },
            {
              sourceTag: 'type:tests',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', 'type:domain', 'type:adapter', 'type:web'],
            },
            // The web console speaks to the system only through its public HTTP API.
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The same ban without the project graph, so it holds even for a package not installed yet.
    files: ['libs/kernel/**/*.ts', 'libs/contracts/**/*.ts', 'libs/*-domain/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time comes in with the command (`now`)' },
        { object: 'Math', property: 'random', message: 'ids come in with the command' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: frameworkAndDrivers, message: 'the pure layers take no framework or driver' }],
          paths: [{ name: '@whistle/testing', message: 'test fixtures are for specs only' }],
        },
      ],
    },
  },
  {
    files: ['libs/*-domain/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'time comes in with the command (`now`)' },
        { selector: "CallExpression[callee.name='randomUUID']", message: 'ids come in with the command' },
      ],
    },
  },
  {
    // Test fixtures serve specs only, never product code.
    files: ['services/**/*.ts', 'libs/**/*.ts'],
    // The pure layers carry this ban in their own rule above; a second block would replace theirs.
    ignores: ['**/*.spec.ts', '**/testing/**', 'libs/testing/**', 'libs/kernel/**', 'libs/contracts/**', 'libs/*-domain/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@whistle/testing', message: 'test fixtures are for specs only' }] }],
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/LIMIT\\s+[?:@]/i]', message: BARE_LIMIT },
        { selector: 'TemplateElement[value.raw=/LIMIT\\s+[?:@]/i]', message: BARE_LIMIT },
      ],
    },
  },
  {
    // The web console's browser code: React's rules of hooks.
    files: ['services/console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.spec.ts', 'tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // End-to-end suites read untyped JSON from the API.
    files: ['tests/e2e/**/*.ts', 'tests/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // A driver module loads its library on first use, so a process that never uses it never loads it.
    files: ['**/*-driver.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
