import {statSync} from 'node:fs'

import {InputError} from '../errors.js'
import {displayPath} from '../paths.js'

/**
 * Refuses anything but a regular file (following links): reading a FIFO blocks forever, a device such as
 * /dev/zero never ends. A missing file passes; the caller reports that in its own words.
 */
export function assertRegularFile(file: string): void {
  const stat = statSync(file, {throwIfNoEntry: false})
  if (!stat || stat.isFile()) return
  const what = stat.isDirectory() ? 'フォルダ' : stat.isFIFO() ? '名前付きパイプ (FIFO)' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'デバイス' : stat.isSocket() ? 'ソケット' : '特殊なファイル'
  throw new InputError(`${displayPath(file)} は通常のファイルではありません (${what})。読み書きできるのは通常のファイルだけです。`)
}
