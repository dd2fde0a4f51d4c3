import stringWidth from 'string-width'
import {describe, expect, it} from 'vitest'

import {textWidth} from '../../src/io/text-width.js'

describe('textWidth', () => {
  it('gives string-width for every character, whatever the range', () => {
    const differ: string[] = []
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const char = String.fromCharCode(code)
      if (textWidth(char) !== stringWidth(char)) differ.push(code.toString(16))
    }
    expect(differ).toEqual([])
  })

  it('gives string-width for mixed text: Japanese, ASCII, half-width kana, emoji, combining marks, tabs', () => {
    const samples = [
      '住民票の写しの交付申請年月日',
      'SHIMEI_KANA (ｼﾒｲｶﾅ) 氏名フリガナ 120桁',
      '〒123-4567 みどり市中央町1丁目2番3号　（本庁舎）',
      'カ\u3099ナ',
      'A\u0301B',
      '👨‍👩‍👧 家族',
      '①②③ ― 〜 ・',
      '\t先頭のタブ',
      '𠮷野家',
      '判定 ○ / △ / × — 桁数 −5 → 10 …',
      '○\u20dd →\ufe0f ×\u0301',
      '',
    ]
    for (const text of samples) expect(textWidth(text), text).toBe(stringWidth(text))
    let seed = 7
    const pool = 'aZ09 _-=/あいうアイウー漢字表ｱｲｳﾞ（）！？、。・\u3099\u200d👍\t①○△×−—→\ufe0f\u20dd'
    for (let n = 0; n < 2000; n++) {
      let text = ''
      for (let k = 0; k < 12; k++) text += [...pool][(seed = (seed * 1103515245 + 12345) % 2 ** 31) % [...pool].length]
      expect(textWidth(text), text).toBe(stringWidth(text))
    }
  })
})
