"""unittest.IsolatedAsyncioTestCase runs each async test method on a fresh loop."""

# /// script
# [tool.survey]
# no-browser = "it starts threads, and Python in a browser has only one"
# ///

import asyncio
import unittest


async def fetch_greeting(name: str) -> str:
    await asyncio.sleep(0.01)  # stands in for a network call
    return f"hello, {name}"


# --8<-- [start:core]
LOOPS: list[asyncio.AbstractEventLoop] = []  # the loop each test ran on


class GreetingTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self) -> None:
        LOOPS.append(asyncio.get_running_loop())

    async def test_greets_by_name(self) -> None:
        self.assertEqual(await fetch_greeting("ada"), "hello, ada")

    async def test_times_out(self) -> None:
        with self.assertRaises(TimeoutError):
            async with asyncio.timeout(0.001):
                await fetch_greeting("slow")


async def main() -> None:
    # The test case runs its own loop, so it cannot run on this one: a
    # thread keeps the two apart. From a shell: python -m unittest.
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(GreetingTest)
    result = unittest.TestResult()
    await asyncio.to_thread(suite.run, result)
    failed = len(result.failures) + len(result.errors)
    print(f"ran {result.testsRun} tests: {failed} failed")
    print(f"loops they ran on: {len(set(LOOPS))} different")
    print(f"debug mode on each: {all(loop.get_debug() for loop in LOOPS)}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
