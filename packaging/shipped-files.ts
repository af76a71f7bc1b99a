import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import { writeAppDocs } from './app-docs'
import { collectLicenses, licenseSummaryJson, licensesHtml } from './licenses'

/** Where the build writes the files the app opens with the OS (Help pages, licences). */
export const SHIPPED_DIRS = { docs: 'out/docs', licenses: 'out/licenses' } as const

/** Writes the help pages and the licence list (JSON for the About dialog, HTML to read) under out/. */
export function writeShippedFiles(root: string): void {
  writeAppDocs(root, join(root, SHIPPED_DIRS.docs))
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const report = collectLicenses(root)
  const dir = join(root, SHIPPED_DIRS.licenses)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'licenses.json'), licenseSummaryJson(report))
  writeFileSync(join(dir, 'third-party-licenses.html'), licensesHtml(report, 'MLE Studio', pkg.version))
}

/** Vite plugin for the main build: regenerates the shipped files on every `electron-vite build`. */
export function shippedFiles(root: string): Plugin {
  return {
    name: 'mle-studio-shipped-files',
    apply: 'build',
    closeBundle() {
      writeShippedFiles(root)
    },
  }
}
