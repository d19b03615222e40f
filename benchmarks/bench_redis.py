"""redis-benchmark against redis-server and the mini Redis, same parameters, one run.

    python -m benchmarks.bench_redis            # prints Markdown tables of ops/s and ratios

Each server runs in its own process on a free loopback port. Rounds alternate
between the servers and the best of the rounds counts, so that a burst of load
from elsewhere on the machine hits every server alike rather than one of them.

Two ratios to the loop's ceiling (a no-op streams server, parsing nothing):
ops/s, which on a shared two-core machine the client's own share of the CPU
limits too, and the server's CPU time per request (Linux, from /proc), which
only the server decides. The goal: the streams server at 0.6 of the ceiling or
more, one request at a time.
"""

from __future__ import annotations

import csv
import datetime
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from survey.paths import EXAMPLES_DIR
from tools.harness import free_port, wait_until_listening

STREAMS = EXAMPLES_DIR / "streams"
CLIENTS = 50
ROUNDS = 3
# (column, redis-benchmark arguments): pipelined runs take more requests to last long enough.
TESTS = [
    ("SET", ["-t", "set", "-n", "50000"]),
    ("GET", ["-t", "get", "-n", "50000"]),
    ("SET -P 16", ["-t", "set", "-n", "200000", "-P", "16"]),
    ("GET -P 16", ["-t", "get", "-n", "200000", "-P", "16"]),
]
# The cost of the loop alone: a streams server that answers +OK without parsing anything.
NO_OP_SERVER = """
import asyncio, sys
async def answer(reader, writer):
    while data := await reader.read(65536):
        writer.write(b"+OK\\r\\n" * data.count(b"*"))
        await writer.drain()
    writer.close()
async def main():
    server = await asyncio.start_server(answer, "127.0.0.1", int(sys.argv[1]))
    await server.serve_forever()
asyncio.run(main())
"""


CEILING = "ceiling: no-op streams server, asyncio"


def server_commands(redis_server: str) -> dict[str, list[str]]:
    """Each contender's command line, by the name the table shows."""
    loops = ["asyncio"] + (["uvloop"] if importlib.util.find_spec("uvloop") else [])
    commands = {
        "redis-server": [redis_server, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    }
    servers = [
        ("line_by_line", "streams, line by line"),
        ("mini_redis", "streams"),
        ("resp_protocol", "protocol"),
    ]
    for module, kind in servers:
        for loop in loops:
            flag = ["--uvloop"] if loop == "uvloop" else []
            commands[f"mini Redis, {kind}, {loop}"] = [
                sys.executable,
                str(STREAMS / f"{module}.py"),
                *flag,
            ]
    commands[CEILING] = [sys.executable, "-c", NO_OP_SERVER]
    return commands


def start(command: list[str], port: int) -> subprocess.Popen:
    port_args = ["--port", str(port)] if "-c" not in command else [str(port)]
    process = subprocess.Popen(
        command + port_args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_until_listening(port, process)
    except (RuntimeError, TimeoutError) as problem:
        process.kill()
        raise SystemExit(f"{problem}: {process.communicate()[1].decode()}") from None
    return process


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far, where /proc tells (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime, fields 14 and 15 of proc(5), counting from the pid.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def requests(test_args: list[str]) -> int:
    return int(test_args[test_args.index("-n") + 1])


def measure(
    process: subprocess.Popen, port: int, test_args: list[str]
) -> tuple[float, float | None]:
    """ops/s, and the server's CPU microseconds per request (None where unknown)."""
    common = ["-h", "127.0.0.1", "-p", str(port), "-c", str(CLIENTS), "-q", "--csv"]
    before = cpu_seconds(process.pid)
    result = subprocess.run(
        ["redis-benchmark", *common, *test_args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    after = cpu_seconds(process.pid)
    rows = list(csv.DictReader(result.stdout.splitlines()))
    cpu = None if before is None or after is None else (after - before) * 1e6 / requests(test_args)
    return float(rows[0]["rps"]), cpu


def machine() -> str:
    redis_version = subprocess.run(
        ["redis-server", "--version"], capture_output=True, text=True
    ).stdout.split()[2]
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, redis-server {redis_version}"
    )


def table(results: dict[str, dict[str, float]]) -> str:
    baseline = results["redis-server"]
    header = "| server | " + " | ".join(column for column, _ in TESTS) + " |"
    lines = [header, "| --- |" + " ---: |" * len(TESTS)]
    for name, row in results.items():
        cells = [
            f"{row[column]:,.0f} ({row[column] / baseline[column]:.2f}×)" for column, _ in TESTS
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ceiling_table(rates: dict[str, dict[str, float]], cpu: dict[str, dict[str, float]]) -> str:
    """Each Python server's share of the ceiling: ops/s, then CPU per request."""
    header = "| server | " + " | ".join(column for column, _ in TESTS) + " |"
    lines = [header, "| --- |" + " ---: |" * len(TESTS)]
    ceiling_rate, ceiling_cpu = rates[CEILING], cpu.get(CEILING, {})
    for name in rates:
        if name == CEILING:
            continue
        cells = []
        for column, _ in TESTS:
            cell = f"{rates[name][column] / ceiling_rate[column]:.2f}"
            if column in ceiling_cpu and column in cpu.get(name, {}):
                cell += f" (CPU {ceiling_cpu[column] / cpu[name][column]:.2f})"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    redis_server = shutil.which("redis-server")
    if not (redis_server and shutil.which("redis-benchmark")):
        print("bench_redis: skipped, redis-server and redis-benchmark are not installed")
        return 0
    commands = server_commands(redis_server)
    ports = {name: free_port() for name in commands}
    processes = {name: start(command, ports[name]) for name, command in commands.items()}
    results: dict[str, dict[str, float]] = {name: {} for name in commands}
    cpu: dict[str, dict[str, float]] = {name: {} for name in commands}
    try:
        for _ in range(ROUNDS):
            for name in commands:
                for column, test_args in TESTS:
                    rate, used = measure(processes[name], ports[name], test_args)
                    results[name][column] = max(rate, results[name].get(column, 0.0))
                    if used is not None:
                        cpu[name][column] = min(used, cpu[name].get(column, used))
    finally:
        for process in processes.values():
            process.terminate()
            process.wait(timeout=10)
    print(f"redis-benchmark -c {CLIENTS} -q, best of {ROUNDS} rounds, ops/s (× redis-server)")
    print(f"{datetime.date.today().isoformat()}, {machine()}\n")
    print(table(results))
    print(f"\nshare of the ceiling, ops/s (and CPU time per request, least of {ROUNDS} rounds)\n")
    print(ceiling_table(results, cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
