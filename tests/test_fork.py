"""Work handed to a forked child: the child's result when it can, the same work here when it cannot."""

from __future__ import annotations

import os
import sys

import pytest

from wxlint.fork import Forked, can_fork, in_turns

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="wxlint forks on Linux only")


@linux_only
def test_the_work_runs_in_a_child_and_its_result_comes_back():
    here = os.getpid()
    with Forked(lambda: (os.getpid(), [n * n for n in range(1000)])) as child:
        assert child.in_child
        pid, squares = child.result()
    assert pid != here and squares[-1] == 999 * 999


def test_without_fork_the_work_runs_here():
    with Forked(os.getpid, fork=False) as child:
        assert not child.in_child
        assert child.result() == os.getpid()


@linux_only
def test_a_child_that_dies_or_fails_leaves_the_work_to_this_process():
    here = os.getpid()

    def dies_in_a_child():
        if os.getpid() != here:
            os._exit(3)  # killed, out of memory: no result comes back
        return "here"

    def fails_in_a_child():
        if os.getpid() != here:
            raise RuntimeError("boom")
        return "here"

    for work in (dies_in_a_child, fails_in_a_child):
        with Forked(work) as child:
            assert child.in_child and child.result() == "here"


@linux_only
def test_a_child_left_behind_is_stopped():
    import time

    with Forked(lambda: time.sleep(60)) as child:
        pid = child._pid
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # reaped already


def test_no_fork_while_threads_run():
    import threading

    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        thread.join()


@linux_only
def test_work_in_turns_is_shared_with_a_child_and_each_part_done_once():
    import time

    here = os.getpid()

    def work(number):
        time.sleep(0.02)  # long enough for both processes to take turns
        return number * 10, os.getpid()

    done, finished = in_turns(12, work, os.getpid)
    assert sorted(done) == list(range(12)) and all(value == number * 10 for number, (value, _) in done.items())
    workers = {pid for _, pid in done.values()}
    assert here in workers and len(workers) == 2  # both took turns
    assert finished[0] == here and finished[1] != here


def test_work_in_turns_without_fork_is_all_done_here():
    done, finished = in_turns(5, lambda number: (number, os.getpid()), os.getpid, fork=False)
    assert done == {number: (number, os.getpid()) for number in range(5)} and finished == [os.getpid()]


@linux_only
def test_work_a_failed_child_had_taken_is_done_here():
    import time

    here = os.getpid()

    def work(number):
        if os.getpid() != here:
            os._exit(3)
        time.sleep(0.02)
        return number

    done, finished = in_turns(6, work, lambda: "finished")
    assert done == {number: number for number in range(6)}
    assert finished[-1] == "finished"
