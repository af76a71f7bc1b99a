// Rasterises the app and session icons (resources/icons/*.svg) to every size the installers need and
// writes the PNG set (Linux), the .ico files (Windows: BMP entries up to 64 px, PNG at 256) and the .icns
// files (macOS: PNG entries, 16 px to 1024 px). Run after editing an SVG, then commit the outputs:
//   apt-get install -y librsvg2-bin icoutils && node scripts/dev/make-icons.mjs
// Sizes up to 32 px come from the *-small.svg drawing (fewer, wider bars on the pixel grid) when there is one.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const icons = join(dirname(fileURLToPath(import.meta.url)), '../../resources/icons')
const work = mkdtempSync(join(tmpdir(), 'mle-icons-'))

for (const tool of ['rsvg-convert', 'icotool']) {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' })
  } catch {
    console.error(`make-icons: ${tool} is missing (apt-get install -y librsvg2-bin icoutils).`)
    process.exit(2)
  }
}

/** Renders `name` at `size` px square; small sizes from `<name>-small.svg` where it exists. */
function render(name, size) {
  const small = join(icons, `${name}-small.svg`)
  const svg = size <= 32 && existsSync(small) ? small : join(icons, `${name}.svg`)
  const out = join(work, `${name}-${size}.png`)
  execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-o', out, svg])
  return out
}

/** ICNS: a header and one PNG per type code (what Apple's iconutil writes). */
function writeIcns(name, path) {
  const types = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ]
  const chunks = types.map(([type, size]) => {
    const png = readFileSync(render(name, size))
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const header = Buffer.alloc(8)
  header.write('icns', 0, 'ascii')
  header.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4)
  writeFileSync(path, Buffer.concat([header, ...chunks]))
}

function writeIco(name, path) {
  const bmp = [16, 20, 24, 32, 40, 48, 64].map((s) => render(name, s))
  execFileSync('icotool', ['-c', '-o', path, ...bmp, '-r', render(name, 256)])
}

try {
  mkdirSync(join(icons, 'png'), { recursive: true })
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    writeFileSync(join(icons, 'png', `${size}x${size}.png`), readFileSync(render('icon', size)))
  }
  writeFileSync(join(icons, 'icon.png'), readFileSync(render('icon', 1024)))
  writeIco('icon', join(icons, 'icon.ico'))
  writeIcns('icon', join(icons, 'icon.icns'))
  writeIco('session', join(icons, 'session.ico'))
  writeIcns('session', join(icons, 'session.icns'))
  writeFileSync(join(icons, 'session.png'), readFileSync(render('session', 512)))
  console.log(`make-icons: wrote the PNG set, icon.{png,ico,icns} and session.{png,ico,icns} in ${icons}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
