/**
 * Finding and opening a workspace, called directly: its folders, the refusals that name what is wrong (no folder, a
 * file, no fitgap.yaml, a wrong setting), the nearest workspace above a folder, and where catalogues are looked up.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {beforeEach, describe, expect, it, vi} from 'vitest'

import {InputError} from '../../src/errors.js'
import {BUNDLED_SPECS_DIR} from '../../src/paths.js'
import {findWorkspace, loadWorkspace, requireWorkspace, specsDirsOf, workspaceAt} from '../../src/workspace/workspace.js'
import {tempDir} from '../helpers/cli.js'

const refusal = (run: () => unknown): InputError => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('not refused')
}

describe('workspace', () => {
  let parent: string
  let root: string

  beforeEach(() => {
    parent = tempDir('fitgap-ws-unit-')
    root = path.join(parent, 'ws')
    mkdirSync(root)
  })

  const writeConfig = (text: string) => writeFileSync(path.join(root, 'fitgap.yaml'), text)

  it('has its folders inside its root', () => {
    expect(workspaceAt('/w', {version: 1, name: 'x', areas: [], editions: {}})).toEqual({
      root: '/w',
      config: {version: 1, name: 'x', areas: [], editions: {}},
      currentDir: path.join('/w', 'current'),
      mappingsDir: path.join('/w', 'mappings'),
      decisionsDir: path.join('/w', 'decisions'),
      reportsDir: path.join('/w', 'reports'),
      specsDir: path.join('/w', 'specs'),
    })
  })

  it('opens a workspace with its settings and their defaults, at an absolute root', () => {
    writeConfig('version: 1\nname: " みどり市 "\nid: abc-123\n')
    const relative = path.relative(process.cwd(), root)
    const workspace = loadWorkspace(relative)
    expect(workspace.root).toBe(root)
    expect(workspace.config).toEqual({version: 1, name: 'みどり市', id: 'abc-123', areas: [], editions: {}})
    expect(workspace.currentDir).toBe(path.join(root, 'current'))
  })

  it('refuses a missing folder, a file, and a folder without fitgap.yaml, saying which and what to do', () => {
    expect(refusal(() => loadWorkspace(path.join(parent, 'none'))).message).toBe(
      `ワークスペースのフォルダ ${path.join(parent, 'none')} がありません。指定を確かめるか、\`fitgap init ${path.join(parent, 'none')}\` で作成してください。`,
    )
    writeFileSync(path.join(parent, 'file.txt'), 'x')
    expect(refusal(() => loadWorkspace(path.join(parent, 'file.txt'))).message).toBe(
      `${path.join(parent, 'file.txt')} はフォルダではありません。ワークスペースのフォルダ (fitgap.yaml を含むフォルダ) を指定してください。`,
    )
    expect(refusal(() => loadWorkspace(root)).message).toBe(
      `${root} はワークスペースではありません (fitgap.yaml がありません)。\`fitgap init ${root}\` で作成できます。`,
    )
  })

  it('refuses wrong settings, each named', () => {
    const cases: [string, RegExp][] = [
      ['version: 2\nname: x\n', /version は 1 です/],
      ['version: 1\nname: "  "\n', /name/],
      ['version: 1\nname: x\nid: abc\n', /id は英数字とハイフンです/],
      ['version: 1\nname: x\nid: abc_def_ghi\n', /id は英数字とハイフンです/],
      ['version: 1\nname: x\nid: "!abcdef"\n', /id は英数字とハイフンです/],
      ['version: 1\nname: x\nid: "abcdef!"\n', /id は英数字とハイフンです/],
      ['version: 1\nname: x\nareas: jumin\n', /areas/],
    ]
    for (const [text, problem] of cases) {
      writeConfig(text)
      const error = refusal(() => loadWorkspace(root))
      expect(error.message, text).toMatch(new RegExp(`^ワークスペース設定 ${path.join(root, 'fitgap.yaml').replace(/[.]/g, '\\.')} に誤りがあります。`))
      expect(error.problems.join('\n'), text).toMatch(problem)
    }
  })

  it('finds the nearest workspace at or above a folder, or none', () => {
    writeConfig('version: 1\nname: x\n')
    const deep = path.join(root, 'a', 'b')
    mkdirSync(deep, {recursive: true})
    expect(findWorkspace(undefined, deep)?.root).toBe(root)
    expect(findWorkspace(undefined, root)?.root).toBe(root)
    expect(findWorkspace(undefined, parent)).toBeUndefined()
    expect(findWorkspace(root, parent)?.root).toBe(root)
    expect(() => findWorkspace(path.join(parent, 'none'), deep)).toThrow(InputError)
  })

  it('requires a workspace: the one named, the one around the working folder, or a refusal saying how to make one', () => {
    writeConfig('version: 1\nname: x\n')
    expect(requireWorkspace(root).root).toBe(root)
    // The working folder as the process would report it (process.chdir is not available in worker threads).
    const cwd = vi.spyOn(process, 'cwd')
    try {
      cwd.mockReturnValue(root)
      expect(requireWorkspace().root).toBe(root)
      cwd.mockReturnValue(parent)
      expect(refusal(() => requireWorkspace()).message).toBe(
        'ワークスペースが見つかりません。--workspace で指定するか、`fitgap init` で作成してください (fitgap.yaml を含むフォルダ)。',
      )
    } finally {
      cwd.mockRestore()
    }
  })

  it('looks catalogues up in the workspace first, then the bundled ones', () => {
    const workspace = workspaceAt(root, {version: 1, name: 'x', areas: [], editions: {}})
    expect(specsDirsOf(workspace)).toEqual([path.join(root, 'specs'), BUNDLED_SPECS_DIR])
    expect(specsDirsOf(undefined)).toEqual([BUNDLED_SPECS_DIR])
  })
})
