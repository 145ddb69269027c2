"""Staff accounts: throttled logins, no way to find out who has an account, no open
redirects, passwords hashed with Argon2."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from core.mail import send_password_reset
from osce_cms import settings as project_settings
from tests.factories import make_user

PASSWORD = "correct horse battery staple"
# Tokens that legitimately differ between two otherwise identical pages.
VOLATILE = re.compile(r'(csrfmiddlewaretoken" value="|nonce=")[^"]+"')


def same_page(text: str) -> str:
    return VOLATILE.sub(r'\1…"', text)


def log_in(client, username: str, password: str, next_url: str | None = None):
    url = reverse("admin:login")
    if next_url is not None:
        url += "?" + "next=" + next_url
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(url, data, REMOTE_ADDR="203.0.113.7")


@pytest.fixture
def staff(db):
    return make_user("desk-editor", superuser=True)


def test_unknown_user_and_wrong_password_get_the_same_answer(client, staff):
    unknown = log_in(client, "nobody-here", PASSWORD)
    wrong = log_in(client, staff.username, "not the password at all")
    assert unknown.status_code == wrong.status_code == 200
    # The form echoes the username typed; with it put back, the pages are identical.
    assert same_page(unknown.text).replace("nobody-here", staff.username) == same_page(wrong.text)
    assert "_auth_user_id" not in client.session


def log_in_from(client, address: str, username: str, password: str):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@override_settings(AXES_ENABLED=True)
def test_five_failures_lock_the_account_at_that_address_even_against_the_right_password(
    client, staff
):
    for _ in range(4):
        assert log_in(client, staff.username, "guess " * 3).status_code == 200
    # The fifth failure locks the account at this address.
    assert log_in(client, staff.username, "guess " * 3).status_code == 429
    locked = log_in(client, staff.username, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Someone guessing elsewhere cannot lock the account's owner out of it.
    owner = log_in_from(client, "198.51.100.20", staff.username, PASSWORD)
    assert owner.status_code == 302


@override_settings(AXES_ENABLED=True)
def test_one_attacked_account_does_not_lock_out_the_office_behind_the_same_address(client, staff):
    colleague = make_user("desk-colleague")
    office = "203.0.113.7"
    for _ in range(6):
        log_in_from(client, office, staff.username, "guess " * 3)
    assert log_in_from(client, office, staff.username, PASSWORD).status_code == 429
    signed_in = log_in_from(client, office, colleague.username, PASSWORD)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


@override_settings(AXES_ENABLED=True)
def test_one_address_trying_many_usernames_is_throttled(client, staff):
    attacker = "192.0.2.66"
    # Twenty wrong guesses, each on another username: no pair reaches its limit of five.
    for number in range(19):
        assert log_in_from(client, attacker, f"guess-{number}", "guess " * 3).status_code == 200
    # Signing in to an account of one's own does not clear the address's failures.
    assert log_in_from(client, attacker, staff.username, PASSWORD).status_code == 302
    client.logout()
    assert log_in_from(client, attacker, "guess-19", "guess " * 3).status_code == 429
    # Now the address is locked out, whatever the username or password.
    assert log_in_from(client, attacker, staff.username, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # Other addresses are not.
    assert log_in_from(client, "198.51.100.20", staff.username, PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_lockout_looks_the_same_for_accounts_that_do_not_exist(client, staff):
    for username in ("ghost-account", staff.username):
        for _ in range(5):
            log_in(client, username, "guess " * 3)
    ghost = log_in(client, "ghost-account", PASSWORD)
    real = log_in(client, staff.username, PASSWORD)
    assert ghost.status_code == real.status_code == 429
    assert ghost.content == real.content


@override_settings(AXES_ENABLED=True)
def test_a_successful_login_before_the_limit_clears_the_failures(client, staff):
    for _ in range(4):
        log_in(client, staff.username, "guess " * 3)
    assert log_in(client, staff.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, staff.username, "guess " * 3)
    assert log_in(client, staff.username, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "http://testserver@evil.example/",
        " https://evil.example",
    ],
)
def test_login_never_redirects_off_site(client, staff, target):
    response = log_in(client, staff.username, PASSWORD, next_url=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_login_follows_a_next_on_this_site(client, staff):
    target = reverse("admin:press_pressrelease_changelist")
    response = log_in(client, staff.username, PASSWORD, next_url=target)
    assert response.status_code == 302
    assert response["Location"] == target


def test_logout_never_redirects_off_site(client, staff):
    client.force_login(staff)
    response = client.post(reverse("admin:logout") + "?next=https://evil.example/")
    assert "evil.example" not in response.get("Location", "")


def request_reset(client, email: str):
    return client.post(reverse("admin_password_reset"), {"email": email}, follow=True)


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, staff):
    known = request_reset(client, staff.email)
    unknown = request_reset(client, "nobody@example.org")
    assert known.redirect_chain == unknown.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert same_page(known.text) == same_page(unknown.text)
    # Only the real account receives a message.
    assert [message.to for message in mail.outbox] == [[staff.email]]


def test_password_reset_link_sets_a_new_password_once(client, staff):
    request_reset(client, staff.email)
    link = re.search(r"https?://[^/\s]+(/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "a fresh passphrase for the desk"
    done = client.post(
        set_password_url,
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    staff.refresh_from_db()
    assert staff.check_password(new_password)
    # The link is spent: using it again shows the invalid-link page, not the form.
    client.logout()
    again = client.get(link, follow=True)
    assert 'name="new_password1"' not in again.text


def test_admin_login_page_offers_the_password_reset(client, db):
    response = client.get(reverse("admin:login"))
    assert reverse("admin_password_reset") in response.text


@override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS)
def test_passwords_are_hashed_with_argon2(db):
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$")
    assert check_password(PASSWORD, encoded)


@override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS)
def test_older_hashes_are_upgraded_to_argon2_at_login(client, db):
    user = get_user_model().objects.create(
        username="veteran",
        is_staff=True,
        password=make_password(PASSWORD, hasher="pbkdf2_sha256"),
    )
    assert log_in(client, "veteran", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_a_reset_mail_enqueued_outside_a_request_leaves_at_once(staff):
    """A management command or the shell has no response to wait for."""
    result = send_password_reset.enqueue(staff.email, "newsroom.example.org", True)
    assert result.status == "SUCCESSFUL"
    assert [message.to for message in mail.outbox] == [[staff.email]]
    assert "https://newsroom.example.org/" in mail.outbox[0].body
