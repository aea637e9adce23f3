// Lint the TypeScript sources and tests; plain-JS browser files and build output are out of scope.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'sandbox/public/vendor/**', 'coverage/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One adapter around the framework (see src/bot/framework/index.ts): nothing else in the product
    // imports it, not even its types.
    files: ['src/**/*.ts'],
    ignores: ['src/bot/framework/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['webex-node-bot-framework', 'webex-node-bot-framework/*'], message: 'Import what you need from src/bot/framework/.' }] },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'sandbox/public/**/*.js'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', window: 'readonly', document: 'readonly', fetch: 'readonly', AdaptiveCards: 'readonly', markdownit: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URLSearchParams: 'readonly', URL: 'readonly', location: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
