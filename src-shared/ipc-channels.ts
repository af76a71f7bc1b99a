/**
 * IPC channel names between the preload and main that are not StudioCalls (those use their own names,
 * `area:verb-noun`, as channels). Each invoke channel answers an Envelope (see contract.ts).
 */
export const IpcChannel = {
  openWithDialog: 'dataset:open-dialog',
  openPath: 'dataset:open-path',
  savePng: 'export:save-png',
  saveText: 'export:save-text',
  /** An HTML report, saved as PDF or HTML by the extension the user chose. */
  saveReport: 'export:save-report',
  /** The page says whether it has unsaved results (a boolean), for the prompt on close. */
  setUnsaved: 'window:set-unsaved',
  /** main -> renderer push channel carrying StudioEvent. */
  event: 'studio:event',
} as const
