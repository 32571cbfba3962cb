// The 决算 情况说明 as the tab shows and copies it.
import type { Narrative } from '../../bindings/Narrative'

/** The paragraphs still waiting for a typed reason. */
export function waitingCount(n: Narrative | null): number {
  if (!n) return 0
  return n.sections.reduce((sum, s) => sum + s.paragraphs.filter((p) => p.needs_text).length, 0)
}

/** The whole text for pasting into Word: the title, then each section's title and paragraphs,
 * one a line (Windows line ends, so that Notepad and Word keep them apart). */
export function narrativeText(n: Narrative): string {
  const lines = [n.title]
  for (const s of n.sections) {
    lines.push(s.title)
    for (const p of s.paragraphs) lines.push(p.text)
  }
  return lines.join('\r\n') + '\r\n'
}

/** The typed texts with `key` set to `value`, or removed when `value` is blank. */
export function withText(texts: { [key in string]?: string }, key: string, value: string): { [key in string]: string } {
  const next: { [key in string]: string } = {}
  for (const [k, v] of Object.entries(texts)) if (v !== undefined && k !== key) next[k] = v
  if (value.trim()) next[key] = value.trim()
  return next
}
