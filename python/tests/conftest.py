"""Shared pieces of the package's tests: the repository's fixture machines and recorded answers, a loopback
stand-in for Ollama that replays them, and videos made by ffmpeg."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURE_HOSTS = REPOSITORY / "tests" / "fixtures" / "hosts"
RECORDED = REPOSITORY / "tests" / "recorded"
BUILD = Path(os.environ.get("AUTOCUT_BUILD_DIR", REPOSITORY / "build" / "release"))
AUTOCUT = Path(os.environ.get("AUTOCUT_BINARY", BUILD / "bin" / "autocut"))

# The original system's own example machine: 16 cores, 24 threads, 31.8 GB, no GPU (see the fixtures' README).
ORIGINAL_MACHINE = FIXTURE_HOSTS / "original-cpu-only-13700k"
CLOUD_KEYS = {"OPENAI_API_KEY": "sk-test-vision-0123456789", "DEEPSEEK_API_KEY": "sk-test-planning-0123456789"}

SECRET_VARIABLES = (
    "OPENAI_API_KEY", "DEEPSEEK_API_KEY", "OLLAMA_HOST", "USE_LOCAL_VISION", "LOCAL_VISION_MODEL",
    "AUTOCUT_LEVEL_FLOOR", "AUTOCUT_API_TOKEN", "AUTOCUT_NVML_LIBRARY",
)


@pytest.fixture(autouse=True)
def clean_settings(tmp_path, monkeypatch):
    """Each test in its own folder (no stray .env), with none of the caller's AI settings."""
    monkeypatch.chdir(tmp_path)
    for name in SECRET_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


Reply = Tuple[int, bytes]


class ReplayServer:
    """A loopback HTTP server answering "METHOD /path" (and for POST /api/show, the model asked) from a table.

    ``sequences`` gives a route a list of replies used one per request before its table reply; every request is
    kept in ``requests``."""

    def __init__(
        self, routes: Dict[str, Reply], sequences: Optional[Dict[str, List[Reply]]] = None, delay_s: float = 0
    ):
        self.routes = routes
        self.delay_s = delay_s
        self.sequences = {key: list(value) for key, value in (sequences or {}).items()}
        self.requests: List[Tuple[str, str, bytes]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                key = f"{self.command} {self.path.split('?')[0]}"
                with server.lock:
                    server.requests.append((self.command, self.path, body))
                    if key == "POST /api/show":
                        key += " " + json.dumps({"model": json.loads(body or b"{}").get("model")})
                    if server.sequences.get(key):
                        status, payload = server.sequences[key].pop(0)
                    else:
                        status, payload = server.routes.get(key, (404, b'{"error":"not found"}'))
                if server.delay_s and self.command == "POST":
                    time.sleep(server.delay_s)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def count(self, method_path: str) -> int:
        method, path = method_path.split(" ", 1)
        with self.lock:
            return sum(1 for m, p, _ in self.requests if m == method and p.split("?")[0] == path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def ollama_routes() -> Dict[str, Reply]:
    def show(model: str) -> str:
        return "POST /api/show " + json.dumps({"model": model})

    return {
        "GET /api/version": (200, recorded("ollama-version.json")),
        "GET /api/tags": (200, recorded("ollama-tags.json")),
        "GET /api/ps": (200, recorded("ollama-ps.json")),
        show("moondream:latest"): (200, recorded("ollama-show-moondream.json")),
        show("llama3.2:3b"): (200, recorded("ollama-show-llama3.2.json")),
        show("llava:7b"): (200, recorded("ollama-show-llava.json")),
        "POST /api/chat": (200, recorded("ollama-chat-llava.json")),
    }


# Where nothing listens: the machine's own AI servers, if any, stay out of the tests that name their stand-ins.
CLOSED = "http://127.0.0.1:9"
NO_SERVERS = {"OLLAMA_HOST": CLOSED, "LLAMA_CPP_HOST": CLOSED, "LM_STUDIO_HOST": CLOSED, "VLLM_HOST": CLOSED}


@pytest.fixture
def ollama():
    server = ReplayServer(ollama_routes())
    yield server
    server.close()


@pytest.fixture(scope="session")
def cuts_video(tmp_path_factory) -> Path:
    """Four 3-second scenes with hard cuts between them: test pattern, colour bars, a fractal, solid red."""
    if shutil.which("ffmpeg") is None:
        pytest.fail("ffmpeg is needed to make the test video (scripts/install-deps installs it)")
    path = tmp_path_factory.mktemp("videos") / "cuts.mp4"
    subprocess.run(
        [
            "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=25",
            "-f", "lavfi", "-i", "smptebars=duration=3:size=320x240:rate=25",
            "-f", "lavfi", "-t", "3", "-i", "mandelbrot=size=320x240:rate=25",
            "-f", "lavfi", "-i", "color=c=red:size=320x240:rate=25:duration=3",
            "-filter_complex", "[0:v][1:v][2:v][3:v]concat=n=4:v=1:a=0,format=yuv420p[v]", "-map", "[v]",
            "-c:v", "libx264", "-g", "250", str(path),
        ],
        check=True,
    )
    return path


FOUR_SCENES = [{"start": 0.0, "end": 3.0}, {"start": 3.0, "end": 6.0}, {"start": 6.0, "end": 9.0},
               {"start": 9.0, "end": 12.0}]
