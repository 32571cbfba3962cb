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
