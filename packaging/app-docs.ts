import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, posix } from 'node:path'
import { Marked, type Token } from 'marked'

/** The page a shipped markdown file becomes: README.md is the index, docs/x.md is x.html. */
export function pageName(source: string): string {
  return source === 'README.md' ? 'index.html' : `${basename(source, '.md')}.html`
}

/** README.md and every docs/*.md: the help the app ships (Help menu). */
export function docSources(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => `docs/${n}`)
  return ['README.md', ...docs]
}

const isRelative = (href: string) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('#')

/**
 * Renders one markdown file to a standalone HTML page. Links to other shipped markdown files point at their
 * pages; relative images are collected (to be copied next to the page) and referenced by file name.
 */
export function renderPage(source: string, markdown: string): { html: string; images: string[] } {
  const images: string[] = []
  const marked = new Marked({
    gfm: true,
    walkTokens(token: Token) {
      if ((token.type !== 'link' && token.type !== 'image') || !isRelative(token.href)) return
      const [path, hash] = token.href.split('#')
      const target = posix.normalize(posix.join(posix.dirname(source), path))
      if (token.type === 'image') {
        images.push(target)
        token.href = basename(target)
      } else if (target.endsWith('.md')) {
        token.href = pageName(target) + (hash ? `#${hash}` : '')
      }
    },
  })
  const body = marked.parse(markdown, { async: false })
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? basename(source)
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title.replace(/</g, '&lt;')}</title>
<style>body{font:15px/1.55 system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#1b2430}
img{max-width:100%;height:auto}code,pre{font-family:ui-monospace,monospace;font-size:13px}
pre{background:#f4f6f9;padding:.8rem;border-radius:6px;overflow:auto}table{border-collapse:collapse}
td,th{border:1px solid #d5dbe3;padding:.3rem .5rem;vertical-align:top}a{color:#1f5fa8}</style></head>
<body><nav><a href="index.html">MLE Studio help</a></nav>
${body}</body></html>
`
  return { html, images }
}

/** Writes every shipped page and the images they show into `outDir`; returns the page names. */
export function writeAppDocs(root: string, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true })
  const pages: string[] = []
  for (const source of docSources(root)) {
    const { html, images } = renderPage(source, readFileSync(join(root, source), 'utf8'))
    writeFileSync(join(outDir, pageName(source)), html)
    pages.push(pageName(source))
    for (const image of images) {
      const from = join(root, image)
      if (existsSync(from)) {
        mkdirSync(dirname(join(outDir, basename(image))), { recursive: true })
        copyFileSync(from, join(outDir, basename(image)))
      }
    }
  }
  return pages
}
