import { ref } from 'vue'

/** Dropping a file on the window: `dragging` while one is held over it, `onFile` with the dropped file. */
export function useFileDrop({ onFile }: { onFile: (file: File) => void }) {
  const dragging = ref(false)

  function onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return
    event.preventDefault()
    dragging.value = true
  }

  function onDragLeave(): void {
    dragging.value = false
  }

  function onDrop(event: DragEvent): void {
    event.preventDefault()
    dragging.value = false
    const file = event.dataTransfer?.files[0]
    if (file) onFile(file)
  }

  return { dragging, onDragOver, onDragLeave, onDrop }
}
