"""autocut_runtime.fastapi: the /api/runtime router and the lifespan in a FastAPI application, through FastAPI's
TestClient, through uvicorn on loopback asked with curl, and compared with what `autocut serve` answers for the
same captured machine."""

import json
import os
import re
import socket
import subprocess
import threading
import time

import pytest

fastapi = pytest.importorskip("fastapi", reason="python3-fastapi (scripts/install-deps installs it)")
from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from autocut_runtime.fastapi import ROUTES, install  # noqa: E402

from conftest import AUTOCUT, CLOUD_KEYS, ORIGINAL_MACHINE  # noqa: E402

# The original's keys, and restore lifting the floor at once (the default cool-down is 15 s).
SETTINGS = dict(CLOUD_KEYS, AUTOCUT_MONITOR_COOLDOWN_S="0")

GET_DOCUMENTS = [
    "/api/runtime/status", "/api/runtime/status?lang=zh", "/api/runtime/profile", "/api/runtime/policy",
    "/api/runtime/monitor", "/api/runtime/monitor/metrics/history?minutes=5", "/api/runtime/events",
    "/api/runtime/admit?kind=vision", "/api/runtime/admit?kind=editing", "/api/runtime/explanation",
]
POST_ONLY = ["/api/runtime/profile/reload", "/api/runtime/policy/reload", "/api/runtime/policy/degrade",
             "/api/runtime/policy/restore", "/api/runtime/monitor/dry-run", "/api/runtime/tasks"]
REFUSED = [
    ("GET", "/api/runtime/monitor/metrics/history?minutes=-1", None, "minutes must be a number from 0.1 to 1440"),
    ("GET", "/api/runtime/monitor/metrics/history?minutes=abc", None, "minutes must be a number"),
    ("GET", "/api/runtime/status?lang=fr", None, "lang must be en or zh"),
    ("GET", "/api/runtime/admit?kind=dreaming", None, "kind must be vision, planning or editing"),
    ("POST", "/api/runtime/tasks", "not json", "the body must be a JSON object"),
    ("POST", "/api/runtime/tasks", '{"kind":"vision","backend":"somewhere","ok":true}', "backend must be one"),
    ("POST", "/api/runtime/policy/degrade?reason=" + "x" * 501, None, "reason must be at most 500 bytes"),
]


@pytest.fixture
def app(tmp_path):
    application = FastAPI()
    install(application, state_dir=tmp_path / "state", root=ORIGINAL_MACHINE, config=SETTINGS)
    return application


def test_every_document_answers_through_the_router(app, tmp_path):
    with TestClient(app) as client:
        for path in GET_DOCUMENTS:
            reply = client.get(path)
            assert reply.status_code == 200, (path, reply.text)
        status = client.get("/api/runtime/status").json()
        assert status["profile"]["cpu"]["threads"] == 24
        assert status["policy"]["vision"]["backend"] == "cloud"
        assert "系统运行模式" in client.get("/api/runtime/status?lang=zh").json()["explanation"]
        assert client.get("/api/runtime/explanation").headers["content-type"].startswith("text/plain")
        assert (tmp_path / "state" / "runtime_profile.json").exists(), "the lifespan saved the profile"
        assert app.state.runtime_profile.cpu.cores == 16
        assert app.state.execution_policy.planning.model == "deepseek-chat"
    assert app.state.runtime_monitor is None, "the lifespan stopped the monitor"


def test_state_changes_are_post_only(app):
    with TestClient(app) as client:
        for path in POST_ONLY:
            reply = client.get(path)
            assert reply.status_code == 405, path
            assert reply.headers["allow"] == "POST"
            assert "send it as POST" in reply.json()["detail"]
        down = client.post("/api/runtime/policy/degrade", params={"reason": "测试降级"})
        assert down.status_code == 200 and down.json()["level"] == "HYBRID"
        assert client.get("/api/runtime/events").json()["events"][-1]["reason"] == "测试降级"
        assert client.post("/api/runtime/policy/restore").json()["level"] == "LOCAL_CPU_ONLY"
        task = client.post("/api/runtime/tasks", json={"kind": "vision", "backend": "cloud", "ok": True,
                                                       "duration_ms": 1200})
        assert task.status_code == 202
        assert client.post("/api/runtime/profile/reload").json()["profile"]["cpu"]["threads"] == 24


