"""analyze_scenes_auto: the analysis worker run as `autocut analyze` runs it, on a video ffmpeg made with four hard
cuts — with the builtin analyzer, with an Ollama stand-in replaying its documented answers (tests/recorded), with
the local model failing mid-job, with Ctrl-C, and with bad input."""

import json
import os
import signal
import sys

import pytest

from autocut_runtime import AnalysisInterrupted, RuntimeMonitor, RuntimeProfile, analyze_scenes_auto

from conftest import CLOSED, FOUR_SCENES, NO_SERVERS, ReplayServer, ollama_routes, recorded

FAST_RULES = {"AUTOCUT_RULE_FAILURES_MIN_TASKS": 4, "AUTOCUT_MONITOR_COOLDOWN_S": 0}


@pytest.fixture
def no_ai(monkeypatch):
    """A monitor for a machine with no AI server and no key: vision falls to the builtin analyzer."""
    for name, value in NO_SERVERS.items():
        monkeypatch.setenv(name, value)
    with RuntimeMonitor(RuntimeProfile.detect(config=NO_SERVERS), config=NO_SERVERS) as monitor:
        yield monitor


def test_the_builtin_analyzer_finds_and_tells_the_scenes_apart(cuts_video, no_ai):
    told = []
    result = analyze_scenes_auto(None, cuts_video, monitor=no_ai, on_scene=told.append)
    assert result["state"] == "done"
    scenes = result["scenes"]
    assert len(scenes) == 4
    for i in range(3):
        assert abs(scenes[i]["end"] - 3.0 * (i + 1)) <= 0.041, "cut within a frame"
    assert all(scene["backend"] == "builtin" for scene in scenes)
    assert "colour bars" in json.dumps(scenes[1]["tags"])
    assert result["summary"]["by_backend"] == {"builtin": 4}
    assert sorted(scene["index"] for scene in told) == [1, 2, 3, 4], "on_scene heard each scene once"


def test_scenes_in_the_originals_forms(cuts_video, no_ai, tmp_path):
    as_dicts = analyze_scenes_auto(FOUR_SCENES, cuts_video, monitor=no_ai, backend="builtin")
    long_names = [{"start_time": s["start"], "end_time": s["end"]} for s in FOUR_SCENES]
    pairs = [(s["start"], s["end"]) for s in FOUR_SCENES]
    csv = tmp_path / "scenes.csv"
    csv.write_text(
        "Timecode List:,00:00:03.000,00:00:06.000,00:00:09.000\n"
        "Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,End Timecode,End Time (seconds)\n"
        + "".join(f"{i + 1},0,x,{s['start']},0,x,{s['end']}\n" for i, s in enumerate(FOUR_SCENES))
    )
    json_file = tmp_path / "scenes.json"
    json_file.write_text(json.dumps({"scenes": FOUR_SCENES}))
    expected = [(scene["start"], scene["end"]) for scene in as_dicts["scenes"]]
    assert expected == [(s["start"], s["end"]) for s in FOUR_SCENES]
    class FrameTimecode:  # PySceneDetect's type, as far as a scene list uses it
        def __init__(self, seconds):
            self.seconds = seconds

        def get_seconds(self):
            return self.seconds

    timecodes = [(FrameTimecode(s["start"]), FrameTimecode(s["end"])) for s in FOUR_SCENES]
    for form in (long_names, pairs, timecodes, csv, str(json_file)):
        result = analyze_scenes_auto(form, cuts_video, monitor=no_ai, backend="builtin")
        assert [(scene["start"], scene["end"]) for scene in result["scenes"]] == expected, form


def test_a_bad_scene_gets_its_own_error_and_the_others_go_on(cuts_video, no_ai):
    scenes = [FOUR_SCENES[0], {"start": 5, "end": 4}, {"start": 60, "end": 61}, FOUR_SCENES[3]]
    result = analyze_scenes_auto(scenes, cuts_video, monitor=no_ai)
    by_index = {scene["index"]: scene for scene in result["scenes"]}
    assert "ends before it starts" in by_index[2]["error"]
    assert "after the video ends" in by_index[3]["error"]
    assert by_index[1].get("error") is None and by_index[4].get("error") is None
    assert result["summary"]["failed"] == 2 and result["summary"]["succeeded"] == 2


def test_bad_arguments_are_refused_before_any_worker_starts(cuts_video, no_ai, tmp_path):
    with pytest.raises(ValueError, match="missing.mp4"):
        analyze_scenes_auto(None, tmp_path / "missing.mp4", monitor=no_ai)
    with pytest.raises(ValueError, match="backend must be"):
        analyze_scenes_auto(None, cuts_video, monitor=no_ai, backend="the moon")
    with pytest.raises(ValueError, match="scenes_data"):
        analyze_scenes_auto({"start": 1}, cuts_video, monitor=no_ai)


