"""Serving a fixture app: bound to loopback, a free port by default, "LISTENING <url>" printed
first (the tests wait for that line), a clean stop on SIGTERM and SIGINT (also when started with
SIGINT ignored, as a background job)."""
import signal
import threading
from http.server import ThreadingHTTPServer


def serve(handler, attach, host="127.0.0.1", port=0):
    """Serves `handler` until stopped; `attach(server)` hangs the app's state on the server."""
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit("fixture apps only bind to loopback")
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    attach(server)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"LISTENING http://{server.server_address[0]}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0
