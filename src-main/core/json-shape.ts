/** Limits on the shape of JSON text, checked before JSON.parse sees it. */
export interface JsonShapeLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number
  /** Most keys in one object. */
  maxKeys: number
}

/**
 * The shape anything the contract carries has: a session nests at most 6 levels (results, a result, its
 * covariance rows...) and the largest object is a regression trace point (a value per predictor, at most
 * 1,001). Session files and browser mode's request bodies are held to it.
 */
export const CONTRACT_JSON_LIMITS: JsonShapeLimits = { maxDepth: 16, maxKeys: 2000 }

const QUOTE = 34
const BACKSLASH = 92
const OPEN_OBJECT = 123
const CLOSE_OBJECT = 125
const OPEN_ARRAY = 91
const CLOSE_ARRAY = 93
const COLON = 58

/**
 * Why JSON text is too deep or has an object with too many keys (with the character position), or null.
 * JSON.parse itself is the problem for such text: an object of 3 million keys took it 26 s (V8 grows a
 * dictionary), and the result then takes as long to walk, all on the thread that answers the app. One
 * linear pass over the characters (strings skipped, escapes honoured) settles it first. The text need not
 * be valid JSON; JSON.parse reports that afterwards.
 */
export function jsonShapeProblem(text: string, limits: JsonShapeLimits): string | null {
  // keys[d] counts the keys of the object open at depth d (arrays count nothing).
  const keys: number[] = []
  const isObject: boolean[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i)
        if (s === BACKSLASH) i++
        else if (s === QUOTE) break
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (keys.length >= limits.maxDepth) {
        return `it is nested more than ${limits.maxDepth} levels deep (at character ${i + 1})`
      }
      keys.push(0)
      isObject.push(c === OPEN_OBJECT)
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      keys.pop()
      isObject.pop()
    } else if (c === COLON && isObject.length > 0 && isObject[isObject.length - 1]) {
      const top = keys.length - 1
      if (++keys[top] > limits.maxKeys) {
        return `an object in it has more than ${limits.maxKeys.toLocaleString('en-US')} keys (at character ${i + 1})`
      }
    }
  }
  return null
}
