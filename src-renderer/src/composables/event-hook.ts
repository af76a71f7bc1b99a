import { getCurrentScope, onScopeDispose } from 'vue'

/** A typed event between composables: `on` subscribes (until the caller's scope ends), `trigger` fires. */
export interface EventHook<T> {
  on(handler: (value: T) => void): () => void
  trigger(value: T): void
}

/** VueUse's createEventHook, reduced to what the workspace needs: handlers run synchronously, in order. */
export function createEventHook<T>(): EventHook<T> {
  const handlers = new Set<(value: T) => void>()
  return {
    on(handler) {
      handlers.add(handler)
      const off = () => void handlers.delete(handler)
      if (getCurrentScope()) onScopeDispose(off)
      return off
    },
    trigger(value) {
      for (const handler of handlers) handler(value)
    },
  }
}
