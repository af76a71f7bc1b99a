/**
 * Lists the functions longer than a limit (default 60 lines) in the TypeScript files under the given folders,
 * longest first: `npx tsx scripts/dev/long-functions.ts [--over N] [--tests] src-main/engine ...`.
 * A function's length is the span of its lines from the keyword (or parameter list) to the closing brace,
 * nested functions included; each nested function is also listed on its own. Test files (`*.test.ts`,
 * `*.spec.ts`) are left out unless `--tests` is given. The design review's yardstick: none over 120 lines,
 * most under 60.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

interface LongFunction {
  file: string
  line: number
  name: string
  lines: number
}

function parseArgs(argv: string[]): { over: number; tests: boolean; roots: string[] } {
  let over = 60
  let tests = false
  const roots: string[] = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--over') over = Number(argv[++i])
    else if (argv[i] === '--tests') tests = true
    else roots.push(argv[i])
  }
  if (!(over >= 1) || roots.length === 0) {
    console.error('usage: long-functions.ts [--over N] [--tests] FOLDER...')
    process.exit(2)
  }
  return { over, tests, roots }
}

function sourceFiles(root: string, tests: boolean): string[] {
  if (statSync(root).isFile()) return [root]
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path, tests)
    if (!/\.tsx?$/.test(entry.name) || entry.name.endsWith('.d.ts')) return []
    return tests || !/\.(test|spec)\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** The name a reader would search for: the declaration's, or the variable, property or class member it is assigned to. */
function nameOf(node: ts.Node): string {
  const named = node as { name?: ts.Node }
  if (named.name && ts.isIdentifier(named.name)) return named.name.text
  const parent = node.parent
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name) {
    return parent.name.getText()
  }
  if (parent && ts.isCallExpression(parent)) return `${parent.expression.getText()}(…)`
  return '(anonymous)'
}

function longFunctions(file: string, over: number): LongFunction[] {
  const text = readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const found: LongFunction[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const lines = end - start + 1
      if (lines > over) found.push({ file, line: start + 1, name: nameOf(node), lines })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const { over, tests, roots } = parseArgs(process.argv.slice(2))
const all = roots
  .flatMap((root) => sourceFiles(root, tests))
  .flatMap((file) => longFunctions(file, over))
  .sort((a, b) => b.lines - a.lines)
for (const f of all)
  console.log(`${String(f.lines).padStart(4)}  ${relative('.', f.file)}:${f.line}  ${f.name}`)
console.log(`${all.length} function${all.length === 1 ? '' : 's'} over ${over} lines`)
