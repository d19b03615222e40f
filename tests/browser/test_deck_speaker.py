"""The speaker window: opened with S, shows the notes and the next slide, and follows either way."""

from __future__ import annotations

import pytest

from tests.browser.deck_pages import (
    current_id,
    present,
    slide_ids,
    wait_for_next_page,
    wait_for_slide,
)

pytestmark = pytest.mark.browser


def notes_text(page, slide_id: str) -> str:
    return page.eval_on_selector(
        f"section.slide[id='{slide_id}'] details.notes p", "p => p.textContent.trim()"
    )


def open_speaker(page):
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    speaker.wait_for_selector("html[data-deck-speaker] .deck-speaker", state="visible")
    return speaker


def wait_for_speaker_slide(speaker, slide_id: str) -> None:
    selector = f"section.slide[id='{slide_id}'][aria-current='step']"
    speaker.wait_for_selector(selector, state="attached")


def test_the_speaker_window_shows_notes_next_slide_and_time(page, served_site: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    page.keyboard.press("ArrowRight")
    wait_for_slide(page, ids[1])
    speaker = open_speaker(page)

    assert f"?speaker#{ids[1]}" in speaker.url
    notes = speaker.get_by_role("region", name="Notes")
    assert notes_text(page, ids[1])[:40] in notes.inner_text()
    next_title = page.eval_on_selector(f"section.slide[id='{ids[2]}'] h2", "h => h.textContent")
    assert next_title.strip("¶ ") in speaker.locator(".deck-speaker__next .deck-thumb").inner_text()
    assert speaker.get_by_role("timer").inner_text().count(":") == 2
    assert speaker.locator(".deck-speaker__clock").inner_text()
    # The speaker's own copy of the page is there to copy from, never on show.
    assert speaker.locator("article.md-content__inner").is_hidden()


def test_the_windows_follow_each_other_both_ways(page, served_site: str) -> None:
    present(page, served_site)
    ids = slide_ids(page)
    speaker = open_speaker(page)

    page.keyboard.press("ArrowRight")
    wait_for_speaker_slide(speaker, ids[1])
    assert notes_text(page, ids[1])[:40] in speaker.locator(".deck-speaker__notes").inner_text()

    speaker.keyboard.press("ArrowRight")
    wait_for_slide(page, ids[2])
    speaker.keyboard.press("b")
    page.wait_for_selector(".deck-blank", state="visible")
    speaker.keyboard.press("b")
    page.wait_for_selector(".deck-blank", state="hidden")

    # Past the last slide the speaker window takes both windows to the next page.
    speaker.keyboard.press("End")
    wait_for_slide(page, ids[-1])
    speaker.keyboard.press("ArrowRight")
    wait_for_next_page(page, "**/awaitables/?present*", left=ids[-1])
    assert current_id(page) == slide_ids(page)[0]
    assert "/awaitables/?speaker" in speaker.url


def test_the_speaker_window_mirrors_live_output(page, served_site: str) -> None:
    present(page, served_site)
    speaker = open_speaker(page)
    page.evaluate(
        """() => {
            const live = new BroadcastChannel("async-survey-live");
            const id = "event_loop/asyncio_run";
            live.postMessage({type: "run-reset", id});
            live.postMessage({type: "run-event", id, event: {type: "start", id}});
            live.postMessage({type: "run-event", id,
                event: {type: "line", stream: "stdout", text: "hello, event loop", t: 0.1}});
            live.postMessage({type: "run-event", id, event: {type: "exit", code: 0, elapsed: 0.2}});
            live.close();
        }"""
    )
    log = speaker.get_by_role("log")
    log.get_by_text("exited with code 0").wait_for()
    assert "hello, event loop" in log.inner_text()


def test_the_timer_pauses_resumes_restarts_and_keeps_time_across_pages(
    clocked_page, served_site: str
) -> None:
    # The windows' clocks move only when the test moves them.
    clocked_page.clock.install()
    present(clocked_page, served_site)
    speaker = open_speaker(clocked_page)
    clocked_page.clock.pause_at(speaker.evaluate("Date.now()") + 1000)
    timer = speaker.get_by_role("timer")
    bar = speaker.locator(".deck-speaker__bar")

    def shown_after(milliseconds: int) -> str:
        clocked_page.clock.run_for(milliseconds)
        return timer.inner_text()

    start = shown_after(0)
    assert shown_after(5_000) == seconds_later(start, 5)

    bar.get_by_role("button", name="Pause").click()
    assert bar.get_by_role("button", name="Resume").is_visible()
    paused = shown_after(0)
    assert shown_after(60_000) == paused  # a minute passes, the timer does not move

    bar.get_by_role("button", name="Resume").click()
    assert shown_after(3_000) == seconds_later(paused, 3)

    bar.get_by_role("button", name="Restart timer").click()
    assert shown_after(2_000) == "00:00:02"

    # A new page in the speaker window, and a reload of it, take up the same count.
    speaker.keyboard.press("End")
    speaker.keyboard.press("ArrowRight")
    speaker.wait_for_url("**/awaitables/?speaker*")
    assert shown_after(1_000) == "00:00:03"
    speaker.reload()
    speaker.wait_for_selector(".deck-speaker", state="visible")
    assert shown_after(1_000) == "00:00:04"


def seconds_later(shown: str, seconds: int) -> str:
    hours, minutes, secs = map(int, shown.split(":"))
    total = hours * 3600 + minutes * 60 + secs + seconds
    return f"{total // 3600:02}:{total // 60 % 60:02}:{total % 60:02}"
