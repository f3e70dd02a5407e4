"""The guide's core workloads on asyncio (or uvloop), measured like the Tokio side.

Run by `cargo run -p bench --release`, which hands over the plan (sizes, warm-up and
timed runs) as JSON and reads the results as JSON from standard output:

    python workloads.py --loop asyncio --plan '{"warmup": 1, "repeat": 3, "workloads": [...]}'

Every workload returns (count, sum) of what it produced, checked here against a closed
form and again by the Rust side against its own: neither side can skip work.
Each run is timed inside the running loop, so creating the loop is not part of it.
"""

import argparse
import asyncio
import gc
import json
import platform
import statistics
import sys
import time


def tally(values):
    values = list(values)
    return len(values), sum(values)


def latency(i):
    """Seconds call i waits in the batched and sliding runs: 1 to 10 ms (as in Rust)."""
    return (1 + i % 10) / 1000


# ANCHOR: spawn
async def job(i):
    return i


async def spawn(w):
    # create_task schedules each coroutine as a Task; gather waits for them all.
    tasks = [asyncio.create_task(job(i)) for i in range(w["tasks"])]
    return tally(await asyncio.gather(*tasks))
# ANCHOR_END: spawn


async def join_set(w):
    # Structured concurrency: the group waits for every task it started (Python 3.11+).
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(job(i)) for i in range(w["tasks"])]
    return tally(task.result() for task in tasks)


async def join_all(w):
    # asyncio cannot await many coroutines at once without Tasks: gather wraps each
    # coroutine in one. That is the point of this row.
    return tally(await asyncio.gather(*[job(i) for i in range(w["futures"])]))


# ANCHOR: queue
async def queue(w):
    items, producers, workers = w["items"], w["producers"], w["workers"]
    q = asyncio.Queue(maxsize=w["capacity"])

    async def produce(start, stop):
        for i in range(start, stop):
            await q.put(i)  # waits while the queue is full

    async def process(item):
        return item * 2

    async def consume():
        out = []
        while (item := await q.get()) is not None:  # None: the producers are done
            out.append(await process(item))
        return out

    consumers = [asyncio.create_task(consume()) for _ in range(workers)]
    await asyncio.gather(
        *[produce(p * items // producers, (p + 1) * items // producers) for p in range(producers)]
    )
    for _ in range(workers):
        await q.put(None)
    outputs = await asyncio.gather(*consumers)
    return tally(x for out in outputs for x in out)
# ANCHOR_END: queue


async def semaphore(w):
    sem = asyncio.Semaphore(w["limit"])

    async def call(i):
        async with sem:
            await asyncio.sleep(0)  # one trip through the loop, like tokio's yield_now
            return i

    return tally(await asyncio.gather(*[call(i) for i in range(w["calls"])]))


async def slow_call(i):
    await asyncio.sleep(latency(i))
    return i


async def batched(w):
    # The guide's batch_process: gather one batch, then the next.
    calls, size = w["calls"], w["size"]
    outputs = []
    for start in range(0, calls, size):
        batch = range(start, min(start + size, calls))
        outputs += await asyncio.gather(*[slow_call(i) for i in batch])
    return tally(outputs)


# ANCHOR: sliding
async def sliding(w):
    # A sliding window in asyncio: `window` lanes draining one shared iterator, so a
    # lane that finishes a call starts the next at once.
    ids = iter(range(w["calls"]))

    async def lane():
        out = []
        for i in ids:
            out.append(await slow_call(i))
        return out

    lanes = await asyncio.gather(*[lane() for _ in range(w["window"])])
    return tally(x for out in lanes for x in out)
# ANCHOR_END: sliding


WORKLOADS = {
    "spawn": (spawn, "tasks", 1),
    "join_set": (join_set, "tasks", 1),
    "join_all": (join_all, "futures", 1),
    "channel": (queue, "items", 2),  # one producer, one consumer
    "queue": (queue, "items", 2),
    "semaphore": (semaphore, "calls", 1),
    "batched": (batched, "calls", 1),
    "sliding": (sliding, "calls", 1),
}


def expected(w):
    """(count, sum) of 0..n, each times the workload's factor: computed, not run."""
    _, key, factor = WORKLOADS[w["id"]]
    n = w[key]
    return n, factor * n * (n - 1) // 2


async def timed(workload, w):
    start = time.perf_counter()
    result = await workload(w)
    return time.perf_counter() - start, result


def new_loop(name):
    if name == "uvloop":
        import uvloop

        return uvloop.new_event_loop(), uvloop.__version__
    return asyncio.new_event_loop(), platform.python_version()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--plan", required=True, help="the plan, as JSON")
    parser.add_argument(
        "--no-gc",
        action="store_true",
        help="switch the cyclic garbage collector off, to see its share of the time",
    )
    args = parser.parse_args()
    plan = json.loads(args.plan)
    if args.no_gc:
        gc.disable()  # gc.collect() below still runs between runs, outside the timing

    loop, version = new_loop(args.loop)
    asyncio.set_event_loop(loop)
    # One untimed pass over every workload first (as the Rust side does), so that each is
    # measured in a process that has run them all, whatever its place in the plan.
    for w in plan["workloads"]:
        if plan["warmup"] > 0:
            loop.run_until_complete(WORKLOADS[w["id"]][0](w))
    results = []
    for w in plan["workloads"]:
        workload = WORKLOADS[w["id"]][0]
        seconds = []
        for run in range(plan["warmup"] + plan["repeat"]):
            gc.collect()  # start each run from the same heap, outside the timing
            elapsed, got = loop.run_until_complete(timed(workload, w))
            if got != expected(w):
                sys.exit(f"{w['id']} on {args.loop} computed {got}, expected {expected(w)}")
            if run >= plan["warmup"]:
                seconds.append(elapsed)
        count, total = got  # what the last run computed, checked again by the Rust side
        results.append({"id": w["id"], "count": count, "sum": total, "seconds": seconds})
        print(
            f"  {args.loop:<8} {w['id']:<10} fastest {min(seconds):.4f} s, "
            f"median {statistics.median(seconds):.4f} s",
            file=sys.stderr,
        )
    loop.close()
    json.dump({"loop": args.loop, "version": version, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
