"""A short concurrent load on running servers: signed-in readers over many pages, an import, and admin saves.

    python scripts/loadtest.py --server http://127.0.0.1:8107 --server http://127.0.0.1:8117 \\
        --logins logins.txt --seconds 40 --during ".venv/bin/python manage.py import_report ../shared/data/reports"

--logins is what `manage.py create_admin --demo` printed ("Admin login (...): admin / PASSWORD", "Demo login:
NAME / PASSWORD"). Each --server should be a different process (e.g. two gunicorns): every admin save is made
through one and read back at once, by a reader whose copy of the page is cached, through the other; a page
without the change is counted stale. At the end every reader signs out through the form of a cached page (several
sessions of the same user: each must get its own CSRF token). Prints the figures; exits 1 on any error or stale
page. Plain Python.
"""

import argparse
import http.cookiejar
import itertools
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from html.parser import HTMLParser

EDITED = "E06000017"  # Rutland: renamed by the admin saves, and back at the end


class Session:
    """One browser: its own cookies, signed in with a username and password through the login form."""

    def __init__(self, base):
        self.base = base.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, response.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.url, response.read().decode()

    def sign_in(self, username, password, path="/accounts/login/"):
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        _, url, _ = self.post(path, {"csrfmiddlewaretoken": token, "username": username, "password": password})
        if "/login/" in url:
            raise RuntimeError(f"could not sign in as {username} at {self.base}")
        return self


class FormFields(HTMLParser):
    """The values a browser would post back from an admin change form (<form id="..._form">)."""

    def __init__(self):
        super().__init__()
        self.fields, self.select, self.textarea, self.done, self.in_form = [], None, None, False, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form") and not self.done:  # not the sign-out form
            self.in_form, self.fields = True, []
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind == "submit" and name != "_save":
                return
            if kind != "file":
                self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def form_fields(page):
    parser = FormFields()
    parser.feed(page)
    return parser.fields


class Figures:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests, self.errors, self.stale, self.saves = 0, Counter(), 0, 0
        self.latencies = []

    def count(self, seconds, error=None):
        with self.lock:
            self.requests += 1
            self.latencies.append(seconds)
            if error:
                self.errors[error] += 1


def timed(figures, call, *args):
    start = time.perf_counter()
    try:
        result = call(*args)
    except urllib.error.HTTPError as error:
        figures.count(time.perf_counter() - start, f"HTTP {error.code} {args[0] if args else ''}"[:120])
        return None
    except Exception as error:  # a dropped connection, a timeout: an error of the run, counted and shown
        figures.count(time.perf_counter() - start, f"{type(error).__name__}: {error}"[:120])
        return None
    figures.count(time.perf_counter() - start)
    return result


def discover(session):
    """Many real pages: the lists, every authority page, and the inspections linked from some of them."""
    urls = ["/", "/authorities/", "/claims/", "/journeys/", "/cohorts/", "/cohorts/?inadequate_in=2015"]
    _, listing = session.get("/authorities/?per_page=200")
    authorities = sorted(set(re.findall(r'href="(/authorities/E\d{8}/)"', listing)))
    urls += authorities
    for path in authorities[:15]:
        _, page = session.get(path)
        urls += sorted(set(re.findall(r'href="(/inspections/\d+/)"', page)))[:4]
    return urls


def reader(session, urls, figures, stop):
    while not stop.is_set():
        timed(figures, session.get, random.choice(urls))


