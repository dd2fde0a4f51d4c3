import {toRomaji} from 'wanakana'
import {describe, expect, it} from 'vitest'

import {kanaToRomajiKey, katakanaToRomaji, romajiKey} from '../../src/matching/romaji.js'

const KATAKANA = Array.from({length: 0x30_ff - 0x30_a0 + 1}, (_, i) => String.fromCharCode(0x30_a0 + i))

/** The strings katakanaToRomaji gives a different answer for than wanakana's toRomaji (at most a few, for the message). */
function mismatches(strings: Iterable<string>): string[] {
  const found: string[] = []
  for (const s of strings) {
    if (katakanaToRomaji(s) !== toRomaji(s)) found.push(s)
    if (found.length >= 5) break
  }
  return found
}

describe('katakanaToRomaji (toRomaji piece by piece)', () => {
  it('equals toRomaji on every katakana string of length 1 to 3', () => {
    function* upToThree(): Generator<string> {
      for (const a of KATAKANA) {
        yield a
        for (const b of KATAKANA) {
          yield a + b
          for (const c of KATAKANA) yield a + b + c
        }
      }
    }
    expect(mismatches(upToThree())).toEqual([])
  })

  it('equals toRomaji on long readings heavy in ッ, ー, ン and small kana (seeded)', () => {
    let seed = 1
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
    const tricky = ['ッ', 'ー', 'ン', 'ャ', 'ュ', 'ョ', 'ァ', 'ィ', 'ェ', 'ォ', '・', 'ヽ', 'ヾ']
    function* random(): Generator<string> {
      for (let k = 0; k < 50_000; k++) {
        const length = 4 + Math.floor(next() * 20)
        let s = ''
        for (let j = 0; j < length; j++) s += next() < 0.4 ? tricky[Math.floor(next() * tricky.length)] : KATAKANA[Math.floor(next() * KATAKANA.length)]
        yield s
      }
    }
    expect(mismatches(random())).toEqual([])
  })

  it('reads real readings as toRomaji does, ッー and long words included', () => {
    const readings = ['ジュウミンキホンダイチョウ', 'セイネンガッピ', 'ッーカ', 'カッーーキ', 'コクミンケンコウホケンヒホケンシャショウバンゴウ', 'ファイル・ナンバー', 'ヴァージョン']
    expect(readings.map((r) => katakanaToRomaji(r))).toEqual(readings.map((r) => toRomaji(r)))
    expect(kanaToRomajiKey('じゅうしょ')).toBe(romajiKey(toRomaji('ジュウショ')))
  })
})
