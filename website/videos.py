"""Videos in a release's text, shown without telling a video site anything until asked.

An author pastes a YouTube or Vimeo address as a link on a paragraph of its own. The page
shows it as a figure with that link and, with JavaScript, a button "Play video (loads
content from YouTube)": only a click loads the player, from youtube-nocookie.com or
player.vimeo.com, the only frames the page's policy then allows. Links to other sites, and
video links inside a sentence, stay plain links.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

# Hosts a reader may choose to load a player from, by the address an author pastes.
PLAYER_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
# A paragraph holding one link and nothing else, as the sanitiser writes it.
LONE_LINK = re.compile(
    r'<p>\s*<a href="(?P<href>[^"]+)"[^>]*>(?P<text>[^<]*)</a>\s*</p>', re.IGNORECASE
)


@dataclass(frozen=True)
class Video:
    provider: str
    player: str  # the address of the player, loaded on request only


def video_of(address: str) -> Video | None:
    """The video behind a YouTube or Vimeo address, None for any other."""
    parts = urlsplit(html.unescape(address))
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host == "youtube.com" and parts.path == "/watch":
        video_id = (parse_qs(parts.query).get("v") or [""])[0]
    elif host == "youtu.be" or (host == "youtube.com" and parts.path.startswith("/shorts/")):
        video_id = parts.path.rsplit("/", 1)[-1]
    if video_id:
        if not VIDEO_ID.match(video_id):
            return None
        return Video("YouTube", f"https://www.youtube-nocookie.com/embed/{video_id}")
    if host == "vimeo.com" and parts.path.strip("/").isdigit():
        return Video("Vimeo", f"https://player.vimeo.com/video/{parts.path.strip('/')}")
    return None


def has_video(body: str) -> bool:
    return any(video_of(match["href"]) for match in LONE_LINK.finditer(body or ""))


def with_players(body: str, play_label: str) -> str:
    """The body with each lone video link as a click-to-load figure. ``play_label`` is the
    button's words, with ``%(provider)s`` for the video site's name."""

    def figure(match: re.Match) -> str:
        video = video_of(match["href"])
        if video is None:
            return match.group(0)
        label = html.escape(play_label % {"provider": video.provider})
        title = match["text"].replace('"', "&quot;")  # text, escaped but for quotes
        return (
            f'<figure class="video-embed" data-player="{html.escape(video.player)}" '
            f'data-play="{label}" data-title="{title}">'
            f'<a href="{match["href"]}">{match["text"]}</a></figure>'
        )

    return LONE_LINK.sub(figure, body or "")
