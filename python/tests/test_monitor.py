"""RuntimeMonitor: a real monitor over a captured machine, tripped by failing task reports; callbacks once per
transition from the monitor's thread; a raising callback stops nothing; stop() during a callback; many threads."""

import re
import threading
import time

import pytest

from autocut_runtime import APIError, ProfileClass, RuntimeMonitor, RuntimeProfile

from conftest import CLOUD_KEYS, ORIGINAL_MACHINE

FAST_RULES = {
    "AUTOCUT_RULE_FAILURES_MIN_TASKS": 4,
    "AUTOCUT_RULE_FAILURES_WAIT_S": 1,
    "AUTOCUT_RULE_FAILURES_TRIAL_TASKS": 2,
    "AUTOCUT_MONITOR_COOLDOWN_S": 0,
}


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def profile():
    return RuntimeProfile.detect(root=ORIGINAL_MACHINE, config=CLOUD_KEYS)


def fail_local_tasks(monitor, count):
    for _ in range(count):
        monitor.record_task_result("vision", "ollama-cpu", ok=False, duration_ms=900, error="model crashed")


def test_failing_tasks_trip_the_rule_and_each_callback_hears_each_transition_once(profile):
    heard_a, heard_b, threads = [], [], []

    def first(transition):
        heard_a.append(transition)
        threads.append(threading.current_thread())

    with RuntimeMonitor(profile, config=FAST_RULES, interval_s=0.05) as monitor:
        monitor.register_degradation_callback(first)
        monitor.register_degradation_callback(heard_b.append)
        fail_local_tasks(monitor, 4)
        assert wait_for(lambda: monitor.level is ProfileClass.HYBRID)
        assert monitor.current_policy.level is ProfileClass.HYBRID
        time.sleep(1.2)  # the rule's wait before a trial
        for _ in range(2):
            monitor.record_task_result("vision", "ollama-cpu", ok=True, duration_ms=400)
        assert wait_for(lambda: monitor.level is ProfileClass.LOCAL_CPU_ONLY)
        time.sleep(0.3)  # more samples: no transition may be told twice
    for heard in (heard_a, heard_b):
        assert [(t.from_level, t.to_level) for t in heard] == [
            (ProfileClass.LOCAL_CPU_ONLY, ProfileClass.HYBRID),
            (ProfileClass.HYBRID, ProfileClass.LOCAL_CPU_ONLY),
        ]
    assert heard_a[0].rule == "task_failures" and heard_a[0].degraded and not heard_a[1].degraded
    assert heard_a[0].policy.level is ProfileClass.HYBRID
    assert heard_a[0].values, "the event says what was observed"
    assert all(thread is not threading.main_thread() for thread in threads), "told from the monitor's thread"


def test_a_callback_that_raises_is_logged_and_the_monitor_goes_on(profile, caplog):
    heard = []

    def broken(transition):
        raise RuntimeError("a bug in the application")

    with RuntimeMonitor(profile, config={"AUTOCUT_MONITOR_COOLDOWN_S": 0}, interval_s=0.05) as monitor:
        monitor.register_degradation_callback(broken)
        monitor.register_degradation_callback(heard.append)
        monitor.degrade("first")
        monitor.restore()
        time.sleep(0.2)
        assert monitor.is_running
        assert len(heard) == 2
    assert "a bug in the application" in caplog.text
    assert "degradation callback" in caplog.text


def test_stop_while_a_callback_runs_on_the_monitors_thread_returns(profile):
    started, finished = threading.Event(), threading.Event()

    def slow(transition):
        started.set()
        time.sleep(1.0)
        finished.set()

    monitor = RuntimeMonitor(profile, config=FAST_RULES, interval_s=0.05).start()
    monitor.register_degradation_callback(slow)
    fail_local_tasks(monitor, 4)
    assert started.wait(10)
    began = time.monotonic()
    monitor.stop()
    assert time.monotonic() - began < 5
    assert finished.is_set(), "stop() waits for the callback in flight, and does not deadlock on it"
    assert not monitor.is_running


def test_eight_threads_report_and_read_while_the_monitor_runs(profile):
    counts = [0] * 8
    errors = []
    stop_at = time.monotonic() + 10

    def work(index):
        try:
            while time.monotonic() < stop_at:
                monitor.record_task_result("vision", "cloud", ok=True, duration_ms=10)
                counts[index] += 1
                status = monitor.get_status()
                assert status["running"] is True
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    with RuntimeMonitor(profile, interval_s=0.05) as monitor:
        workers = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        assert not any(worker.is_alive() for worker in workers), "no deadlock"
        assert not errors
        metrics = monitor.handle("GET", "/metrics")[3].decode()
    recorded = re.search(r'autocut_tasks_total\{kind="vision",backend="cloud",outcome="ok"\} (\d+)', metrics)
    assert recorded and int(recorded.group(1)) == sum(counts) > 0


def test_reports_and_queries_are_checked_as_the_api_checks_them(profile):
    with RuntimeMonitor(profile) as monitor:
        with pytest.raises(APIError, match="backend must be one the policy names"):
            monitor.record_task_result("vision", "somewhere", ok=True, duration_ms=1)
        with pytest.raises(APIError, match="kind must be"):
            monitor.record_task_result("dreaming", "cloud", ok=True, duration_ms=1)
        with pytest.raises(ValueError, match="minutes must be a number from 0.1 to 1440"):
            monitor.get_metrics_history(minutes=-1)


def test_degrade_is_sticky_until_restore_and_reasons_keep_their_language(profile):
    with RuntimeMonitor(profile, config={"AUTOCUT_MONITOR_COOLDOWN_S": 0}, interval_s=0.05) as monitor:
        answer = monitor.degrade("显存不足")
        assert answer["level"] == "HYBRID"
        time.sleep(0.2)
        assert monitor.level is ProfileClass.HYBRID
        assert monitor.get_events()[-1]["reason"] == "显存不足"
        assert monitor.restore()["level"] == "LOCAL_CPU_ONLY"
        assert monitor.current_policy.vision.backend == "cloud"


def test_the_monitor_keeps_the_profile_current_in_its_state_dir(profile, tmp_path):
    with RuntimeMonitor(profile, state_dir=tmp_path / "state"):
        assert (tmp_path / "state" / "runtime_profile.json").exists()
    assert RuntimeProfile.load(tmp_path / "state" / "runtime_profile.json").cpu.threads == 24


def test_a_running_monitor_dropped_while_its_callbacks_fire_does_not_hang(tmp_path):
    """Dropping the last reference stops the monitor; its thread may be waiting to call a callback at that moment."""
    import subprocess
    import sys
    import textwrap

    from conftest import ORIGINAL_MACHINE

    script = textwrap.dedent(
        f"""
        from autocut_runtime import RuntimeMonitor, RuntimeProfile
        profile = RuntimeProfile.detect(root={str(ORIGINAL_MACHINE)!r})
        rules = {{"AUTOCUT_RULE_FAILURES_MIN_TASKS": 1, "AUTOCUT_RULE_FAILURES_WAIT_S": 1,
                  "AUTOCUT_MONITOR_COOLDOWN_S": 0}}
        for round in range(30):
            monitor = RuntimeMonitor(profile, config=rules, interval_s=0.05).start()
            monitor.register_degradation_callback(lambda transition: sum(range(20000)))
            monitor.record_task_result("vision", "ollama-cpu", ok=False, duration_ms=1)
            for spin in range(round * 2000):  # hold the GIL for a while, so the monitor's thread waits for it
                pass
            del monitor
        print("done")
        """
    )
    run = subprocess.run([sys.executable, "-P", "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "done"
