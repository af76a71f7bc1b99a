/**
 * Content Security Policy of the renderer: only the app's own scripts and styles, images from data URLs
 * (chart export), no plugins, no framing, no remote content. One string literal, so the Electronegativity
 * scan can read and check it in the bundle.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"

/**
 * Browser mode's policy: the same, except that the page may post its upload form to its own server into a
 * hidden frame of its own (`src-renderer/src/api/upload-form.ts` says why a form).
 */
export const BROWSER_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; object-src 'none'"