def saver(admin, readers_elsewhere, figures, stop, pause):
    """Rename the authority through the admin of one server; read its page at once through the other."""
    _, found = admin.get(f"/admin/inspections/authority/?q={EDITED}")
    change = re.search(r'href="(/admin/inspections/authority/\d+/change/)', found).group(1)
    page_path = f"/authorities/{EDITED}/"
    for n in itertools.count(1):
        if stop.is_set():
            break
        other = readers_elsewhere[n % len(readers_elsewhere)]
        timed(figures, other.get, page_path)  # the reader's copy is now cached under the current version
        page = timed(figures, admin.get, change)
        if page is None:
            continue
        fields = [(k, v) for k, v in form_fields(page[1]) if k != "name"] + [("name", f"Rutland (edit {n})")]
        saved = timed(figures, admin.post, change, fields)
        if saved is None:
            continue
        if "/change/" in saved[1]:  # the form came back: the save did not happen
            figures.count(0, "admin save refused (form redisplayed)")
            continue
        figures.saves += 1
        read = timed(figures, other.get, page_path)
        if read is not None and f"Rutland (edit {n})" not in read[1]:
            with figures.lock:
                figures.stale += 1
        time.sleep(pause)
    page = admin.get(change)[1]
    admin.post(change, [(k, v) for k, v in form_fields(page) if k != "name"] + [("name", "Rutland")])


def sign_out(session, figures):
    """Sign out through the form of a (cached) page: it must carry this session's own CSRF token."""
    page = timed(figures, session.get, "/")
    if page is None:
        return
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page[1]).group(1)
    if timed(figures, session.post, "/accounts/logout/", {"csrfmiddlewaretoken": token}) is None:
        return
    if "/login/" not in session.opener.open(session.base + "/", timeout=60).url:
        figures.count(0, "still signed in after signing out")


def read_logins(path):
    text = open(path).read()
    admin = re.search(r"Admin login \([^)]*\): (\S+) / (\S+)", text)
    demo = re.findall(r"Demo login: (\S+) / (\S+)", text)
    return (admin.group(1), admin.group(2)), demo


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", action="append", required=True, help="base URL; give two, one per process")
    parser.add_argument("--logins", required=True, help="the output of manage.py create_admin --demo")
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--readers", type=int, default=8, help="reader threads (each its own session)")
    parser.add_argument("--during", help="a shell command run while the load lasts, e.g. an import_report")
    args = parser.parse_args()
    (admin_name, admin_password), demo = read_logins(args.logins)
    servers = args.server if len(args.server) > 1 else args.server * 2
    figures, stop = Figures(), threading.Event()

    readers = [
        Session(servers[n % len(servers)]).sign_in(*demo[n % len(demo)]) for n in range(args.readers)
    ]
    urls = discover(readers[0])
    admin = Session(servers[0]).sign_in(admin_name, admin_password)
    elsewhere = [Session(server).sign_in(*demo[0]) for server in servers[1:]]
    print(f"{len(urls)} pages, {args.readers} readers, servers {', '.join(servers)}", flush=True)

    threads = [threading.Thread(target=reader, args=(s, urls, figures, stop)) for s in readers]
    threads.append(threading.Thread(target=saver, args=(admin, elsewhere, figures, stop, 0.2)))
    start = time.perf_counter()
    during = None
    if args.during:
        during = subprocess.Popen(args.during, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    if during is not None:
        output, _ = during.communicate()  # the import finishes, however long it takes: its writes are the point
        lines = output.strip().splitlines() or [""]
        print(f"during the load: {args.during}\n  {lines[-1]}  (exit {during.returncode})")
        if during.returncode != 0:
            figures.errors[f"--during exited {during.returncode}"] += 1
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    for session in readers:  # several sessions of the same users, every page of them cached by now
        sign_out(session, figures)
    latencies = sorted(figures.latencies) or [0]
    print(
        f"requests {figures.requests}  rps {figures.requests / elapsed:.1f}  "
        f"p50 {latencies[len(latencies) // 2] * 1000:.0f} ms  p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms  "
        f"admin saves {figures.saves}  errors {sum(figures.errors.values())}  stale {figures.stale}  "
        f"({elapsed:.0f} s)"
    )
    for error, count in figures.errors.most_common(10):
        print(f"  {count} × {error}")
    ok = not figures.errors and not figures.stale and figures.saves > 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
