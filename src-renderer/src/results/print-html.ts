/** The frame the last report was printed from (removed when the next one is printed). */
let lastFrame: HTMLIFrameElement | null = null

/**
 * Opens the browser's print dialog on a self-contained HTML document (the report), so the user can print it
 * or save it as PDF. It is shown in a hidden same-origin frame, which inherits the app's Content Security
 * Policy: that policy refuses inline `<style>` and `style="…"`, so the document's styles are applied through
 * the CSSOM instead (a constructed style sheet and each element's `style`), which the policy allows. The
 * report has no script; any it had would not run (the policy allows only the app's own).
 * `title` becomes the document title, which browsers use as the PDF's file name.
 */
export async function printHtml(html: string, title: string): Promise<void> {
  lastFrame?.remove()
  const frame = document.createElement('iframe')
  frame.setAttribute('aria-hidden', 'true')
  frame.dataset['testid'] = 'print-frame'
  Object.assign(frame.style, {
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '0',
    height: '0',
    border: '0',
  })
  document.body.appendChild(frame)
  lastFrame = frame
  const win = frame.contentWindow
  const doc = frame.contentDocument
  if (!win || !doc) throw new Error('The browser gave no frame to print the report from.')
  fillDocument(doc, win, html)
  doc.title = title
  // Layout (fonts, SVG) settles before the dialog snapshots the page.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  const previous = document.activeElement
  win.focus()
  win.print()
  // print() returns when the dialog closes: the app's keyboard shortcuts work again without a click.
  window.focus()
  if (previous instanceof HTMLElement) previous.focus()
}

/** Puts `html` into `doc` with its styles applied through the CSSOM (see printHtml). */
function fillDocument(doc: Document, win: Window, html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  const css = [...parsed.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n')
  for (const s of parsed.querySelectorAll('style')) s.remove()
  // Inline styles move to a data attribute before the nodes enter the page (no refused inline styles).
  for (const el of parsed.querySelectorAll('[style]')) {
    el.setAttribute('data-print-style', el.getAttribute('style') ?? '')
    el.removeAttribute('style')
  }
  doc.documentElement.replaceWith(doc.importNode(parsed.documentElement, true))
  for (const el of doc.querySelectorAll<HTMLElement | SVGElement>('[data-print-style]')) {
    el.style.cssText = el.getAttribute('data-print-style') ?? ''
    el.removeAttribute('data-print-style')
  }
  const sheet = new (win as unknown as typeof globalThis).CSSStyleSheet()
  sheet.replaceSync(css)
  doc.adoptedStyleSheets = [sheet]
}
