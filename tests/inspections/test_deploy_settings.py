"""Production settings, each read by a fresh process from the environment as a server would: check --deploy is
clean, a missing key is refused, a local key is made once outside git, and scripts/serve serves over gunicorn."""

import os
import re
import secrets
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
HOST = "dashboard.example.gov.uk"


def environment(**extra):
    """The machine's environment without any Django setting of the test run, plus `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_"))}
    return {**env, **{key: str(value) for key, value in extra.items()}}


def production(**extra):
    return environment(**{"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                          "DJANGO_ALLOWED_HOSTS": HOST, "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}", **extra})


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True,
                          timeout=180)


def settings_in(env, *names):
    """Settings as a fresh process reads them from `env`."""
    code = "from django.conf import settings; " + "; ".join(f"print(repr(settings.{name}))" for name in names)
    done = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=BASE,
                          env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_check_deploy_is_clean_with_production_settings():
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=production())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_check_deploy_flags_a_plain_http_server():
    """The check above can fail: the same production settings with HTTPS switched off give the four warnings."""
    done = manage("check", "--deploy", env=production(DJANGO_HTTPS="false"))
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr, done.stderr


def test_production_without_a_key_is_refused_with_a_clear_message():
    for env in (production(DJANGO_SECRET_KEY=""),
                environment(DJANGO_DEBUG="false", DJANGO_ALLOW_INSECURE_KEY="false")):
        done = manage("check", env=env)
        assert done.returncode != 0
        assert "ImproperlyConfigured: DJANGO_SECRET_KEY is required in production" in done.stderr


def test_a_local_run_makes_its_key_once_and_keeps_it_outside_git(tmp_path):
    key_file = tmp_path / "secret_key"
    env = environment(DJANGO_SECRET_KEY_FILE=key_file, DJANGO_HTTPS="false")
    [first] = settings_in(env, "SECRET_KEY")
    [again] = settings_in(env, "SECRET_KEY")
    assert first == again == repr(key_file.read_text().strip())
    assert len(key_file.read_text().strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert settings_in(environment(DJANGO_SECRET_KEY_FILE=tmp_path / "other"), "SECRET_KEY") != [first]


def test_the_test_run_uses_a_generated_key_that_git_ignores_and_no_file_in_the_repository_holds():
    if os.environ.get("DJANGO_SECRET_KEY"):
        pytest.skip("this run was given DJANGO_SECRET_KEY")
    key_file = BASE / ".secret_key"
    assert settings.SECRET_KEY == key_file.read_text().strip()
    ignored = subprocess.run(["git", "check-ignore", "-q", str(key_file)], cwd=BASE)
    assert ignored.returncode == 0, ".secret_key must be git-ignored"
    found = subprocess.run(["git", "grep", "-q", "-F", settings.SECRET_KEY], cwd=BASE)
    assert found.returncode == 1, "the key is in a tracked file"
    assert "SECRET_KEY = \"" not in (BASE / "config" / "settings.py").read_text()  # no literal key any more


def test_https_settings_are_on_when_debug_is_off_and_only_an_explicit_switch_turns_them_off(tmp_path):
    names = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS")
    key = {"DJANGO_SECRET_KEY_FILE": tmp_path / "key"}
    assert settings_in(environment(**key), *names) == ["True", "True", "True", "31536000"]
    assert settings_in(environment(DJANGO_HTTPS="false", **key), *names) == ["False", "False", "False", "0"]
    assert settings_in(environment(DJANGO_DEBUG="true", **key), *names) == ["False", "False", "False", "0"]


def test_admins_and_email_come_from_the_environment(tmp_path):
    env = environment(DJANGO_SECRET_KEY_FILE=tmp_path / "key",
                      DJANGO_ADMINS="Service desk <service-desk@example.gov.uk>, On call <on-call@example.gov.uk>",
                      DJANGO_EMAIL_HOST="smtp.example.gov.uk", DJANGO_EMAIL_PORT="25")
    assert settings_in(env, "ADMINS", "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT") == [
        "[('Service desk', 'service-desk@example.gov.uk'), ('On call', 'on-call@example.gov.uk')]",
        "'django.core.mail.backends.smtp.EmailBackend'", "'smtp.example.gov.uk'", "25"]
    assert settings_in(environment(DJANGO_SECRET_KEY_FILE=tmp_path / "key"), "ADMINS", "EMAIL_BACKEND") == [
        "[]", "'django.core.mail.backends.console.EmailBackend'"]


def test_env_example_lists_every_variable_the_settings_read():
    source = (BASE / "config" / "settings.py").read_text()
    read = set(re.findall(r"""(?:environ\.get|env_bool|env_list)\(\s*["']([A-Z0-9_]+)["']""", source)) | {"DATABASE_URL"}
    listed = set(re.findall(r"^#?([A-Z0-9_]+)=", (BASE / ".env.example").read_text(), re.MULTILINE))
    assert read - listed == set()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, **headers):
    """(status, headers) of a GET that does not follow redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_scripts_serve_runs_gunicorn_behind_a_proxy_with_production_settings(tmp_path):
    port = free_port()
    env = production(DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", DJANGO_STATIC_ROOT=tmp_path / "static",
                     DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
                     DJANGO_TRUSTED_PROXY_COUNT=1, DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1", WEB_CONCURRENCY=2,
                     PORT=port)
    log = (tmp_path / "stderr").open("w+")
    server = subprocess.Popen(["bash", "scripts/serve"], cwd=BASE, env=env, stdout=subprocess.DEVNULL, stderr=log,
                              start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/accounts/login/"
        deadline = time.monotonic() + 150  # migrate on a fresh database, collectstatic, then the workers
        while True:
            try:
                plain = fetch(url)
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "stderr").read_text()
                assert time.monotonic() < deadline, (tmp_path / "stderr").read_text()
                time.sleep(0.5)
        status, headers = plain
        assert status == 301 and headers["Location"] == f"https://127.0.0.1:{port}/accounts/login/"
        status, headers = fetch(url, **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
        assert status == 200
        assert headers["Server"] == "gunicorn"
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "Secure" in headers["Set-Cookie"]  # the CSRF cookie never travels over plain HTTP
        assert fetch(f"http://127.0.0.1:{port}/static/js/charts.js", **{"X-Forwarded-Proto": "https"})[0] == 200
        head = urllib.request.Request(url, method="HEAD", headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(head, timeout=10) as response:  # a proxy's health check
            assert response.status == 200 and response.read() == b""
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    errors = (tmp_path / "stderr").read_text()
    assert errors.count("Booting worker with pid") == 2  # WEB_CONCURRENCY
    assert '"GET /accounts/login/ HTTP/1.1" 200' in errors  # the access log goes to stderr too
    assert (tmp_path / "static" / "js" / "charts.js").exists()  # collectstatic ran
    assert "WSGI app sent body bytes" not in errors  # HEAD is answered without a body, so gunicorn has no warning
