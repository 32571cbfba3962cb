import { describe, expect, it } from 'vitest'
import { narrativeText, waitingCount, withText } from './narrative'
import type { Narrative } from '../../bindings/Narrative'

const narrative: Narrative = {
  unit: '若羌县财政局',
  year: 2024,
  title: '第三部分 若羌县财政局2024年度部门决算情况说明',
  sections: [
    {
      key: 'final.overall',
      title: '一、收入支出决算总体情况说明',
      paragraphs: [
        { text: '收入总计125.00万元，主要原因是：（待填写）。', text_key: 'final.overall', needs_text: true, prompt: null },
        { text: '支出总计123.14万元。', text_key: null, needs_text: false, prompt: null },
      ],
    },
    {
      key: 'final.three_public',
      title: '二、“三公”经费财政拨款支出决算情况说明',
      paragraphs: [{ text: '完成年初预算的90.00%，主要原因是：（待填写）。', text_key: 'final.three_public', needs_text: true, prompt: null }],
    },
  ],
}

describe('the 决算 情况说明 tab', () => {
  it('counts the paragraphs waiting for a reason', () => {
    expect(waitingCount(narrative)).toBe(2)
    expect(waitingCount(null)).toBe(0)
  })

  it('copies the title, the section titles and the paragraphs one a line', () => {
    expect(narrativeText(narrative)).toBe(
      '第三部分 若羌县财政局2024年度部门决算情况说明\r\n一、收入支出决算总体情况说明\r\n收入总计125.00万元，主要原因是：（待填写）。\r\n' +
        '支出总计123.14万元。\r\n二、“三公”经费财政拨款支出决算情况说明\r\n完成年初预算的90.00%，主要原因是：（待填写）。\r\n',
    )
  })

  it('sets a typed reason, and drops one cleared', () => {
    expect(withText({ a: 'x' }, 'b', ' 人员增加 ')).toEqual({ a: 'x', b: '人员增加' })
    expect(withText({ a: 'x', b: 'y' }, 'b', '  ')).toEqual({ a: 'x' })
  })
})
