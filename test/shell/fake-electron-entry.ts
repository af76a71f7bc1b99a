// What `require('electron')` returns in a process started by driver.ts: the fake, with its control
// channel installed and its ready event scheduled (Electron's comes after the main script has run).
import { app } from './fake-electron'
import { installControl } from './fake-electron-control'

export * from './fake-electron'
export default {}

installControl()
app.boot()
