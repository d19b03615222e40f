"""asyncio.create_subprocess_exec runs programs side by side and awaits their output."""

# /// script
# [tool.survey]
# serial = true
# no-browser = "it starts child processes, which Python in a browser cannot"
# ///

import asyncio
import sys
import time

DELAY = 0.5
# A small program standing in for a real tool: waits, then prints one line.
TOOL = "import sys, time; time.sleep(float(sys.argv[2])); print(sys.argv[1])"


# --8<-- [start:core]
async def run_tool(word: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", TOOL, word, str(DELAY),
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    output, _ = await process.communicate()  # reads until it exits
    return f"{word!r}: exit {process.returncode}, said {output.decode()!r}"


async def main() -> None:
    started = time.perf_counter()
    results = await asyncio.gather(*(run_tool(w) for w in ("one", "two")))
    took = round((time.perf_counter() - started) / DELAY)
    print(*results, sep="\n")
    print(f"two tools, each sleeping one delay: ≈ {took} × delay")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
