"""What drawing the loop costs: tracing each example, drawing a recording, keeping up live.

    python -m benchmarks.bench_timeline       # prints three Markdown tables

1. Tracing overhead: each example from spawn to exit, traced (its events read
   as the runner reads them) and not, interleaved, ROUNDS times each; the
   median of each and their ratio (goal: at most 1.10×).
2. Drawing: the largest committed recording redrawn in Chromium, median of
   DRAWINGS; beside it, the interval between two animation frames of the same
   page, the budget a drawing has (goal: at most 16 ms).
3. Keeping up: a run of 10,000 steps, recorded with the recorder, fed to a
   drawing at its recorded pace in the batches the live server sends (one per
   50 ms). Behind is the time from a batch's arrival to the end of the first
   drawing that shows it (goal: at most 100 ms); the baseline is the same feed
   to a handler that only waits for the next frame.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.stats import p95
from survey.catalog import Example, discover, load
from survey.launch import services, spawn
from survey.paths import REPLAYS_DIR
from survey.recording import loads
from survey.stream import record
from survey.trace_reader import TracePipe
from tools.harness import SLIDE_SIZE, launch_chromium, scratch_site, serving

ROUNDS = 3
DRAWINGS = 30

STEPPER = '''"""Ten thousand steps: twenty tasks taking five hundred turns each."""
import asyncio


async def turns(count):
    for _ in range(count):
        await asyncio.sleep(0.0005)


async def main():
    await asyncio.gather(*(turns(500) for _ in range(20)))


asyncio.run(main())
'''


async def wall(example: Example, traced: bool) -> float:
    """Seconds from spawn to exit, its output (and, traced, its trace) read to the end."""
    async with services(example) as extra_env:
        trace = TracePipe() if traced else None
        started = time.perf_counter()
        process = await spawn(
            [str(example.path)],
            merge_stderr=example.options.stderr == "merge",
            extra_env=extra_env,
            trace=trace,
        )

        async def events() -> None:
            if trace:
                async for _ in trace.events(started):
                    pass

        await asyncio.gather(process.stdout.read(), process.stderr.read(), events())
        await process.wait()
        return time.perf_counter() - started


async def overhead(examples: list[Example]) -> list[tuple[str, float, float]]:
    rows = []
    for example in examples:
        samples: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(ROUNDS):
            for traced in (False, True):
                samples[traced].append(await wall(example, traced))
        rows.append(
            (example.id, statistics.median(samples[False]), statistics.median(samples[True]))
        )
    return rows


def largest_recording() -> str:
    traced = [loads(path.read_text(encoding="utf-8")) for path in REPLAYS_DIR.rglob("*.json")]
    return max(traced, key=lambda recording: len(recording.trace or ())).id


DRAW = """async ([id, drawings]) => {
  const { timelineOf } = await import("../assets/deck/timeline.js");
  const example = document.querySelector(`.example[data-example="${id}"]`);
  example.scrollIntoView();
  const timeline = timelineOf(example);
  await timeline.showRecording();
  const times = [];
  for (let i = 0; i < drawings; i += 1) {
    const started = performance.now();
    timeline.render();
    times.push(performance.now() - started);
  }
  const frames = [];
  let last = await new Promise(requestAnimationFrame);
  for (let i = 0; i < drawings; i += 1) {
    const now = await new Promise(requestAnimationFrame);
    frames.push(now - last);
    last = now;
  }
  return { times, frames, events: timeline.model.events };
}"""

FOLLOW = """async ([stream, drawing]) => {
  const { createFigure } = await import("../assets/deck/timeline.js");
  const box = document.querySelector("article");
  box.prepend(document.createElement("div"));
  const timeline = createFigure(box.firstElementChild, stream.id);
  const batches = stream.events.filter((event) => event.type === "trace");
  const behind = [];
  const pending = [];
  timeline.figure.addEventListener("timeline:drawn", ({ detail }) => {
    const now = performance.now();
    while (pending.length && pending[0].events <= detail.events) {
      behind.push(now - pending.shift().at);
    }
  });
  timeline.start({ expected: 0 });
  const began = performance.now();
  let shown = 0;
  for (const batch of batches) {
    const due = began + batch.t * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    shown += batch.events.length;
    const arrived = performance.now();
    if (drawing) {
      pending.push({ at: arrived, events: shown });
      timeline.receive(batch);
    } else {
      await new Promise(requestAnimationFrame);
      behind.push(performance.now() - arrived);
    }
  }
  timeline.finish();
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { behind, batches: batches.length, events: shown };
}"""


async def record_stepper() -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bench" / "steps_10k.py"
        path.parent.mkdir()
        path.write_text(STEPPER, encoding="utf-8")
        example = load(path, Path(scratch))
        recording = await record(example)
        untraced = statistics.median([await wall(example, False) for _ in range(ROUNDS)])
        traced = statistics.median([await wall(example, True) for _ in range(ROUNDS)])
    steps = sum(1 for event in recording.trace if event["kind"] == "step")
    return {
        "id": "bench/steps_10k",
        "events": recording.events,
        "steps": steps,
        "walls": (untraced, traced),
    }


def main() -> None:
    runnable = [example for example in discover() if not example.skip_reason()]
    rows = asyncio.run(overhead(runnable))
    stepper = asyncio.run(record_stepper())
    largest = largest_recording()
    page_of = largest.split("/")[0]
    with scratch_site() as site, serving(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=SLIDE_SIZE)
        page.goto(f"{url}/{page_of}/")
        drawing = page.evaluate(DRAW, [largest, DRAWINGS])
        follows = {}
        for drawn in (False, True):
            page.goto(f"{url}/{page_of}/")
            follows[drawn] = page.evaluate(FOLLOW, [stepper, drawn])
        browser.close()

    print(f"Tracing overhead, {sys.version.split()[0]}, median of {ROUNDS} interleaved runs\n")
    print("| example | untraced s | traced s | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for example_id, untraced, traced in rows:
        print(f"| {example_id} | {untraced:.3f} | {traced:.3f} | {traced / untraced:.2f}× |")
    ratios = [traced / untraced for _, untraced, traced in rows]
    print(f"| **median over {len(rows)} examples** | | | **{statistics.median(ratios):.2f}×** |")
    untraced, traced = stepper["walls"]
    print(
        f"| 10,000-step run ({stepper['steps']} steps) | {untraced:.3f} | {traced:.3f} "
        f"| {traced / untraced:.2f}× |"
    )

    print(f"\nDrawing {largest} ({drawing['events']} events) in Chromium, {DRAWINGS} drawings\n")
    print("| measure | median ms | p95 ms |")
    print("| --- | ---: | ---: |")
    frames = drawing["frames"]
    print(
        f"| baseline: one animation frame | {statistics.median(frames):.1f} | {p95(frames):.1f} |"
    )
    times = drawing["times"]
    print(
        f"| render() of the whole recording | {statistics.median(times):.1f} | {p95(times):.1f} |"
    )

    print(
        f"\nA {stepper['steps']}-step run fed live at its recorded pace, "
        f"{follows[True]['batches']} trace messages as the server sent them\n"
    )
    print("| measure | median ms | p95 ms | worst ms |")
    print("| --- | ---: | ---: | ---: |")
    for drawn, label in ((False, "baseline: next frame, nothing drawn"), (True, "behind, drawn")):
        behind = follows[drawn]["behind"]
        print(
            f"| {label} | {statistics.median(behind):.1f} | {p95(behind):.1f} | {max(behind):.1f} |"
        )


if __name__ == "__main__":
    main()
