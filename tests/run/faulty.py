"""Pipelines for fault tests, built in the worker processes from `{"factory": "tests.run.faulty:…"}`."""

import os
import signal
import time

from lagebild.pipeline import Pipeline


class FaultyPipeline(Pipeline):
    """The real pipeline, except: a text containing ABSTURZ kills the worker process (SIGKILL, as the
    out-of-memory killer would), one containing ENDLOSSCHLEIFE hangs, and `suffix` changes the version."""

    def __init__(self, suffix: str = "", **kwargs):
        super().__init__(**kwargs)
        self.suffix = suffix
        self.version = self.version + suffix  # Pipeline.version is set in __init__

    def __call__(self, raw):
        if "ABSTURZ" in raw.content:
            os.kill(os.getpid(), signal.SIGKILL)
        if "ENDLOSSCHLEIFE" in raw.content:
            while True:
                time.sleep(1)
        return super().__call__(raw)
