import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { productionPackages } from './dependency-tree'

/** One bundled library in the About dialog and the licences page. */
export interface LicenseEntry {
  name: string
  version: string
  /** SPDX expression from its manifest, or `UNKNOWN` when it declares none. */
  license: string
  /** Its licence (and notice) text as shipped in the package, or null when it ships none. */
  text: string | null
}

/** What the About dialog reads (`licenses.json`). */
export interface LicenseReport {
  generatedFrom: string
  packages: LicenseEntry[]
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice)([-._].*)?$/i

/** The licence and notice files a package ships, concatenated (LICENSE first). */
function licenseText(dir: string): string | null {
  if (!existsSync(dir)) return null
  const names = readdirSync(dir)
    .filter((n) => LICENSE_FILE.test(n))
    .sort((a, b) => Number(/^notice/i.test(a)) - Number(/^notice/i.test(b)) || a.localeCompare(b))
  const texts = names.map((n) => readFileSync(join(dir, n), 'utf8').trim()).filter((t) => t.length > 0)
  return texts.length > 0 ? texts.join('\n\n') : null
}

/**
 * Every library of the production dependency tree (the renderer's, bundled by Vite, and the main
 * process's, shipped in node_modules), one entry per name and version, plus Electron itself (whose
 * Chromium and Node licences ship beside its binary as LICENSES.chromium.html).
 */
export function collectLicenses(root: string): LicenseReport {
  const seen = new Map<string, LicenseEntry>()
  for (const p of productionPackages(root)) {
    const key = `${p.name}@${p.version}`
    if (seen.has(key)) continue
    seen.set(key, {
      name: p.name,
      version: p.version,
      license: p.license ?? 'UNKNOWN',
      text: licenseText(join(root, p.path)),
    })
  }
  const electron = join(root, 'node_modules/electron')
  if (existsSync(join(electron, 'package.json'))) {
    const { version } = JSON.parse(readFileSync(join(electron, 'package.json'), 'utf8')) as {
      version: string
    }
    const text = licenseText(electron)
    seen.set(`electron@${version}`, {
      name: 'electron',
      version,
      license: 'MIT',
      text: `${text ?? ''}\n\nChromium, Node.js and their components: see LICENSES.chromium.html next to the MLE Studio program.`.trim(),
    })
  }
  const packages = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name))
  return { generatedFrom: 'package-lock.json (production dependencies) and Electron', packages }
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

/** What the About dialog reads: names, versions and licence names, without the texts. */
export function licenseSummaryJson(report: LicenseReport): string {
  const packages = report.packages.map(({ name, version, license }) => ({ name, version, license }))
  return JSON.stringify({ generatedFrom: report.generatedFrom, packages })
}

/**
 * A page listing every library with its licence text, opened from Help > Third-Party Licences. Libraries
 * that ship the same text (the ~300 @stdlib packages share one Apache-2.0 text and notice) are listed
 * together above it, once.
 */
export function licensesHtml(report: LicenseReport, product: string, version: string): string {
  const byText = new Map<string, LicenseEntry[]>()
  for (const p of report.packages) {
    const key = p.text ?? `no text: ${p.license}`
    byText.set(key, [...(byText.get(key) ?? []), p])
  }
  const sections = [...byText.values()].map((group) => {
    const names = group
      .map((p) => `${escapeHtml(p.name)} ${escapeHtml(p.version)} <small>${escapeHtml(p.license)}</small>`)
      .join(', ')
    const text = group[0].text
    const body = text
      ? `<pre>${escapeHtml(text)}</pre>`
      : `<p>No licence file is shipped with this package; its manifest declares ${escapeHtml(group[0].license)}.</p>`
    return `<section><h2>${names}</h2>${body}</section>`
  })
  const title = `${escapeHtml(product)} ${escapeHtml(version)}: third-party licences`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b2430}
h2{font-size:.95rem;font-weight:600;margin:1.6rem 0 .4rem}small{color:#56637a;font-weight:normal}
pre{white-space:pre-wrap;font-size:12px;background:#f4f6f9;padding:.8rem;border-radius:6px}</style></head>
<body><h1>${title}</h1>
<p>${report.packages.length} open-source libraries are part of this program, each listed with the licence it is
distributed under.</p>
${sections.join('\n')}
</body></html>
`
}
