import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pageName, renderPage, writeAppDocs } from '../../packaging/app-docs'
import { dependencyClosure, mainProcessImports, productionPackages } from '../../packaging/dependency-tree'
import { collectLicenses, licensesHtml, licenseSummaryJson } from '../../packaging/licenses'

const ROOT = join(__dirname, '../..')

describe('the licence list', () => {
  const report = collectLicenses(ROOT)

  it('covers every production package once, plus Electron, each with its licence', () => {
    const production = new Set(productionPackages(ROOT).map((p) => `${p.name}@${p.version}`))
    const listed = report.packages.filter((p) => p.name !== 'electron').map((p) => `${p.name}@${p.version}`)
    expect(new Set(listed)).toEqual(production)
    expect(listed).toHaveLength(production.size)
    expect(report.packages.find((p) => p.name === 'electron')?.text).toMatch(/LICENSES\.chromium\.html/)
    for (const name of ['vue', 'echarts', 'papaparse', 'valibot']) {
      const entry = report.packages.find((p) => p.name === name)
      expect(entry?.license).toMatch(/MIT|Apache-2\.0/)
      expect(entry?.text).toMatch(/permission|License/i)
    }
    expect(report.packages.some((p) => p.name === 'vitest' || p.name === 'typescript')).toBe(false)
  })

  it('gives the About dialog names and licences only, and the page every text once', () => {
    const summary = JSON.parse(licenseSummaryJson(report)) as { packages: Record<string, string>[] }
    expect(Object.keys(summary.packages[0]).sort()).toEqual(['license', 'name', 'version'])
    const html = licensesHtml(report, 'MLE Studio', '1.0.0')
    for (const p of report.packages) expect(html).toContain(`${p.name} ${p.version}`)
    // Each distinct text once (the ~300 @stdlib packages share a dozen variants of one text and notice).
    const texts = new Set(report.packages.map((p) => p.text).filter((t) => t !== null))
    expect(html.split('<pre>').length - 1).toBe(texts.size)
    expect(texts.size).toBeLessThan(report.packages.length / 4)
  })
})

describe('the help pages', () => {
  it('link each other as pages and show their images from beside them', () => {
    const { html, images } = renderPage(
      'README.md',
      '# T\n\nSee [x](docs/cli.md#usage) and ![s](docs/a.png), [web](https://e.org/).',
    )
    expect(html).toContain('href="cli.html#usage"')
    expect(html).toContain('src="a.png"')
    expect(html).toContain('href="https://e.org/"')
    expect(images).toEqual(['docs/a.png'])
    expect(pageName('docs/import.md')).toBe('import.html')
  })

  it('renders README and every doc with the images they show', () => {
    const out = mkdtempSync(join(tmpdir(), 'docs-'))
    const pages = writeAppDocs(ROOT, out)
    expect(pages[0]).toBe('index.html')
    expect(pages).toEqual(expect.arrayContaining(['cli.html', 'import.html', 'reliability.html']))
    const written = readdirSync(out)
    for (const m of readFileSync(join(out, 'index.html'), 'utf8').matchAll(/src="([^"]+)"/g)) {
      expect(written).toContain(m[1])
    }
  })
})

describe('main-process imports', () => {
  it('are the packages the engine, core and CLI load, all in the production tree', () => {
    const imports = mainProcessImports(ROOT)
    expect(imports).toEqual(
      expect.arrayContaining(['papaparse', 'valibot', '@stdlib/math-base-special-gammaln']),
    )
    expect(imports).not.toContain('electron')
    expect(imports).not.toContain('vue')
    const needed = dependencyClosure(productionPackages(ROOT), imports)
    const names = new Set([...needed].map((p) => p.name))
    for (const name of imports.filter((n) => n !== 'tsx')) expect(names.has(name)).toBe(true)
  })
})
