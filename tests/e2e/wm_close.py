"""Asks the app's top-level window to close, as a window manager's close button does (a
WM_DELETE_WINDOW client message), so that the app's own close handling runs; WebDriver can only
destroy a window. Run with the system python3, which has python3-xlib. Prints how many windows
were asked."""
import sys
from Xlib import X, display, protocol

d = display.Display()
root = d.screen().root
WM_PROTOCOLS = d.intern_atom("WM_PROTOCOLS")
WM_DELETE = d.intern_atom("WM_DELETE_WINDOW")
pid_atom = d.intern_atom("_NET_WM_PID")
want = sys.argv[1] if len(sys.argv) > 1 else "预算公开助手"

def walk(w):
    yield w
    for c in w.query_tree().children:
        yield from walk(c)

sent = 0
for w in walk(root):
    try:
        name = w.get_full_property(d.intern_atom("_NET_WM_NAME"), 0) or w.get_full_property(d.intern_atom("WM_NAME"), 0)
        protos = w.get_wm_protocols()
    except Exception:
        continue
    title = name.value.decode("utf-8", "replace") if name and isinstance(name.value, bytes) else ""
    if WM_DELETE in (protos or []) and want in title:
        ev = protocol.event.ClientMessage(window=w, client_type=WM_PROTOCOLS, data=(32, [WM_DELETE, X.CurrentTime, 0, 0, 0]))
        w.send_event(ev)
        sent += 1
d.flush()
print(sent)
