import { shallowRef, type ComputedRef } from 'vue'
import type { Dataset } from './use-dataset'
import type { Fits } from './use-fits'
import type { Regression } from './use-regression'

/** The answers to the question before an open replaces unsaved results. */
export type OpenAnswer = 'save' | 'discard' | 'cancel'

export interface UseOpenQuestionOptions {
  dataset: Dataset
  fits: Fits
  regression?: Regression
  /** Results that no saved session file holds (`useSession`'s). */
  unsaved: ComputedRef<boolean>
  /** Saves the session (a dialog or a download); true when it was saved. */
  save: () => Promise<boolean>
  /**
   * True (and marked saved) when the core knows these results saved as a session: another page that
   * showed them saved them after this page took them over.
   */
  savedElsewhere: () => Promise<boolean>
}

/**
 * The question asked before opening a file (or re-importing one) would replace results no saved session
 * holds, as the desktop app asks before closing: "Open rivers.csv? The fits on faithful.csv are not
 * saved." Save session… (then the open goes on once saved), Discard, Cancel (nothing happens). A new
 * question answers an older one still open with Cancel.
 */
export function useOpenQuestion(options: UseOpenQuestionOptions) {
  const { dataset, fits, regression, unsaved, save } = options
  const question = shallowRef<{ text: string; answer: (a: OpenAnswer) => void } | null>(null)

  /** Resolves true when the open may go on (nothing unsaved, discarded, or saved first). */
  async function ask(action: string): Promise<boolean> {
    if (!unsaved.value || (await options.savedElsewhere())) return true
    question.value?.answer('cancel')
    const file = dataset.dataset.value?.fileName ?? 'the open file'
    const text = `${action}? ${unsavedWhat(fits.fits.value.length, regression?.result.value != null, file)}`
    const answer = await new Promise<OpenAnswer>((resolve) => {
      const answered = (a: OpenAnswer) => {
        if (question.value?.answer === answered) question.value = null
        resolve(a)
      }
      question.value = { text, answer: answered }
    })
    if (answer === 'save') return save()
    return answer === 'discard'
  }

  return { openQuestion: question, askBeforeOpen: ask }
}

/** "The fit on rivers.csv is not saved.", "The 3 fits on … are", "The fit and the regression …". */
export function unsavedWhat(fitCount: number, regression: boolean, file: string): string {
  const fitsWord = fitCount === 1 ? 'fit' : `${fitCount} fits`
  const what =
    fitCount > 0 && regression ? `${fitsWord} and the regression` : regression ? 'regression' : fitsWord
  const verb = fitCount > 1 || (fitCount > 0 && regression) ? 'are' : 'is'
  return `The ${what} on ${file} ${verb} not saved.`
}
