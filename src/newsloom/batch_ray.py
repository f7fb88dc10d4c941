"""The Ray Data engine: `analyze_batch` in a pool of actors, each loading the pipelines once.

Ray is an optional extra (`pip install 'newsloom[ray]'`) imported only here.
Without a cluster address (`RAY_ADDRESS`, or `ray job submit`, which sets it),
a private local Ray is started with exactly `workers` CPUs, bound to
127.0.0.1, without dashboard or usage reporting, its workers at normal priority,
and shut down at the end.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator

from newsloom.errors import MissingExtraError

# documents handed to one Ray dataset; each dataset starts its own actor pool
WINDOW = 20_000


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("--engine ray", "ray") from exc
    return ray


class _BatchAnalyzer:
    """A Ray actor: one process, one Analyzer, many batches."""

    def __init__(self):
        from newsloom.batch import process_analyzer

        process_analyzer()  # load once, before the first batch arrives

    def __call__(self, batch):
        from newsloom.batch import analyze_batch

        res = analyze_batch(batch.to_pylist())
        w = json.dumps(res["worker"])
        rows = [json.dumps(r, ensure_ascii=False) for r in res["records"]]
        errs = [json.dumps(e, ensure_ascii=False) for e in res["errors"]]
        kinds = ["record"] * len(rows) + ["error"] * len(errs) + ["worker"]
        return {"kind": kinds, "row": rows + errs + [w]}


def _start(ray, workers: int) -> bool:
    """Connect to a cluster or start a local Ray; True when this call started it."""
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if os.environ.get("RAY_ADDRESS"):
        ray.init(log_to_driver=False, logging_level=logging.WARNING)
        return True
    # Ray lowers its workers' priority (niceness 15) to keep its services responsive on a shared
    # node; a private Ray has the machine to itself, and its actors run at the priority the
    # local pool's processes have.
    os.environ.setdefault("RAY_worker_niceness", "0")
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
             _node_ip_address="127.0.0.1")
    return True


def ray_engine(batches: Iterable[list[dict]], workers: int) -> Iterator[dict]:
    """Results of `analyze_batch`, computed by `workers` Ray actors."""
    ray = _import_ray()
    started = _start(ray, workers)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.verbose_progress = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # newsloom's own bar shows the progress
    try:
        batch_size = None
        window: list[dict] = []
        for batch in batches:
            batch_size = batch_size or len(batch)
            window.extend(batch)
            if len(window) >= WINDOW:
                yield from _run_window(ray, window, workers, batch_size)
                window = []
        if window:
            yield from _run_window(ray, window, workers, batch_size)
    finally:
        if started:
            ray.shutdown()


def _run_window(ray, rows: list[dict], workers: int, batch_size: int) -> Iterator[dict]:
    blocks = max(workers, -(-len(rows) // batch_size))
    ds = ray.data.from_items(rows, override_num_blocks=blocks)
    out = ds.map_batches(_BatchAnalyzer, batch_size=batch_size, batch_format="pyarrow",
                         compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1)
    for b in out.iter_batches(batch_size=None, batch_format="pyarrow"):
        # each actor call ends with its worker row: one result per call, as from the local pool
        res = {"records": [], "errors": []}
        for kind, row in zip(b.column("kind").to_pylist(), b.column("row").to_pylist()):
            if kind == "worker":
                yield {**res, "worker": json.loads(row)}
                res = {"records": [], "errors": []}
            else:
                res["records" if kind == "record" else "errors"].append(json.loads(row))
