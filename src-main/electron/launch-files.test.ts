import { describe, expect, it } from 'vitest'
import { exportType, fileRole, reportDefaultName, reportTarget, safeFileName } from './file-types'
import { cliArguments, filesFromArgv, filesFromInstanceData, programArgs } from './launch-args'
import { aboutText, shippedPaths } from './shipped-files'

describe('command lines', () => {
  it('finds the CLI flag only right after the program', () => {
    expect(cliArguments(['/opt/mle-studio', '--cli', 'd.csv', '--json'], programArgs(true))).toEqual([
      'd.csv',
      '--json',
    ])
    expect(cliArguments(['electron', 'out/main/index.js', '--cli'], programArgs(false))).toEqual([])
    expect(cliArguments(['/opt/mle-studio', 'd.csv', '--cli'], programArgs(true))).toBeNull()
  })

  it('takes files, not switches, resolved against the folder the command ran in', () => {
    const argv = ['/opt/mle-studio', '--no-sandbox', 'data/x.csv', '/abs/y.mlestudio.json', '', '--flag=a b']
    expect(filesFromArgv(argv, '/home/ana', programArgs(true))).toEqual([
      '/home/ana/data/x.csv',
      '/abs/y.mlestudio.json',
    ])
    expect(filesFromArgv(['electron', 'out/main/index.js'], '/x', programArgs(false))).toEqual([])
  })

  it('trusts a second instance only with absolute file paths', () => {
    expect(filesFromInstanceData({ files: ['/a.csv'] })).toEqual(['/a.csv'])
    expect(filesFromInstanceData({ files: ['a.csv'] })).toBeNull()
    expect(filesFromInstanceData({ files: [1] })).toBeNull()
    expect(filesFromInstanceData(null)).toBeNull()
    expect(filesFromInstanceData('x')).toBeNull()
  })
})

describe('file types', () => {
  it('routes sessions and data by name', () => {
    expect(fileRole('/x/Trial 3.MLESTUDIO.JSON')).toBe('session')
    expect(fileRole('/x/results.json')).toBe('data')
    expect(fileRole('/x/book.xlsx')).toBe('data')
  })

  it.each([
    ['w.mlestudio.json', 'MLE Studio session', 'sessions', ['json']],
    ['chart.PNG', 'PNG image', 'charts', ['png']],
    ['chart.svg', 'SVG image', 'charts', ['svg']],
    ['report.pdf', 'PDF document', 'charts', ['pdf']],
    ['results.json', 'JSON', 'results', ['json']],
    ['results.csv', 'CSV', 'results', ['csv']],
    ['results.md', 'Markdown', 'results', ['md']],
    ['data.parquet', 'PARQUET file', 'results', ['parquet']],
    ['noextension', 'File', 'results', ['*']],
  ])('exports %s as %s into the %s folder', (name, label, folder, extensions) => {
    expect(exportType(name)).toMatchObject({ label, folder, extensions })
  })

  it('makes suggested names safe file names', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j.png')).toBe('a_b_c_d_e_f_g_h_i_j.png')
    expect(safeFileName('tab\there\u0001.csv')).toBe('tab_here_.csv')
    expect(safeFileName(' .. ')).toBe('export')
    expect(safeFileName('faithful eruptions.png')).toBe('faithful eruptions.png')
  })
})

describe('shipped files and About', () => {
  it('finds the shipped files beside the archive when installed, in the checkout otherwise', () => {
    expect(shippedPaths({ isPackaged: true, resourcesPath: '/opt/MLE/resources', devRoot: '/src' })).toEqual({
      samples: '/opt/MLE/resources/samples',
      docs: '/opt/MLE/resources/docs',
      licenses: '/opt/MLE/resources/licenses',
    })
    expect(shippedPaths({ isPackaged: false, resourcesPath: '', devRoot: '/src' }).docs).toBe('/src/out/docs')
  })

  it('says the version, the runtime and the licences of the bundled libraries', () => {
    const text = aboutText(
      '1.2.3',
      { electron: '45.4.1', chrome: '142', node: '22.1' },
      {
        count: 3,
        byLicense: [
          ['MIT', 2],
          ['Apache-2.0', 1],
        ],
      },
    )
    expect(text.message).toBe('MLE Studio 1.2.3')
    expect(text.detail).toContain('Electron 45.4.1, Chromium 142, Node.js 22.1.')
    expect(text.detail).toContain('It includes 3 open-source libraries (2 MIT, 1 Apache-2.0)')
    expect(aboutText('1', {}, null).detail).toContain('was not generated with this build')
  })
})

describe('where a report goes and as what', () => {
  it.each([
    ['/r/loss.pdf', '/r/loss.pdf', 'pdf'],
    ['/r/loss.PDF', '/r/loss.PDF', 'pdf'],
    ['/r/loss.html', '/r/loss.html', 'html'],
    ['/r/loss.HTM', '/r/loss.HTM', 'html'],
    ['/r/loss', '/r/loss.pdf', 'pdf'],
    ['/r/loss.v2', '/r/loss.v2.pdf', 'pdf'],
  ])('%s is written to %s as %s', (chosen, path, format) => {
    expect(reportTarget(chosen)).toEqual({ path, format })
  })

  it('suggests the report as a PDF, its name made safe', () => {
    expect(reportDefaultName('danish-loss-gamma-report.html')).toBe('danish-loss-gamma-report.pdf')
    expect(reportDefaultName('a/b: report.html')).toBe('a_b_ report.pdf')
  })
})
