"""The original system's six tests (test_runtime_profile.py), re-expressed against the package: detection, policy
generation, degradation, the monitor, the explanation and the whole start-up, on this machine."""

import json
import time

import pytest

from autocut_runtime import (
    ExecutionPolicyResolver,
    ProfileClass,
    RuntimeMonitor,
    RuntimeProfile,
)

ORIGINAL_PROFILE_FIELDS = {"cpu": {"cores", "threads", "score"}, "memory": {"total_gb", "available_gb"}}


def test_1_runtime_profile_detection(tmp_path):
    profile = RuntimeProfile.detect()
    assert profile.cpu.threads >= 1
    assert profile.cpu.cores is None or 1 <= profile.cpu.cores <= profile.cpu.threads
    assert profile.cpu.score in {"low", "medium", "high", "ultra"}
    assert profile.memory.total_gb > 0
    assert 0 <= profile.memory.available_gb <= profile.memory.total_gb
    assert isinstance(profile.profile_class, ProfileClass)
    assert profile.gpu is None or profile.gpu.pci_address
    path = profile.save(tmp_path / "runtime_profile.json")
    saved = json.loads(path.read_text())
    for section, fields in ORIGINAL_PROFILE_FIELDS.items():
        assert fields <= set(saved[section])
    assert "gpu" in saved and saved["profile_class"] == profile.profile_class.value


def test_2_execution_policy_generation():
    profile = RuntimeProfile.detect()
    resolver = ExecutionPolicyResolver(profile)
    policy = resolver.resolve()
    assert policy.level == profile.profile_class
    for task in (policy.vision, policy.planning, policy.editing):
        assert task.backend
        assert task.reasons, "every choice says why"
        assert task.limits.max_concurrent >= 1
    for level in ProfileClass:
        assert resolver.resolve(level).level == level


def test_3_policy_degradation():
    policy = ExecutionPolicyResolver(RuntimeProfile.detect()).resolve(ProfileClass.LOCAL_GPU_HIGH)
    steps = [policy.level]
    for _ in range(5):
        policy = policy.degrade("测试降级")
        steps.append(policy.level)
    assert steps == [
        ProfileClass.LOCAL_GPU_HIGH, ProfileClass.LOCAL_GPU_MID, ProfileClass.LOCAL_GPU_LOW,
        ProfileClass.LOCAL_CPU_ONLY, ProfileClass.HYBRID, ProfileClass.HYBRID,
    ]
    assert [change["reason"] for change in policy.history] == ["测试降级"] * 5


def test_4_runtime_monitor():
    profile = RuntimeProfile.detect()
    with RuntimeMonitor(profile, interval_s=0.1) as monitor:
        status = monitor.get_status()
        assert status["running"] is True
        assert status["level"] == profile.profile_class.value
        assert [rule["name"] for rule in status["rules"]] == ["vram", "memory", "memory_pressure", "task_failures"]
        for _ in range(100):  # the CPU figure needs two samples
            samples = monitor.get_metrics_history(minutes=5)
            if samples and samples[-1]["cpu_percent"] is not None:
                break
            time.sleep(0.05)
        sample = monitor.get_metrics_history(minutes=5)[-1]
        assert 0 <= sample["cpu_percent"] <= 100
        assert sample["memory_available_bytes"] > 0
    assert monitor.get_status()["running"] is False


def test_5_explanation():
    profile = RuntimeProfile.detect()
    english = profile.explain("en")
    chinese = profile.explain("zh")
    assert "Runtime mode" in english and profile.profile_class.value in english
    assert "系统运行模式" in chinese and profile.profile_class.value in chinese
    policy = ExecutionPolicyResolver(profile).resolve()
    assert "Vision" in policy.explain("en") and "视觉" in policy.explain("zh")


def test_6_full_integration(tmp_path):
    transitions = []
    profile = RuntimeProfile.detect()
    with RuntimeMonitor(profile, interval_s=0.1, state_dir=tmp_path) as monitor:
        monitor.register_degradation_callback(transitions.append)
        monitor.degrade("测试降级")
        assert monitor.current_policy.level != profile.profile_class or profile.profile_class == ProfileClass.HYBRID
        monitor.restore()
    assert [t.rule for t in transitions][:1] == ["manual"]
    reloaded = RuntimeProfile.load(tmp_path / "runtime_profile.json")
    assert reloaded.profile_class == profile.profile_class
    assert reloaded.fingerprint == profile.fingerprint
