import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: ['dist/', 'dist-demo/', 'dist-cli/', 'node_modules/', 'test-results/', 'coverage/', 'bench/results.json'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // the command-line tools, the demo EHR, the benchmark, the scripts and the headers command print by design
    files: ['src/cli/**', 'mocks/server/**', 'bench/**', 'scripts/**', 'deploy/headers.ts', 'test/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
  // formatting is Prettier's (npm run lint checks it): no stylistic rule of ESLint's competes with it
  prettier,
);
