"""Console decoding and the follower's offset rules, one quirk at a time (no server needed)."""

from __future__ import annotations

import pytest

from jtui.jenkins.console import (
    ConsoleAppend,
    ConsoleDecoder,
    ConsoleEvent,
    ConsoleFollower,
    ConsoleReplace,
    clean_console,
    skips_partial_lines,
    version_tuple,
)

pytestmark = pytest.mark.unit

NOTE = "\x1b[8mha:////4AAAAB+LCAAAAAAAAP9b85aBtbiIQTGjNKU4P08vOT+vOD8nVc83PyU1x6OyILUoJzMv2y+/JJUBAhiZGBgqihhk0NSjKDWzXb3RdlLBUSYGJk8GtpzUvPSSDB8G5tK8kgPvUhQQwJXNKlhUAADjMvI9cAAAAA==\x1b[0m"


def crlf(text: str) -> bytes:
    """What Jenkins sends for raw text with lone LFs."""
    return text.replace("\n", "\r\n").encode()


def joined(events: list[ConsoleEvent]) -> str:
    text = ""
    for event in events:
        text = event.text if isinstance(event, ConsoleReplace) else text + event.text
    return text


def test_clean_console_strips_notes_and_crlf_keeps_colours() -> None:
    raw = crlf(f"{NOTE}[Pipeline] stage\n\x1b[32mok\x1b[0m\n")
    assert clean_console(raw) == "[Pipeline] stage\n\x1b[32mok\x1b[0m\n"


@pytest.mark.parametrize("cut", range(1, 40))
def test_decoder_holds_back_notes_crlf_and_utf8_split_between_chunks(cut: int) -> None:
    raw = crlf(f"a{NOTE}bé データ\nnext\r") + "日".encode()
    decoder = ConsoleDecoder()
    text = decoder.feed(raw[:cut]) + decoder.feed(raw[cut:]) + decoder.flush()
    assert text == "abé データ\nnext\r日"


def test_old_jenkins_offsets_are_trusted() -> None:
    """≤ 2.508: notes stripped, X-Text-Size is the offset reached; never second-guess it."""
    follower = ConsoleFollower(skips_partial_lines=False)
    events = follower.feed(0, 500, crlf("line one\n"), more=True)
    assert follower.offset == 500
    assert joined(events) == "line one\n"


def test_skipped_partial_line_is_read_again() -> None:
    raw = b"one\ntwo\nthr"  # the build is in the middle of writing "three"
    follower = ConsoleFollower()
    events = follower.feed(0, len(raw), crlf("one\ntwo\n"), more=True)
    assert follower.offset == len(b"one\ntwo\n")
    raw += b"ee\nfour\n"
    events += follower.feed(follower.offset, len(raw), crlf("three\nfour\n"), more=True)
    assert joined(events) == "one\ntwo\nthree\nfour\n"
    assert follower.offset == len(raw)


def test_raw_crlf_logs_are_not_mistaken_for_a_gap() -> None:
    body = b"one\r\ntwo\r\n"  # a Windows agent: CRLF in the file itself, sent unchanged
    follower = ConsoleFollower()
    follower.feed(0, len(body), body, more=True)
    assert follower.offset == len(body)


def test_completed_stream_takes_the_advertised_size() -> None:
    follower = ConsoleFollower()
    follower.feed(0, 9, crlf("one\ntwo"), more=False)
    assert follower.offset == 9


def test_start_past_the_end_resends_everything() -> None:
    follower = ConsoleFollower()
    first = follower.feed(0, 8, crlf("one\ntwo\n"), more=True)
    # A rotated log: the server reset start to 0 and sent the whole (shorter) log.
    again = follower.feed(8, 4, crlf("new\n"), more=True)
    assert isinstance(again[0], ConsoleReplace)
    assert joined(first + again) == "new\n"
    assert follower.offset == 4


def test_whole_log_that_extends_what_was_shown_only_appends() -> None:
    follower = ConsoleFollower()
    follower.feed(0, 4, crlf("one\n"), more=True)
    follower.restart()  # a 416 answered our offset
    events = follower.feed(0, 8, crlf("one\ntwo\n"), more=True)
    assert events == [ConsoleAppend("two\n")]


def test_finish_appends_what_was_missed_or_replaces_a_wrong_stream() -> None:
    follower = ConsoleFollower()
    follower.feed(0, 4, crlf("one\n"), more=True)
    assert follower.finish(b"one\ntwo\n") == [ConsoleAppend("two\n")]
    wrong = ConsoleFollower()
    wrong.feed(0, 4, crlf("eno\n"), more=True)
    assert wrong.finish(b"one\n") == [ConsoleReplace("one\n")]
    exact = ConsoleFollower()
    exact.feed(0, 4, crlf("one\n"), more=False)
    assert exact.finish(b"one\n") == []


def test_version_rules() -> None:
    assert version_tuple("2.479.3") == (2, 479, 3)
    assert version_tuple("2.509-SNAPSHOT") == (2, 509)
    assert not skips_partial_lines("2.508")
    assert not skips_partial_lines("2.479.3")
    assert skips_partial_lines("2.509")
    assert skips_partial_lines(None)


def test_only_a_stream_with_a_seam_is_checked_against_the_whole_log() -> None:
    follower = ConsoleFollower()
    follower.feed(0, 4, crlf("one\n"), more=True)
    follower.feed(follower.offset, 8, crlf("two\n"), more=False)
    assert follower.seamless  # every answer took up where the last one ended
    ignored = ConsoleFollower()
    ignored.feed(0, 4, crlf("one\n"), more=True)
    ignored.feed(ignored.offset, 3, crlf("ab\n"), more=False)  # the log began again: check it
    assert not ignored.seamless
    short = ConsoleFollower()
    short.feed(0, 40, crlf("one\n"), more=False)  # the server said 40 bytes, sent 4
    assert not short.seamless
