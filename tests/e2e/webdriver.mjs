// A small W3C WebDriver client for driving the real app through WebKitWebDriver.
// Standard library only: node's fetch, child_process and net.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const artifacts = join(repoRoot, 'tests', 'e2e', 'artifacts')

export const appBinary = process.env.BUDGET_DESK_BIN ?? join(repoRoot, 'target', 'debug', 'budget-desk')

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** True while any process runs the app binary (Linux: read from /proc). */
function appRunning() {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]
      if (cmd === appBinary) return true
    } catch {
      // the process ended while we looked
    }
  }
  return false
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Starts WebKitWebDriver on a free loopback port and waits until it answers. The app it
 * launches inherits `env` (e.g. the test hook that answers the file picker). */
export async function startDriver(env = {}) {
  const port = await freePort()
  const proc = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, ...env, TAURI_WEBVIEW_AUTOMATION: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${base}/status`)
      if (res.ok) return { base, pid: proc.pid, stop: () => proc.kill() }
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  proc.kill()
  throw new Error('WebKitWebDriver did not start')
}

export class Session {
  constructor(base, id) {
    this.base = base
    this.id = id
  }

  /** Launches the app with `args` and opens a session on its window once its toolbar is there. */
  static async launch(driver, args) {
    const session = await Session.start(driver, args)
    await session.waitFor('[data-testid="toolbar"]')
    return session
  }

  /** Launches the app with `args` and opens a session on its window at once (the page may still
   * be loading). */
  static async start(driver, args) {
    const caps = {
      capabilities: {
        alwaysMatch: {
          'tauri:options': { application: appBinary },
          'webkitgtk:browserOptions': { binary: appBinary, args },
        },
      },
    }
    const res = await fetch(`${driver.base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(caps),
    })
    const body = await res.json()
    if (!res.ok) throw new Error(`new session failed: ${JSON.stringify(body)}`)
    return new Session(driver.base, body.value.sessionId)
  }

  async cmd(method, path, payload) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    })
    const body = await res.json()
    if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(body.value ?? body)}`)
    return body.value
  }

  async find(css) {
    const found = await this.cmd('POST', '/element', { using: 'css selector', value: css })
    return found[ELEMENT]
  }

  async findAll(css) {
    const found = await this.cmd('POST', '/elements', { using: 'css selector', value: css })
    return found.map((e) => e[ELEMENT])
  }

  /** Waits until an element matching `css` exists (and, if given, its text contains `text`). */
  async waitFor(css, { text, timeout = 10000 } = {}) {
    const deadline = Date.now() + timeout
    let last = ''
    while (Date.now() < deadline) {
      try {
        for (const el of await this.findAll(css)) {
          const t = await this.text(el)
          last = t
          if (text === undefined || t.includes(text)) return el
        }
      } catch {
        // the page may be between renders
      }
      await sleep(100)
    }
    throw new Error(`timed out waiting for ${css}${text ? ` containing “${text}”` : ''} (last text: “${last}”)`)
  }

  async waitGone(css, timeout = 10000) {
    const deadline = Date.now() + timeout
    while (Date.now() < deadline) {
      const visible = await this.script(
        `return Array.from(document.querySelectorAll(arguments[0])).some(e => e.offsetParent !== null)`,
        [css],
      )
      if (!visible) return
      await sleep(100)
    }
    throw new Error(`${css} still visible`)
  }

  /** Clicks the first element matching `css` (optionally containing `text`), waiting out overlays. */
  async click(css, options = {}) {
    const el = await this.waitFor(css, options)
    await this.clickElement(el)
  }

  /** Clicks an element; retries while a closing dialog's overlay still covers it. */
  async clickElement(el, timeout = 5000) {
    const deadline = Date.now() + timeout
    for (;;) {
      try {
        await this.cmd('POST', `/element/${el}/click`, {})
        return
      } catch (err) {
        const retriable = /click intercepted|not interactable/.test(String(err))
        if (!retriable || Date.now() > deadline) {
          // what covered the element is what the failure is about: keep a picture of it
          await this.screenshot(`failed-click-${Date.now()}`).catch(() => undefined)
          throw err
        }
        await sleep(100)
      }
    }
  }

  /** Replaces an input's text as a person does: select all, delete, type. (WebDriver's
   * "clear" sets the value without an input event, so a Vue model would keep the old text.) */
  async type(css, text) {
    const el = await this.waitFor(css)
    const CONTROL = '\uE009'
    const BACKSPACE = '\uE003'
    await this.cmd('POST', `/element/${el}/value`, { text: `${CONTROL}a${CONTROL}${BACKSPACE}${text}` })
  }

  /** A real double click through the actions API (the findings list reacts to dblclick). */
  async doubleClick(el) {
    const origin = { [ELEMENT]: el }
    // a row further down a scrolled list is out of the pointer's reach until shown
    await this.script('arguments[0].scrollIntoView({ block: "center" })', [origin])
    const click = [
      { type: 'pointerDown', button: 0 },
      { type: 'pointerUp', button: 0 },
    ]
    await this.cmd('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [{ type: 'pointerMove', origin, x: 0, y: 0 }, ...click, ...click],
        },
      ],
    })
    await this.cmd('DELETE', '/actions')
  }

  /** The element's text as the user reads it. WebKit's own "element text" comes back empty for
   * text that cannot be selected (the grid's cells), so the DOM is asked instead. */
  async text(el) {
    return this.script('return (arguments[0].innerText || arguments[0].textContent || "").trim()', [
      { [ELEMENT]: el },
    ])
  }

  async script(body, args = []) {
    return this.cmd('POST', '/execute/sync', { script: body, args })
  }

  /** Saves a screenshot after the next two animation frames, so it shows the current state.
   * Without GPU compositing (the app's default on Linux) WebKit takes the picture at its next
   * paint, and a page at rest does not paint: the request would wait forever. So a 1-pixel,
   * almost transparent spot in the corner keeps changing colour until the picture is taken. */
  async screenshot(name) {
    await this.cmd('POST', '/execute/async', {
      script: `const done = arguments[0];
        const tick = document.createElement('div');
        tick.id = 'webdriver-screenshot-tick';
        tick.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
        document.body.appendChild(tick);
        tick.animate([{ backgroundColor: 'rgba(0,0,0,0.01)' }, { backgroundColor: 'rgba(0,0,0,0.02)' }],
          { duration: 100, iterations: Infinity, direction: 'alternate' });
        requestAnimationFrame(() => requestAnimationFrame(() => done()))`,
      args: [],
    })
    let png
    try {
      png = await this.cmd('GET', '/screenshot')
    } finally {
      await this.script(`document.getElementById('webdriver-screenshot-tick')?.remove()`).catch(() => undefined)
    }
    mkdirSync(artifacts, { recursive: true })
    const file = join(artifacts, `${name}.png`)
    writeFileSync(file, Buffer.from(png, 'base64'))
    return file
  }

  async close() {
    await fetch(`${this.base}/session/${this.id}`, { method: 'DELETE' }).catch(() => {})
    // The app is single-instance: a window still closing would make the next launch exit at
    // once. Wait until no process of the app binary is left.
    const deadline = Date.now() + 10000
    while (appRunning() && Date.now() < deadline) await sleep(100)
  }
}

/** Selector of an Element Plus input by test id (the id sits on the <input> or its wrapper,
 * depending on the component). */
export function inputOf(id) {
  return `input[data-testid="${id}"], [data-testid="${id}"] input`
}

/** Puts text on a grid (the budget lines by default) as Excel's clipboard would, through the
 * grid's own paste handler (WebDriver cannot reach the system clipboard). */
export async function pasteIntoGrid(app, text, grid = 'line-grid') {
  await app.script(
    `const grid = document.querySelector('[data-testid="' + arguments[1] + '"]');
     grid.focus();
     const data = new DataTransfer();
     data.setData('text/plain', arguments[0]);
     grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));`,
    [text, grid],
  )
}

/** Creates a unit and one disclosure of it through the UI and waits for its editor (for a 决算
 * disclosure: the 决算 screen, on its 决算数据 tab). */
export async function createUnitWithDisclosure(app, { name, code, year, finalAccounts = false }) {
  await app.click('[data-testid="new-unit"]')
  await app.type(inputOf('unit-name'), name)
  await app.type(inputOf('unit-code'), code)
  await app.click('[data-testid="unit-save"]')
  await app.click('[data-testid="new-disclosure"]')
  if (year !== undefined) await app.type('[data-testid="disclosure-year"] input', String(year))
  if (finalAccounts) await app.click('[data-testid="disclosure-dialog"] .el-radio-button', { text: '部门决算' })
  await app.click('[data-testid="disclosure-save"]')
  await app.waitFor(finalAccounts ? '[data-testid="final-accounts-view"]' : '[data-testid="disclosure-editor"]')
}

/** Opens an Element Plus select and picks the option showing `text`. The dropdown animates in,
 * so the option is looked for among the visible ones and the select reopened if it closed. */
export async function chooseOption(app, selectCss, text, timeout = 10000) {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    await app.click(selectCss)
    for (let i = 0; i < 10; i++) {
      await sleep(150)
      const picked = await app.script(
        `const item = Array.from(document.querySelectorAll('.el-select-dropdown__item'))
           .find((e) => e.offsetParent !== null && e.textContent.includes(arguments[0]));
         if (item) item.click();
         return !!item;`,
        [text],
      )
      if (picked) return
    }
  }
  throw new Error(`no option “${text}” in ${selectCss}`)
}

/** Opens an Element Plus dropdown menu and picks an item. The menu animates in and a click
 * that lands before the item is shown is lost, so the item is clicked once it is visible and
 * the menu reopened if it closed without acting. */
export async function chooseMenuItem(app, triggerCss, itemCss, timeout = 10000) {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    await app.click(triggerCss)
    for (let i = 0; i < 10; i++) {
      await sleep(150)
      const picked = await app.script(
        `const item = Array.from(document.querySelectorAll(arguments[0]))
           .find((e) => e.offsetParent !== null && getComputedStyle(e.closest('.el-popper') ?? e).opacity === '1');
         if (item) item.click();
         return !!item;`,
        [itemCss],
      )
      if (picked) return
    }
  }
  throw new Error(`no menu item ${itemCss} under ${triggerCss}`)
}

/** Types `text` into a cell of a grid as a user does: click the cell, type, Enter. An empty
 * `text` clears the cell with Delete. */
export async function typeInCell(app, grid, row, key, text) {
  const cell = await app.waitFor(`[data-testid="${grid}"] [data-row="${row}"] [data-key="${key}"]`)
  // a wide grid scrolls sideways inside its own box, as a user scrolls it to reach a column
  await app.script('arguments[0].scrollIntoView({ block: "nearest", inline: "nearest" })', [{ [ELEMENT]: cell }])
  await app.clickElement(cell)
  const el = await app.waitFor(`[data-testid="${grid}"]`)
  await app.cmd('POST', `/element/${el}/value`, { text: text === '' ? '\uE017' : `${text}\uE007` })
}

/** The text a grid cell shows. */
export async function cellText(app, grid, row, key) {
  return app.script('const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null', [
    `[data-testid="${grid}"] [data-row="${row}"] [data-key="${key}"]`,
  ])
}
