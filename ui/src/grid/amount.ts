// Amounts as people type them, kept as exact decimal strings (no floating point anywhere):
// "1,234.5", "１２３４．５", "-3", "（12.00）" → "1234.50"; "", "-", "—" → empty.

const FULL_WIDTH_DIGIT = /[０-９]/g

function fold(text: string): string {
  return text
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－−—–]/g, '-')
    .replace(/[,，\s\u3000]/g, '')
}

export type AmountParse = { ok: true; value: string } | { ok: false; message: string }

/** Two-decimal 万元 string, rounded half away from zero (四舍五入) on the decimal digits. */
export function parseAmount(text: string): AmountParse {
  let t = fold(text).replace(/万元$/, '')
  if (t === '' || /^-+$/.test(t)) return { ok: true, value: '' }
  let negative = false
  const paren = /^[(（](.*)[)）]$/.exec(t)
  if (paren) {
    negative = true
    t = paren[1]
  }
  if (t.startsWith('-')) {
    negative = !negative
    t = t.slice(1)
  } else if (t.startsWith('+')) {
    t = t.slice(1)
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false, message: `“${text.trim()}”不是有效的金额` }
  const [intRaw, fracRaw = ''] = t.split('.')
  let digits = (intRaw || '0').replace(/^0+(?=\d)/, '') + (fracRaw + '00').slice(0, 2)
  if (fracRaw.length > 2 && fracRaw[2] >= '5') digits = addOne(digits)
  const int = digits.slice(0, -2).replace(/^0+(?=\d)/, '') || '0'
  const value = `${int}.${digits.slice(-2)}`
  return { ok: true, value: negative && value !== '0.00' ? `-${value}` : value }
}

function addOne(digits: string): string {
  const out = digits.split('')
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') {
      out[i] = '0'
    } else {
      out[i] = String(Number(out[i]) + 1)
      return out.join('')
    }
  }
  return '1' + out.join('')
}

/** "1234567.8" → "1,234,567.80"; anything that is not a plain decimal is returned as it is. */
export function formatAmount(value: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value)
  if (!m) return value
  const [, sign, int, frac = ''] = m
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${grouped}.${(frac + '00').slice(0, 2)}`
}

/** Exact sum of two-decimal strings, in 分 held as bigint. */
export function sumAmounts(values: string[]): string {
  let fen = 0n
  for (const v of values) {
    const parsed = parseAmount(v)
    if (!parsed.ok || parsed.value === '') continue
    const neg = parsed.value.startsWith('-')
    const [i, f] = parsed.value.replace('-', '').split('.')
    const n = BigInt(i) * 100n + BigInt(f)
    fen += neg ? -n : n
  }
  const neg = fen < 0n
  const abs = neg ? -fen : fen
  const s = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
  return neg ? `-${s}` : s
}

// Exact amounts, for data kept to the 分 (决算数据): 万元 with up to 6 decimals (1 分 = 0.000001
// 万元), as Rust's Money holds and serialises them ("60.005", "1234.50"). Nothing is rounded: an
// amount the accounts give to the 分 is saved to the 分.

/** Decimal places of 万元 that are still whole 分. */
const EXACT_PLACES = 6

/** "1,234.567元" → 0.1234567 is not whole 分: refused. A text ending in 元 (not 万元) is in 元. */
export function parseExactAmount(text: string): AmountParse {
  let t = fold(text)
  let places = 0
  if (t.endsWith('万元')) t = t.slice(0, -2)
  else if (t.endsWith('元')) {
    t = t.slice(0, -1)
    places = 4
  }
  if (t === '' || /^-+$/.test(t)) return { ok: true, value: '' }
  let negative = false
  const paren = /^[(（](.*)[)）]$/.exec(t)
  if (paren) {
    negative = true
    t = paren[1]
  }
  if (t.startsWith('-')) {
    negative = !negative
    t = t.slice(1)
  } else if (t.startsWith('+')) {
    t = t.slice(1)
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false, message: `“${text.trim()}”不是有效的金额` }
  const [intRaw, fracRaw = ''] = t.split('.')
  // shift the decimal point left by `places` (元 → 万元), exactly, as digits
  const digits = (intRaw || '0') + fracRaw
  const pointAt = (intRaw || '0').length - places
  const padded = pointAt <= 0 ? '0'.repeat(1 - pointAt) + digits : digits
  const at = Math.max(pointAt, 1)
  const int = padded.slice(0, at).replace(/^0+(?=\d)/, '')
  const frac = padded.slice(at).replace(/0+$/, '')
  if (frac.length > EXACT_PLACES) return { ok: false, message: `“${text.trim()}”比分还细：金额最多精确到分` }
  const value = `${int}.${frac.padEnd(2, '0')}`
  return { ok: true, value: negative && /[1-9]/.test(value) ? `-${value}` : value }
}

/** An exact 万元 string in 分, or null when it is not one. */
function toFen(value: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d{0,6}))?$/.exec(value)
  if (!m) return null
  const n = BigInt(m[2]) * 1000000n + BigInt((m[3] ?? '').padEnd(EXACT_PLACES, '0'))
  return m[1] ? -n : n
}

function fromFen(fen: bigint): string {
  const neg = fen < 0n
  const abs = neg ? -fen : fen
  const frac = String(abs % 1000000n)
    .padStart(EXACT_PLACES, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0')
  return `${neg ? '-' : ''}${abs / 1000000n}.${frac}`
}

/** Exact sum of amounts as typed; texts that are not amounts are left out. */
export function sumExactAmounts(values: string[]): string {
  let fen = 0n
  for (const v of values) {
    const parsed = parseExactAmount(v)
    if (!parsed.ok || parsed.value === '') continue
    fen += toFen(parsed.value) ?? 0n
  }
  return fromFen(fen)
}

/** "1234567.005" → "1,234,567.005": 千分位, at least 2 decimals, every digit kept. */
export function formatExactAmount(value: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value)
  if (!m) return value
  const [, sign, int, frac = ''] = m
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`
}
