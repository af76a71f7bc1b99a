/**
 * Installers (electron-builder): Linux AppImage and .deb, Windows NSIS, macOS dmg. `npm run dist` builds
 * those of the platform it runs on (scripts/dist.mjs). App id, product name and version come from here and
 * package.json; icons from resources/icons (scripts/dev/make-icons.mjs); signing from the environment.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Configuration, FileAssociation } from 'electron-builder'
import { rendererOnlyPackageNames } from './packaging/dependency-tree'
import { SHIPPED_DIRS } from './packaging/shipped-files'
import { DATA_EXTENSIONS, SESSION_SUFFIX } from './src-main/electron/file-types'

const ROOT = __dirname

/** Names and MIME types of the data files the shell opens (its dialog filters list the same extensions). */
const DATA_TYPES: Record<(typeof DATA_EXTENSIONS)[number], { name: string; mimeType: string }> = {
  csv: { name: 'CSV file', mimeType: 'text/csv' },
  tsv: { name: 'Tab-separated values', mimeType: 'text/tab-separated-values' },
  txt: { name: 'Text file', mimeType: 'text/plain' },
  xlsx: {
    name: 'Excel workbook',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  xls: { name: 'Excel 97-2003 workbook', mimeType: 'application/vnd.ms-excel' },
  ods: { name: 'OpenDocument spreadsheet', mimeType: 'application/vnd.oasis.opendocument.spreadsheet' },
}

/** Data files the app opens: offered in "Open with", never taking over their default app. */
export const DATA_ASSOCIATIONS = DATA_EXTENSIONS.map((ext) => ({ ext, ...DATA_TYPES[ext] }))

/** The app's own documents. Linux matches the whole suffix; Windows and macOS see `.json` (see README). */
export const SESSION_ASSOCIATION = {
  ext: SESSION_SUFFIX.slice(1),
  name: 'MLE Studio session',
  mimeType: 'application/x-mlestudio-session+json',
} as const

/** Paths relative to the project: every icon the targets use. */
export const ICONS = {
  linux: 'resources/icons/png',
  win: 'resources/icons/icon.ico',
  mac: 'resources/icons/icon.icns',
  sessionWin: 'resources/icons/session.ico',
  sessionMac: 'resources/icons/session.icns',
} as const

/** The NSIS script that offers the app in Windows' "Open with" for data files and sessions. */
export const WINDOWS_ASSOCIATIONS_SCRIPT = 'resources/installer/associations.nsh'

function associations(platform: 'mac' | 'linux'): FileAssociation[] {
  const data: FileAssociation[] = DATA_ASSOCIATIONS.map((a) => ({
    ext: a.ext,
    name: a.name,
    mimeType: a.mimeType,
    // macOS: listed under "Open With", never the default for CSV or spreadsheets.
    role: 'Viewer',
    rank: 'Alternate',
  }))
  const session: FileAssociation = {
    ...SESSION_ASSOCIATION,
    role: 'Editor',
    rank: 'Owner',
    ...(platform === 'mac' ? { icon: ICONS.sessionMac } : {}),
  }
  return [session, ...data]
}

/**
 * macOS signing: with a certificate in the environment (CSC_LINK or CSC_NAME) electron-builder signs with
 * the hardened runtime, and notarizes when Apple credentials are there too; without one the app is
 * ad-hoc signed, which Apple silicon needs to run it at all (users then open it with right-click > Open).
 */
export function macSigning(
  env: NodeJS.ProcessEnv,
): Pick<NonNullable<Configuration['mac']>, 'identity' | 'hardenedRuntime' | 'notarize'> {
  const certificate = Boolean(env['CSC_LINK'] || env['CSC_NAME'])
  const notarize = Boolean(
    (env['APPLE_API_KEY'] && env['APPLE_API_KEY_ID'] && env['APPLE_API_ISSUER']) ||
    (env['APPLE_ID'] && env['APPLE_APP_SPECIFIC_PASSWORD'] && env['APPLE_TEAM_ID']) ||
    (env['APPLE_KEYCHAIN'] && env['APPLE_KEYCHAIN_PROFILE']),
  )
  return certificate
    ? { hardenedRuntime: true, notarize }
    : { identity: '-', hardenedRuntime: false, notarize: false }
}

/** The whole configuration; `env` decides signing (Windows reads CSC_LINK / WIN_CSC_LINK by itself). */
export function builderConfig(env: NodeJS.ProcessEnv = process.env): Configuration {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string
    description: string
  }
  return {
    appId: 'org.mlestudio.MLEStudio',
    productName: 'MLE Studio',
    copyright: 'Copyright © 2026 the MLE Studio authors',
    buildVersion: pkg.version,
    directories: { output: 'dist', buildResources: 'resources/icons' },
    // The app is the built bundles; package.json is added by electron-builder, node_modules by its
    // production tree minus the renderer's libraries (Vite has bundled those into out/renderer).
    files: [
      'out/main/**/*',
      // mle-fit's launcher and its code cache: `mle-studio --cli` and resources/bin/mle-fit run the CLI
      // through them (without the staleness check: a package has no sources).
      'bin/mle-fit.js',
      'bin/compile-cache.js',
      'out/preload/**/*',
      'out/renderer/**/*',
      '!**/*.map',
      ...rendererOnlyPackageNames(ROOT).map((name) => `!**/node_modules/${name}{,/**/*}`),
      // What packages ship besides their code: TypeScript sources, C sources of @stdlib's optional native
      // add-ons (never built here), docs, benchmarks and examples.
      '!**/node_modules/**/*.ts',
      '!**/node_modules/@stdlib/*/{src,include,docs,benchmark,examples,test}{,/**/*}',
      '!**/node_modules/@stdlib/*/{binding.gyp,include.gypi}',
    ],
    // Files the OS or the user opens directly live outside the archive.
    extraResources: [
      { from: 'resources/samples', to: 'samples' },
      { from: SHIPPED_DIRS.docs, to: 'docs' },
      { from: SHIPPED_DIRS.licenses, to: 'licenses' },
      { from: 'resources/bin', to: 'bin' },
    ],
    asar: true,
    electronFuses: {
      // The CLI (`mle-studio --cli`, resources/bin/mle-fit) runs the app binary as Node.
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    },
    linux: {
      target: ['AppImage', 'deb'],
      executableName: 'mle-studio',
      icon: ICONS.linux,
      category: 'Science',
      synopsis: 'Maximum-likelihood fitting of distributions and regression models',
      description: pkg.description,
      fileAssociations: associations('linux'),
    },
    deb: { packageCategory: 'science', priority: 'optional' },
    appImage: { artifactName: 'MLE-Studio-${version}-${arch}.${ext}' },
    win: {
      target: ['nsis'],
      icon: ICONS.win,
      executableName: 'MLE Studio',
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      include: WINDOWS_ASSOCIATIONS_SCRIPT,
      installerIcon: ICONS.win,
      uninstallerIcon: ICONS.win,
      artifactName: 'MLE-Studio-Setup-${version}.${ext}',
    },
    mac: {
      target: ['dmg'],
      icon: ICONS.mac,
      category: 'public.app-category.education',
      fileAssociations: associations('mac'),
      ...macSigning(env),
    },
    dmg: { artifactName: 'MLE-Studio-${version}-${arch}.${ext}' },
    publish: null,
  }
}

export default builderConfig()
