"""Videos in a release's text: a link until the reader asks, then a player from the video
site's privacy-respecting host, allowed by the page's policy only where there is a video."""

from __future__ import annotations

import pytest

from tests.factories import make_release
from website.videos import video_of

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("address", "player"),
    [
        (YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com/watch?v=%22%3E%3Cscript%3E", None),
        ("javascript:alert(1)", None),
    ],
)
def test_only_allowed_hosts_make_players(address, player):
    found = video_of(address)
    assert (found.player if found else None) == player


def test_a_lone_video_link_becomes_a_click_to_load_player(client):
    release = make_release(
        body=(
            f'<p>Watch the <a href="{YOUTUBE}">opening in a sentence</a> too.</p>'
            f'<p><a href="{YOUTUBE}">The Secretary General’s "address"</a></p>'
            '<p><a href="https://www.un.org/">United Nations</a></p>'
        )
    )
    for _attempt in range(2):  # rendered, then from the page cache
        response = client.get(release.get_absolute_url())
        page = response.content.decode()
        assert page.count('class="video-embed"') == 1
        assert 'data-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
        assert 'data-title="The Secretary General’s &quot;address&quot;"' in page
        assert "<iframe" not in page  # nothing loads from the video site by itself
        assert f'<a href="{YOUTUBE}">opening in a sentence</a>' in page
        policy = response["Content-Security-Policy"]
        assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in policy


def test_a_page_without_a_video_allows_no_frames(client):
    release = make_release(body='<p><a href="https://www.un.org/">United Nations</a></p>')
    policy = client.get(release.get_absolute_url())["Content-Security-Policy"]
    assert "frame-src" not in policy and "youtube" not in policy
