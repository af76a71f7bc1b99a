/**
 * What an import note or error asks the user to do, in the words of each front end that shows it: the
 * app's import settings, or mle-fit's flags. The engine writes the app's words (they are what
 * DatasetInfo.warnings and saved sessions hold); mle-fit puts its own in their place (`inCliWords`).
 */
export const IMPORT_ACTIONS = {
  headerRow: {
    app: 'choose another header row in the import settings',
    cli: 'give the header row with --header-row N',
  },
  missingTokens: {
    app: 'Add those values to the missing tokens',
    cli: 'Add those values to --missing',
  },
  delimiter: {
    app: 'Check the delimiter in the import settings',
    cli: 'Check the delimiter (--delimiter)',
  },
  // mle-fit has no encoding flag: the file itself has to change.
  encoding: {
    app: 'choose it in the import settings',
    cli: 'save the file as UTF-8 and run again',
  },
} as const

/** An import message in mle-fit's words: each action in the app's words replaced by the CLI's. */
export function inCliWords(message: string): string {
  let text = message
  for (const action of Object.values(IMPORT_ACTIONS)) text = text.replace(action.app, action.cli)
  return text
}
