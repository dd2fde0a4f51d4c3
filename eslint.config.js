import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/', 'dist-check/', 'node_modules/', 'coverage/', 'tmp/', 'test/fixtures/', 'reports/', '.stryker-tmp/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
    },
  },
  {
    files: ['bin/*.js', 'scripts/**/*.js', 'stryker.config.mjs'],
    languageOptions: {globals: {process: 'readonly', console: 'readonly'}},
  },
)
