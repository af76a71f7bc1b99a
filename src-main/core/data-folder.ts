import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Browser mode's data folder (autosave, recovery): `$XDG_CONFIG_HOME/mle-studio`, else
 * `~/.config/mle-studio`; `MLE_STUDIO_DATA_DIR` overrides both (tests give each run its own folder).
 * Electron uses `app.getPath('userData')` instead.
 */
export function browserModeDataFolder(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const override = env['MLE_STUDIO_DATA_DIR']
  if (override) return override
  const xdg = env['XDG_CONFIG_HOME']
  // The XDG spec says relative values are invalid and must be ignored.
  const base = xdg && xdg.startsWith('/') ? xdg : join(home, '.config')
  return join(base, 'mle-studio')
}
