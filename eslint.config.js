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

/**
 * Layers: nothing imports upward (docs/architecture.md). Processes: engine <- core <- electron/web/cli;
 * the renderer and the contract import no src-main. Inside the engine, each folder lists what it may import
 * (errors.ts anywhere); every other engine folder and the request handler are off limits to it. Tests may
 * reach across (a test of one layer can use another's helpers), so the rules cover production files.
 */
const below = (folders, message) => folders.map((folder) => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message }))
const processRule = (forbidden, message) => below(forbidden, message)
/** Production files of `folder` (no Electron) that may not import the `patterns`. */
const layer = (files, patterns) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns }] },
})
/** The layers below the fit pipeline, which fit and groups (above it) may both import. */
const FIT_STAGES = [
  'inference',
  'gof',
  'optimize',
  'likelihood',
  'distributions',
  'stats',
  'random',
  'control',
]
const ENGINE_FOLDERS = {
  control: [],
  stats: [],
  random: [],
  'linear-algebra': [],
  import: [],
  distributions: ['stats', 'random'],
  likelihood: ['distributions', 'stats', 'control'],
  censoring: ['likelihood', 'distributions', 'stats'],
  optimize: ['likelihood', 'distributions', 'stats', 'linear-algebra', 'control'],
  inference: ['optimize', 'likelihood', 'distributions', 'stats', 'linear-algebra', 'control'],
  gof: ['optimize', 'likelihood', 'distributions', 'stats', 'random', 'control'],
  fit: ['censoring', ...FIT_STAGES],
  bootstrap: [
    'fit',
    'inference',
    'gof',
    'optimize',
    'likelihood',
    'distributions',
    'stats',
    'random',
    'control',
  ],
  regression: ['optimize', 'linear-algebra', 'control', 'import', 'stats', 'random'],
  groups: ['fit', ...FIT_STAGES, 'import'],
}
const outsideEngine = processRule(
  ['core', 'electron', 'web', 'cli', 'preload', 'src-renderer'],
  'The engine is the bottom process: it imports no core, front door or renderer code.',
)
const engineLayers = Object.entries(ENGINE_FOLDERS).map(([folder, allowed]) => {
  const forbidden = Object.keys(ENGINE_FOLDERS).filter((f) => f !== folder && !allowed.includes(f))
  const may = allowed.length > 0 ? allowed.join(', ') : 'nothing else in the engine'
  return layer(
    [`src-main/engine/${folder}/**/*.ts`],
    [
      ...outsideEngine,
      ...below(
        [...forbidden, 'handle-request', 'entry'],
        `engine/${folder} may import only ${may} (and errors): layers never import upward.`,
      ),
    ],
  )
})

module.exports = tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results.json',
    ],
  },
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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: [
      'src-main/**/*.ts',
      'e2e/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      'packaging/**/*.ts',
      '*.config.ts',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['scripts/**/*.{js,mjs,cjs}', 'bin/**/*.js', 'test/**/*.cjs', 'eslint.config.js'],
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
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node APIs.' },
            ...processRule(
              ['src-main'],
              'The renderer talks to main only through the contract (src-shared).',
            ),
          ],
        },
      ],
    },
  },
  {
    // src-shared/present (charts, number formats, the report) is imported by the renderer and the CLI alike.
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'vue', message: 'src-shared runs in every process: no Vue.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The contract is plain TypeScript.' },
            ...processRule(['src-main', 'src-renderer'], 'The contract imports neither side of it.'),
          ],
        },
      ],
    },
  },
  layer(['src-main/engine/*.ts'], outsideEngine),
  ...engineLayers,
  layer(
    ['src-main/core/**/*.ts'],
    processRule(
      ['electron', 'web', 'cli', 'preload', 'src-renderer'],
      'The core sits below the front doors: it imports the engine, never Electron, web, CLI or renderer code.',
    ),
  ),
  ...[
    ['web', ['electron', 'cli']],
    ['cli', ['electron', 'web']],
  ].map(([door, others]) =>
    layer(
      [`src-main/${door}/**/*.ts`],
      processRule(
        [...others, 'preload', 'src-renderer'],
        'A front door uses the core and the engine, not another front door or the renderer.',
      ),
    ),
  ),
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