def test_an_on_scene_that_raises_stops_the_job_and_its_error_comes_back(cuts_video, no_ai):
    def broken(scene):
        raise LookupError("the application's own bug")

    with pytest.raises(LookupError, match="own bug"):
        analyze_scenes_auto(FOUR_SCENES, cuts_video, monitor=no_ai, on_scene=broken)
    assert no_ai.is_running


def test_with_ollama_the_scenes_go_to_the_local_model(cuts_video, ollama):
    config = dict(NO_SERVERS, OLLAMA_HOST=ollama.url)
    profile = RuntimeProfile.detect(config=config)
    assert profile.runtimes[0].running and any(model.vision for model in profile.runtimes[0].models)
    with RuntimeMonitor(profile, config=config) as monitor:
        assert monitor.current_policy.vision.backend.startswith("ollama-")
        result = analyze_scenes_auto(FOUR_SCENES, cuts_video, monitor=monitor)
    assert result["state"] == "done"
    assert all(scene["backend"].startswith("ollama-") for scene in result["scenes"])
    assert all(scene["description"] for scene in result["scenes"])
    assert ollama.count("POST /api/chat") == 4


def test_when_ollama_fails_mid_job_the_monitor_moves_the_rest_of_the_scenes(cuts_video):
    answer = (200, recorded("ollama-chat-llava.json"))
    broken = (500, b'{"error":"llama runner process has terminated: signal: killed"}')
    ollama = ReplayServer(ollama_routes(), sequences={"POST /api/chat": [answer, answer] + [broken] * 50})
    cloud = ReplayServer({"POST /v1/chat/completions": (200, recorded("openai-chat-completion.json"))})
    try:
        config = dict(NO_SERVERS, OLLAMA_HOST=ollama.url, OPENAI_API_KEY="sk-test-not-a-real-key",
                      OPENAI_BASE_URL=cloud.url + "/v1", **FAST_RULES)
        transitions = []
        with RuntimeMonitor(RuntimeProfile.detect(config=config), config=config) as monitor:
            monitor.register_degradation_callback(transitions.append)
            scenes = [{"start": i * 1.5, "end": (i + 1) * 1.5} for i in range(8)]
            result = analyze_scenes_auto(scenes, cuts_video, monitor=monitor)
        backends = [scene["backend"] for scene in result["scenes"]]
        assert backends[:2] == ["ollama-cpu", "ollama-cpu"], backends
        assert backends[-1] == "cloud", backends
        assert result["plan_changes"][-1]["backend"] == "cloud"
        assert [t.rule for t in transitions] == ["task_failures"]
        assert result["events"][-1]["rule"] == "task_failures"
    finally:
        ollama.close()
        cloud.close()


def test_use_policy_false_keeps_the_plan_the_job_started_with(cuts_video):
    answer = (200, recorded("ollama-chat-llava.json"))
    broken = (500, b'{"error":"out of memory"}')
    ollama = ReplayServer(ollama_routes(), sequences={"POST /api/chat": [answer] + [broken] * 50})
    try:
        config = dict(NO_SERVERS, OLLAMA_HOST=ollama.url, **FAST_RULES)
        with RuntimeMonitor(RuntimeProfile.detect(config=config), config=config) as monitor:
            scenes = [{"start": i * 1.5, "end": (i + 1) * 1.5} for i in range(6)]
            result = analyze_scenes_auto(scenes, cuts_video, use_policy=False, monitor=monitor)
        assert len(result["plan_changes"]) == 1, "no new plan mid-job"
    finally:
        ollama.close()


def test_ctrl_c_cancels_and_keeps_the_finished_scenes(cuts_video):
    if sys.platform == "win32":
        pytest.skip("SIGINT as a signal is POSIX")
    slow = ReplayServer(ollama_routes(), delay_s=0.4)
    try:
        config = dict(NO_SERVERS, OLLAMA_HOST=slow.url)
        with RuntimeMonitor(RuntimeProfile.detect(config=config), config=config) as monitor:
            scenes = [{"start": i * 0.5, "end": (i + 1) * 0.5} for i in range(20)]

            def interrupt_after_the_second(scene):
                if scene["index"] == 2:
                    os.kill(os.getpid(), signal.SIGINT)

            with pytest.raises(AnalysisInterrupted) as interrupted:
                analyze_scenes_auto(scenes, cuts_video, monitor=monitor, on_scene=interrupt_after_the_second)
            assert monitor.is_running
        result = interrupted.value.result
        assert isinstance(interrupted.value, KeyboardInterrupt)
        assert result["state"] == "cancelled"
        assert 2 <= len(result["scenes"]) < 20
        assert all(scene.get("description") for scene in result["scenes"])
    finally:
        slow.close()


def test_without_a_monitor_the_machine_is_detected_for_the_job(cuts_video, monkeypatch):
    for name, value in NO_SERVERS.items():
        monkeypatch.setenv(name, value)
    result = analyze_scenes_auto(FOUR_SCENES[:2], cuts_video)
    assert result["state"] == "done" and len(result["scenes"]) == 2
