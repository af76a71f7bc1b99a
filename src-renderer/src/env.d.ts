/// <reference types="vite/client" />
import type { RendererApi } from '../../src-shared/contract'

declare global {
  interface Window {
    /** Present under Electron: the preload's bridge. Absent in browser mode. */
    mleStudio?: RendererApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
