import type {AreaInput} from '../../src/analyzers/inputs.js'
import type {SpecCatalog} from '../../src/model/catalog.js'
import type {CurrentSystem} from '../../src/model/current.js'
import type {Decision} from '../../src/model/decision.js'

/** A small hand-made 業務 that produces every finding kind. */
export function sampleCatalog(): SpecCatalog {
  return {
    area: 'jumin',
    edition: 'test-1',
    title: 'テスト仕様',
    provenance: {type: 'representative', note: 'テスト'},
    functions: [
      {id: '0010001', section: '1.1', category: ['管理'], name: '住民データの管理', text: '住民データを管理できること。', kind: 'mandatory'},
      {id: '0010002', category: ['照会'], name: '住民の検索', text: '住民を検索できること。', kind: 'mandatory'},
      {id: '0010003', category: ['発行'], name: '広域交付', text: '広域交付ができること。', kind: 'optional'},
      {id: '0010004', category: ['発行'], name: '独自様式の証明書', text: '独自様式は作らないこと。', kind: 'prohibited'},
      {id: '0010005', category: ['発行'], name: '手書き台帳の保管', text: '手書き台帳は持たないこと。', kind: 'prohibited'},
      {id: '0010006', category: ['統計'], name: '人口統計の作成', text: '人口統計を作れること。', kind: 'mandatory'},
    ],
    forms: [
      {
        id: '0010001',
        name: '住民票の写し',
        category: '証明書',
        kind: 'mandatory',
        fields: [
          {name: '氏名', dataItem: '001001002'},
          {name: '生年月日', dataItem: '001001003'},
          {name: '住所', dataItem: '001001004'},
          {name: '本籍', dataItem: '001001005'},
        ],
      },
      {id: '0010002', name: '転出証明書', category: '証明書', kind: 'mandatory', fields: [{name: '氏名', dataItem: '001001002'}]},
    ],
    dataItems: [
      {id: '001001001', group: '個人', name: '宛名番号', type: 'text', length: 15, required: true},
      {id: '001001002', group: '個人', name: '氏名', type: 'text', length: 100, required: true},
      {id: '001001003', group: '個人', name: '生年月日', type: 'date', required: true},
      {id: '001001004', group: '住所', name: '住所', type: 'text', length: 200, required: false, codeTable: '住所コード'},
      {id: '001001005', group: '本籍', name: '本籍', type: 'text', length: 200, required: false},
      {id: '001001006', group: '個人', name: '性別', type: 'code', length: 1, required: true, codeTable: '性別コード'},
    ],
  }
}

export function sampleCurrent(): CurrentSystem {
  const source = (row: number) => ({file: 'fields.csv', row})
  return {
    area: 'jumin',
    sources: [{file: 'fields.csv', sha256: 'a'.repeat(64), format: 'csv', encoding: 'cp932', kind: 'fields', records: 6}],
    functions: [
      // The vendor's list carries a 対応表 column (標準機能ID): K09 has none, so it is the vendor's own.
      {id: 'K01', name: '住民データ管理', standardIds: ['0010001'], inUse: true},
      {id: 'K02', name: '住民検索結果の一覧出力', standardIds: ['0010002'], inUse: true},
      {id: 'K03', name: '独自様式の証明書発行', standardIds: ['0010004'], inUse: true},
      {id: 'K09', name: '敬老祝い金の対象者抽出', standardIds: [], inUse: true},
    ],
    forms: [
      {
        id: 'C01',
        name: '住民票の写し',
        fields: [
          {name: 'カナ氏名', sourceField: 'JUMIN.SHIMEI'},
          {name: '住所'},
          {name: '生年月日', sourceField: 'JUMIN.SEINENGAPPI'},
          {name: '=HYPERLINK("http://evil","x")'},
        ],
      },
      {id: 'C99', name: '敬老会名簿', standardIds: [], fields: [{name: '氏名'}]},
    ],
    fields: [
      {table: 'JUMIN', column: 'ATENA_NO', label: '宛名番号', type: 'text', length: 15, required: true, source: source(2)},
      {table: 'JUMIN', column: 'SHIMEI', label: '氏名', type: 'text', length: 120, required: true, source: source(3)},
      {table: 'JUMIN', column: 'SEINENGAPPI', label: '生年月日', type: 'text', typeRaw: 'X(8)', length: 8, required: false, source: source(4)},
      {table: 'JUMIN', column: 'JUSHO', label: '住所', type: 'text', length: 160, codeTable: '町名コード', source: source(5)},
      {table: 'JUMIN', column: 'KEIRO_FLG', label: '+敬老対象', type: 'flag', source: source(6)},
      {table: 'JUMIN', column: 'SEX', label: '性別', type: 'code', length: 1, required: true, source: source(7)},
    ],
  }
}

export function sampleInput(decisions: Decision[] = []): AreaInput {
  return {
    area: {slug: 'jumin', name: '住民基本台帳'},
    catalog: sampleCatalog(),
    current: sampleCurrent(),
    fieldLinks: [
      {itemId: '001001001', fieldRef: 'JUMIN.ATENA_NO', status: 'confirmed', score: 0.98},
      {itemId: '001001002', fieldRef: 'JUMIN.SHIMEI', status: 'confirmed', score: 0.95},
      {itemId: '001001003', fieldRef: 'JUMIN.SEINENGAPPI', status: 'confirmed', score: 0.9},
      {itemId: '001001004', fieldRef: 'JUMIN.JUSHO', status: 'confirmed', score: 0.7},
      {itemId: '001001006', fieldRef: 'JUMIN.SEX', status: 'confirmed', score: 0.99},
    ],
    noCounterpart: new Set(['001001005']),
    // The form pair was confirmed by a person in the mapping file.
    formPairs: [{id: '0010001', entries: [{refs: ['C01'], status: 'confirmed', by: 'tanaka'}]}],
    decisions: new Map(decisions.map((d) => [d.key, d])),
  }
}
