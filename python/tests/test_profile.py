"""RuntimeProfile: the original's example machine reproduced from a captured tree, the original's field names,
saving and loading by the core's rules, and honest wording while detection is incomplete."""

import json
import os

import pytest

from autocut_runtime import ConfigError, ExecutionPolicyResolver, ProfileClass, ProfileError, RuntimeProfile

from conftest import CLOUD_KEYS, FIXTURE_HOSTS, ORIGINAL_MACHINE


def test_the_originals_cpu_only_example_is_reproduced_from_its_machine():
    profile = RuntimeProfile.detect(root=ORIGINAL_MACHINE, config=CLOUD_KEYS)
    assert (profile.cpu.cores, profile.cpu.threads, profile.cpu.score) == (16, 24, "ultra")
    assert (profile.memory.total_gb, profile.memory.available_gb) == (31.8, 17.0)
    assert profile.gpu is None
    assert profile.profile_class is ProfileClass.LOCAL_CPU_ONLY
    policy = ExecutionPolicyResolver(profile).resolve()
    assert (policy.vision.backend, policy.vision.model) == ("cloud", "gpt-4o")
    assert (policy.planning.backend, policy.planning.model) == ("cloud", "deepseek-chat")
    assert policy.editing.backend == "davinci-resolve"
    assert "ultra" in profile.explain("zh") and "24 线程" in profile.explain("zh")
    for key in CLOUD_KEYS.values():
        assert key not in profile.to_json() and key not in policy.explain("en"), "no secret in any output"


def test_the_document_is_what_autocut_profile_writes():
    import subprocess

    from conftest import AUTOCUT

    cli = subprocess.run(
        [str(AUTOCUT), "profile", "--json", "--no-save", "--root", str(ORIGINAL_MACHINE)],
        capture_output=True, text=True, check=True,
    )
    ours = RuntimeProfile.detect(root=ORIGINAL_MACHINE).to_dict()
    theirs = json.loads(cli.stdout)
    for document in (ours, theirs):
        document.pop("detected_at")
        for probe in document["probes"].values():
            probe.pop("duration_us")
    assert ours == theirs


def test_every_captured_machine_has_the_originals_fields():
    for machine in sorted(p for p in FIXTURE_HOSTS.iterdir() if p.is_dir()):
        profile = RuntimeProfile.detect(root=machine)
        if profile.cpu is not None:
            assert profile.cpu.threads >= 0, machine.name
        assert profile.profile_class.value in ProfileClass.__members__, machine.name
        assert isinstance(profile.gpus, list)
        if profile.gpus:
            assert profile.gpu is not None and profile.gpu.pci_address in [g.pci_address for g in profile.gpus]


def test_a_gpu_machine_names_its_best_gpu(monkeypatch):
    profile = RuntimeProfile.detect(root=FIXTURE_HOSTS / "amd-rx7900xtx")
    assert profile.profile_class is ProfileClass.LOCAL_GPU_HIGH
    assert "7900" in profile.gpu.name
    assert profile.gpu.memory_total_gb == 24.0
    assert len(profile.gpus) == 2


def test_sections_are_read_only_views_and_to_dict_is_a_copy():
    profile = RuntimeProfile.detect(root=ORIGINAL_MACHINE)
    with pytest.raises(AttributeError):
        profile.cpu.threads = 1
    with pytest.raises(AttributeError, match="not a field"):
        profile.cpu.gigahertz
    copy = profile.cpu.to_dict()
    copy["threads"] = 1
    assert profile.cpu.threads == 24
    assert profile.cpu["threads"] == 24 and "threads" in dir(profile.cpu)


def test_save_then_load_gives_the_same_profile(tmp_path):
    profile = RuntimeProfile.detect(root=ORIGINAL_MACHINE, config=CLOUD_KEYS)
    path = profile.save(tmp_path / "runtime_profile.json")
    loaded = RuntimeProfile.load(path)
    assert loaded.to_dict() == profile.to_dict()
    assert loaded.explain("en") == profile.explain("en")