@pytest.mark.parametrize("method, path, body, detail", REFUSED)
def test_bad_requests_get_the_services_400(app, method, path, body, detail):
    with TestClient(app) as client:
        reply = client.request(method, path, content=body)
        assert reply.status_code == 400
        assert detail in reply.json()["detail"]
        assert set(reply.json()) == {"error", "detail"}


def test_the_router_is_in_the_applications_openapi(app):
    with TestClient(app) as client:
        paths = client.get("/openapi.json").json()["paths"]
    for path, method, _ in ROUTES:
        assert method.lower() in paths["/api/runtime" + path], path
    assert "get" not in paths["/api/runtime/policy/degrade"], "only the method that serves it is documented"


def test_without_the_lifespan_the_router_says_the_runtime_is_not_started():
    from autocut_runtime.fastapi import router

    bare = FastAPI()
    bare.include_router(router)
    with TestClient(bare) as client:
        reply = client.get("/api/runtime/status")
    assert reply.status_code == 503 and reply.json()["error"] == "runtime not started"


# -- the same documents as `autocut serve` ---------------------------------------------------------------------------


def volatile_removed(document):
    """What differs between two runs on the same machine: times, durations, live samples."""
    if isinstance(document, dict):
        return {
            key: volatile_removed(value)
            for key, value in document.items()
            if key not in {"detected_at", "duration_us", "last_sample", "samples", "running", "detection_complete"}
        }
    if isinstance(document, list):
        return [volatile_removed(item) for item in document]
    return document


@pytest.fixture
def autocut_serve(tmp_path):
    environment = dict(os.environ, **SETTINGS, LANG="C.UTF-8")
    process = subprocess.Popen(
        [str(AUTOCUT), "serve", "--quiet", "--listen", "127.0.0.1:0", "--root", str(ORIGINAL_MACHINE),
         "--state-dir", str(tmp_path / "serve-state")],
        stdout=subprocess.PIPE, text=True, env=environment,
    )
    line = process.stdout.readline()
    port = re.search(r"\(port (\d+)\)", line)
    assert port, line
    yield f"http://127.0.0.1:{port.group(1)}"
    process.terminate()
    assert process.wait(10) == 0


def curl(url, *options):
    answer = subprocess.run(["curl", "-sS", "--max-time", "10", "-w", "\n%{http_code}", *options, url],
                            capture_output=True, text=True, check=True)
    body, _, status = answer.stdout.rpartition("\n")
    return int(status), body


def test_each_document_equals_what_autocut_serve_answers(app, autocut_serve):
    with TestClient(app) as client:
        compared = GET_DOCUMENTS + [method_path[1] for method_path in REFUSED if method_path[0] == "GET"]
        for path in compared:
            status, body = curl(autocut_serve + path)
            ours = client.get(path)
            assert ours.status_code == status, path
            if path.startswith("/api/runtime/explanation"):
                assert ours.text == body
            else:
                assert volatile_removed(ours.json()) == volatile_removed(json.loads(body)), path


# -- uvicorn on loopback, asked with curl ------------------------------------------------------------------------------


@pytest.fixture
def uvicorn_server(app):
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield url
    server.should_exit = True
    thread.join(20)
    assert not thread.is_alive()


def test_uvicorn_serves_the_router_to_curl(uvicorn_server):
    status, body = curl(uvicorn_server + "/api/runtime/status")
    assert status == 200 and json.loads(body)["profile"]["profile_class"] == "LOCAL_CPU_ONLY"
    status, body = curl(uvicorn_server + "/api/runtime/policy/reload")
    assert status == 405
    status, body = curl(uvicorn_server + "/api/runtime/policy/degrade?reason=curl", "-X", "POST")
    assert status == 200 and json.loads(body)["level"] == "HYBRID"


def test_the_event_stream_reaches_a_curl_client_through_uvicorn(uvicorn_server):
    listener = subprocess.Popen(["curl", "-sN", "--max-time", "3", uvicorn_server + "/api/runtime/events/stream"],
                                stdout=subprocess.PIPE, text=True)
    time.sleep(0.8)
    curl(uvicorn_server + "/api/runtime/policy/degrade?reason=stream", "-X", "POST")
    output, _ = listener.communicate(timeout=10)
    assert "event: hello" in output
    assert "event: transition" in output and '"reason":"stream"' in output
