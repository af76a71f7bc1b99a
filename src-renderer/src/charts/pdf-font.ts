// DejaVu Sans (a free Unicode font) for vector PDFs: jsPDF's built-in fonts cover only Latin-1, so Greek
// parameter symbols (β, μ, σ), "−" and "≤" would print as wrong glyphs. Inlined as a data URL into a chunk
// that loads only when a PDF is made.
import dejavuSans from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?inline'

/** The font's bytes as base64 (what jsPDF's virtual file system takes). */
export const DEJAVU_SANS_BASE64 = dejavuSans.slice(dejavuSans.indexOf(',') + 1)
