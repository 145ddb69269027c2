"""Production settings: the site refuses to start half-configured, passes Django's deployment
checklist, and sends the security headers a browser needs."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.hardening.conftest import production_env, run_manage, run_python

START = "import django; django.setup(); print('started')"


def test_production_starts_with_a_secret_key_and_allowed_hosts():
    result = run_python(START, production_env())
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("missing", "others"),
    [
        (["DJANGO_SECRET_KEY"], ["DJANGO_ALLOWED_HOSTS"]),
        (["DJANGO_ALLOWED_HOSTS"], ["DJANGO_SECRET_KEY"]),
        (["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"], []),
    ],
)
def test_production_refuses_to_start_and_names_what_is_missing(missing, others):
    result = run_python(START, production_env(**dict.fromkeys(missing)))
    assert result.returncode != 0
    assert "started" not in result.stdout
    message = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in message
    for name in missing:
        assert name in message
    for name in others:
        assert name not in message


def test_an_empty_secret_key_counts_as_missing():
    result = run_python(START, production_env(DJANGO_SECRET_KEY="  "))
    # Whitespace is not a key: treat it as absent rather than sign sessions with it.
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_needs_no_secrets_and_is_on_only_when_asked():
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    dev = run_python(
        code,
        production_env(DJANGO_DEBUG="1", DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None),
    )
    assert dev.returncode == 0, dev.stderr
    assert dev.stdout.strip() == "True"
    for value in ("0", "", "false", "no"):
        prod = run_python(code, production_env(DJANGO_DEBUG=value))
        assert prod.returncode == 0, prod.stderr
        assert prod.stdout.strip() == "False"


def test_deployment_checklist_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


WEAK_KEYS = {
    "short": "abc",
    "49 characters": "k3y9-" * 9 + "k3y9",
    "four different characters": "k3y9" * 20,
    "Django's placeholder": "django-insecure-" + "k3y9-random-enough-and-long-enough" * 2,
}


@pytest.mark.parametrize("key", WEAK_KEYS.values(), ids=WEAK_KEYS.keys())
def test_production_refuses_to_start_with_a_guessable_secret_key(key):
    """Django's own rule (security.W009), enforced before anything runs, by the server as by
    every management command."""
    result = run_manage("check", env=production_env(DJANGO_SECRET_KEY=key))
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in message
    assert "DJANGO_SECRET_KEY is too weak for production" in message
    assert "50 characters" in message
    # The message says what is wrong, never what the key is.
    assert key not in result.stdout + result.stderr
    started = run_python(START, production_env(DJANGO_SECRET_KEY=key))
    assert started.returncode != 0
    assert "started" not in started.stdout


def test_a_key_just_long_and_varied_enough_starts():
    key = "abcde" * 10
    result = run_python(START, production_env(DJANGO_SECRET_KEY=key))
    assert result.returncode == 0, result.stderr


def test_development_accepts_any_secret_key():
    result = run_python(START, production_env(DJANGO_DEBUG="1", DJANGO_SECRET_KEY="abc"))
    assert result.returncode == 0, result.stderr


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client()
plain = client.get("/robots.txt", headers={"host": "newsroom.example.org"})
proxied = client.get(
    "/robots.txt",
    headers={"host": "newsroom.example.org", "x-forwarded-proto": "https"},
)
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "headers": dict(proxied.headers),
    "status": proxied.status_code,
}))
"""


@pytest.fixture(scope="module")
def production_response(production_db):
    result = run_python(HEADERS_SCRIPT, production_env())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production_response):
    status, location = production_response["plain"]
    assert status == 301
    assert location == "https://newsroom.example.org/robots.txt"


def test_https_behind_the_proxy_is_served_with_security_headers(production_response):
    headers = {key.lower(): value for key, value in production_response["headers"].items()}
    assert production_response["status"] == 200
    hsts = headers["strict-transport-security"]
    assert re.search(r"max-age=(\d+)", hsts).group(1) == str(60 * 60 * 24 * 365)
    assert "includeSubDomains" in hsts
    assert "preload" in hsts
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert "content-security-policy" in headers


def test_production_cookies_are_secure_and_out_of_reach_of_scripts():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY]))"
    )
    result = run_python(code, production_env())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, True, True, True]


def test_health_check_is_not_redirected_so_load_balancers_can_probe_over_http(production_db):
    code = HEADERS_SCRIPT.replace("/robots.txt", "/healthz")
    result = run_python(code, production_env())
    assert result.returncode == 0, result.stderr
    status, _location = json.loads(result.stdout.strip().splitlines()[-1])["plain"]
    assert status != 301


# Content Security Policy, as the test client sees it.


def csp_of(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    directives = (part.strip().split(None, 1) for part in policy.split(";") if part.strip())
    return {name: (rest[0] if rest else "") for name, *rest in directives}


@pytest.mark.django_db
def test_public_pages_forbid_inline_script_framing_plugins_and_base_changes(client):
    policy = csp_of(client.get("/"))
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"


@pytest.mark.django_db
def test_every_response_gets_its_own_nonce(client):
    """A page that reuses a nonce (a cached one, for instance) lets injected script run."""
    login = reverse("admin:login")
    nonces = []
    for _ in range(2):
        response = client.get(login)
        header_nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        assert header_nonce, "the admin login page uses a nonce"
        # The nonce in the page is the one in the header, so the page's own scripts run.
        assert f'nonce="{header_nonce.group(1)}"' in response.text
        nonces.append(header_nonce.group(1))
    assert nonces[0] != nonces[1]
    assert len(nonces[0]) >= 16


def test_admin_path_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.urls import reverse;"
        "print(reverse('admin:index'), reverse('admin_password_reset'))"
    )
    result = run_python(code, production_env(DJANGO_ADMIN_URL="/back-office-7f3a/"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/back-office-7f3a/", "/back-office-7f3a/password-reset/"]
    assert settings.ADMIN_URL.endswith("/")


@pytest.mark.django_db
def test_cached_public_pages_never_repeat_a_nonce(client):
    """Public pages are cached whole: any nonce in one must still be fresh on the next."""
    from tests.factories import make_release

    release = make_release("Chairpersonship statement")
    for path in ["/", "/press-releases/", release.get_absolute_url(), "/countries/"]:
        seen = []
        for _ in range(2):
            response = client.get(path)
            assert response.status_code == 200, path
            header = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
            in_page = set(re.findall(r'nonce="([^"]+)"', response.text))
            if header is None:
                assert not in_page, f"{path} carries a nonce its policy does not allow"
                continue
            assert in_page <= {header.group(1)}, path
            seen.append(header.group(1))
        assert len(seen) == len(set(seen)), f"{path} repeated a nonce"
