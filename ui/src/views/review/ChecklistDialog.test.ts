import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ChecklistDialog from './ChecklistDialog.vue'
import { anyUnsaved, leaveQuestion } from '../../editing/registry'
import type { Checklist } from '../../bindings/Checklist'
import type { ReviewedFile } from '../../bindings/ReviewedFile'

const list: Checklist = {
  file: 'a.pdf',
  file_name: 'a.pdf',
  content_hash: 'ab'.repeat(32),
  kind: 'budget_tables',
  unit: '万里街道办事处',
  year: 2024,
  document: '2024年度部门预算',
  note: null,
  items: [
    { key: 'cover', title: '封面', meets: true, problems: [], override_meets: null, remark: '' },
    {
      key: 'table:T10',
      title: '部门“三公”经费和机关运行经费预算表',
      meets: false,
      problems: ['第31页：注明“此表为空表”，但填有金额 47.91万元。'],
      override_meets: null,
      remark: '',
    },
  ],
}

// The templates import each Element Plus part's stylesheet (vite.config.ts); tests need none.
vi.mock('element-plus/es/components/base/style/css', () => ({}))
vi.mock('element-plus/es/components/button/style/css', () => ({}))
vi.mock('element-plus/es/components/dialog/style/css', () => ({}))
vi.mock('element-plus/es/components/select/style/css', () => ({}))
vi.mock('element-plus/es/components/option/style/css', () => ({}))
vi.mock('element-plus/es/components/tag/style/css', () => ({}))
vi.mock('element-plus/es/components/alert/style/css', () => ({}))
vi.mock('element-plus/es/components/table/style/css', () => ({}))
vi.mock('element-plus/es/components/table-column/style/css', () => ({}))
vi.mock('element-plus/es/components/input/style/css', () => ({}))
vi.mock('element-plus/es/components/loading/style/css', () => ({}))

const calls = vi.hoisted(() => ({ saved: [] as unknown[][] }))
vi.mock('../../api', () => ({
  api: {
    reviewChecklists: vi.fn(async () => [structuredClone(list)]),
    setChecklistOverrides: vi.fn(async (...args: unknown[]) => {
      calls.saved.push(args)
      return null
    }),
    exportChecklists: vi.fn(async () => null),
  },
}))

afterEach(() => {
  document.body.innerHTML = ''
  calls.saved = []
})

describe('ChecklistDialog', () => {
  it('shows the items, keeps a typed remark unsaved until 保存, then saves only what changed', async () => {
    const w = mount(ChecklistDialog, {
      props: { modelValue: true, files: [{ file: 'a.pdf' } as ReviewedFile], selected: 'a.pdf' },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const text = document.body.textContent ?? ''
    expect(text).toContain('部门“三公”经费和机关运行经费预算表')
    expect(text).toContain('第31页：')
    const verdicts = [...document.querySelectorAll('[data-testid="checklist-meets"]')].map((e) => e.textContent?.trim())
    expect(verdicts).toEqual(['是', '否'])

    const remarks = document.querySelectorAll<HTMLTextAreaElement>('textarea[data-testid="checklist-remark"]')
    remarks[1]!.value = ' 已核实：为机关运行经费 '
    remarks[1]!.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(anyUnsaved.value).toBe(true)
    expect(document.querySelector('[data-testid="checklist-unsaved"]')).not.toBeNull()

    ;(document.querySelector('[data-testid="checklist-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(calls.saved).toEqual([
      ['ab'.repeat(32), [{ item: 'table:T10', meets: null, remark: '已核实：为机关运行经费' }], 'a.pdf'],
    ])
    expect(anyUnsaved.value).toBe(false)
    w.unmount()
  })

  it('asks before closing with an unsaved 复核意见, and stays open on 取消', async () => {
    const w = mount(ChecklistDialog, {
      props: { modelValue: true, files: [{ file: 'a.pdf' } as ReviewedFile], selected: 'a.pdf' },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const remark = document.querySelector<HTMLTextAreaElement>('textarea[data-testid="checklist-remark"]')!
    remark.value = '封面未注明日期'
    remark.dispatchEvent(new Event('input'))
    await flushPromises()
    const close = () => (document.querySelector('.el-dialog__headerbtn') as HTMLButtonElement).click()
    close()
    await flushPromises()
    expect(leaveQuestion.labels).toEqual(['公开情况检查表'])
    leaveQuestion.answer?.('cancel')
    await flushPromises()
    expect(w.emitted('update:modelValue')).toBeUndefined()
    close()
    await flushPromises()
    leaveQuestion.answer?.('discard')
    await flushPromises()
    expect(w.emitted('update:modelValue')).toEqual([[false]])
    expect(calls.saved).toEqual([])
    expect(anyUnsaved.value).toBe(false)
    w.unmount()
  })
})
