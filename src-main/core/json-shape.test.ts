import { describe, expect, it } from 'vitest'
import { jsonShapeProblem } from './json-shape'

const limits = { maxDepth: 4, maxKeys: 3 }

describe('jsonShapeProblem (before JSON.parse sees a session)', () => {
  it.each([
    ['{"a":[1,{"b":2}],"c":"x"}', null],
    ['[[[[1]]]]', null],
    ['[[[[[1]]]]]', /nested more than 4 levels deep \(at character 5\)/],
    ['{"a":1,"b":2,"c":3}', null],
    ['{"a":1,"b":2,"c":3,"d":4}', /more than 3 keys \(at character 23\)/],
    // Brackets, colons and escaped quotes inside strings are text, not structure.
    ['{"a":"[[[[[[:::::","b":"\\"{{{{{"}', null],
    // Colons of nested objects count for their own object; arrays hold no keys.
    ['{"a":{"x":1,"y":2,"z":3},"b":[1,2,3,4,5],"c":0}', null],
    // Not JSON at all: the shape is fine, JSON.parse says what is wrong.
    ['not json', null],
  ])('%s', (text, problem) => {
    const found = jsonShapeProblem(text, limits)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toMatch(problem)
  })

  it('answers 5,000 nested arrays at once, at the first level too deep', () => {
    const text = '['.repeat(5000) + ']'.repeat(5000)
    expect(jsonShapeProblem(text, { maxDepth: 16, maxKeys: 10 })).toMatch(/at character 17\)/)
  })
})
