// One linter for every runtime; `no-restricted-imports` keeps each folder to the APIs its process has.
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const vue = require('eslint-plugin-vue')
const globals = require('globals')

const noElectron = {
  name: 'electron',
  message: 'Only src-main/electron and the preload may import Electron.',
}
const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'os', 'http', 'crypto']

module.exports = tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts', 'e2e/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['scripts/**/*.{js,mjs,cjs}', 'bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['scripts/**/*.mjs'], languageOptions: { sourceType: 'module' } },
  {
    // The renderer's test support mimics the renderer's runtime: browser globals, no Node.
    files: ['src-renderer/**/*.{ts,vue}', 'test/support/renderer/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ group: nodeBuiltins, message: 'The renderer has no Node APIs.' }],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ group: nodeBuiltins, message: 'The contract is plain TypeScript.' }],
        },
      ],
    },
  },
  {
    files: [
      'src-main/engine/**/*.ts',
      'src-main/core/**/*.ts',
      'src-main/web/**/*.ts',
      'src-main/cli/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // ipcMain and ipcRenderer each live in one wrapper file.
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Use src-main/electron/ipc.ts.' }] },
      ],
    },
  },
)
