#!/usr/bin/env python3
"""An Ollama server on a loopback port answering from the recorded responses in tests/recorded (their README says
where each came from), for autocut.exe under Wine to ask over real HTTP. Prints its port, then serves until killed.
Usage: recorded_ollama.py RECORDED_DIR"""
import http.server
import json
import pathlib
import sys

RECORDED = pathlib.Path(sys.argv[1])
GETS = {"/api/version": "ollama-version.json", "/api/tags": "ollama-tags.json", "/api/ps": "ollama-ps.json"}
SHOWN = {"moondream:latest": "ollama-show-moondream.json", "llama3.2:3b": "ollama-show-llama3.2.json",
         "llava:7b": "ollama-show-llava.json"}


class Recorded(http.server.BaseHTTPRequestHandler):
    def answer(self, name):
        body = (RECORDED / name).read_bytes() if name else b'{"error":"not found"}'
        self.send_response(200 if name else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer(GETS.get(self.path))

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        self.answer(SHOWN.get(request.get("model") or request.get("name")) if self.path == "/api/show" else None)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorded)
print(server.server_address[1], flush=True)
server.serve_forever()