@pytest.mark.parametrize(
    "content, says",
    [
        (b'{"schema_version": 1, "cpu": ', "not valid JSON"),
        (b'{"hello": "world"}', "no schema_version"),
        (b"\x00\xff garbage", "not valid JSON"),
    ],
)
def test_a_corrupt_or_foreign_file_raises_and_is_kept_aside(tmp_path, content, says):
    path = tmp_path / "runtime_profile.json"
    path.write_bytes(content)
    with pytest.raises(ProfileError, match=says) as raised:
        RuntimeProfile.load(path)
    assert not path.exists()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("runtime_profile.json.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content, "the bad file is kept as it was"
    assert kept[0].name in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_a_field_of_the_wrong_kind_is_named(tmp_path):
    profile = RuntimeProfile.detect(root=ORIGINAL_MACHINE)
    document = profile.to_dict()
    document["cpu"]["allowed_cpus"] = "0-"
    path = tmp_path / "runtime_profile.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ProfileError, match=r'"cpu.allowed_cpus" is not a CPU list'):
        RuntimeProfile.load(path)


def test_loading_nothing_says_so(tmp_path):
    with pytest.raises(ProfileError, match="does not exist"):
        RuntimeProfile.load(tmp_path / "missing.json")


def test_saving_replaces_a_corrupt_file_and_keeps_it_aside(tmp_path, caplog):
    path = tmp_path / "runtime_profile.json"
    path.write_text("{truncated")
    RuntimeProfile.detect(root=ORIGINAL_MACHINE).save(path)
    assert json.loads(path.read_text())["cpu"]["threads"] == 24
    assert any(p.name.startswith("runtime_profile.json.corrupt-") for p in tmp_path.iterdir())
    assert "kept as" in caplog.text


def test_saving_where_it_cannot_be_written_raises(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(ProfileError):
        RuntimeProfile.detect(root=ORIGINAL_MACHINE).save(blocked / "runtime_profile.json")


def test_settings_that_are_refused_raise_config_error_naming_them():
    with pytest.raises(ConfigError, match="AUTOCUT_FIT_FACTOR"):
        RuntimeProfile.detect(root=ORIGINAL_MACHINE, config={"AUTOCUT_FIT_FACTOR": "nine"})
    with pytest.raises(ConfigError, match="does not exist"):
        RuntimeProfile.detect(root="/no/such/machine")


def test_the_env_file_is_read(tmp_path):
    env = tmp_path / "settings.env"
    env.write_text("OPENAI_API_KEY=sk-from-env-file-0123456789\n")
    profile = RuntimeProfile.detect(root=ORIGINAL_MACHINE, env_file=env)
    assert profile.cloud.vision.key_present is True
    assert "sk-from-env-file" not in profile.to_json()


def test_while_the_slow_probes_run_they_are_pending_never_absent():
    profile = RuntimeProfile.detect(slow_probes=False)
    assert profile.probes["ai-runtimes"].status == "pending"
    assert profile.probes["ffmpeg"].status == "pending"


def test_a_recorded_windows_machine_is_detected_as_the_cli_detects_it():
    from conftest import REPOSITORY

    recording = REPOSITORY / "tests" / "fixtures" / "windows" / "original-workstation-rtx4090.json"
    profile = RuntimeProfile.detect(root=recording)
    assert profile.profile_class is ProfileClass.LOCAL_GPU_HIGH
    assert profile.os.distribution == "Windows 11 Pro 23H2"
    assert (profile.cpu.cores, profile.cpu.threads) == (16, 24)
    assert profile.gpu.name == "NVIDIA GeForce RTX 4090"
    assert profile.editors.davinci_resolve.scriptable is True


def test_a_captured_machine_asks_no_server_unless_one_is_named():
    root = FIXTURE_HOSTS / "debian12-vm"
    quiet = RuntimeProfile.detect(root=root).to_dict()
    assert quiet["not_asked"] == ["ai-runtimes", "ffmpeg"]
    assert quiet["runtimes"] == []
    # Named by the caller, as --ollama-host on the command line: asked (nothing listens on port 9).
    asked = RuntimeProfile.detect(root=root, ollama_host="http://127.0.0.1:9").to_dict()
    assert asked["not_asked"] == ["ffmpeg"]
    assert [runtime["kind"] for runtime in asked["runtimes"]] == ["ollama"]
    assert asked["runtimes"][0]["running"] is False
