import { spawn } from 'node:child_process'
import { getPriority } from 'node:os'
import { describe, expect, it } from 'vitest'
import { ENGINE_PRIORITY, lowerEnginePriority } from './engine-priority'

describe('lowerEnginePriority', () => {
  it('sets the process below normal priority', () => {
    const calls: [number, number][] = []
    lowerEnginePriority(1234, (pid, priority) => calls.push([pid, priority]))
    expect(calls).toEqual([[1234, ENGINE_PRIORITY]])
    expect(ENGINE_PRIORITY).toBeGreaterThan(0)
  })
  it('does nothing without a pid (a process that failed to spawn)', () => {
    const calls: number[] = []
    lowerEnginePriority(undefined, (pid) => calls.push(pid))
    expect(calls).toEqual([])
  })
  it('ignores a refusal: the engine then runs at normal priority', () => {
    const refuse = () => {
      throw Object.assign(new Error('setpriority EACCES'), { code: 'EACCES' })
    }
    expect(() => lowerEnginePriority(1234, refuse)).not.toThrow()
  })
  it("lowers a real child's priority, and ignores a process that is gone", async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' })
    try {
      lowerEnginePriority(child.pid)
      expect(getPriority(child.pid!)).toBe(ENGINE_PRIORITY)
    } finally {
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
    }
    expect(() => lowerEnginePriority(child.pid)).not.toThrow()
  })
})
