import type { RendererApi } from '../../../src-shared/contract'
import { createBrowserClient } from './browser-client'

/** The preload's bridge under Electron, else the browser-mode client with the token from the page URL. */
export function resolveRendererApi(): RendererApi {
  if (window.mleStudio) return window.mleStudio
  const token = new URLSearchParams(window.location.search).get('token') ?? ''
  return createBrowserClient(token)
}

export const api: RendererApi = resolveRendererApi()
