"""Builds the extension with the project's own CMake build, so the package links the same static core as `autocut`.

AUTOCUT_BUILD_DIR names an existing CMake build of this repository to take the extension and the analysis worker
from (`make python-wheel` passes build/release: nothing is compiled twice); without it, a build of its own is made
in setuptools' temporary folder.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
TARGETS = ["_core", "autocut-analyze-worker"]


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, extension):
        build_dir = Path(os.environ.get("AUTOCUT_BUILD_DIR") or Path(self.build_temp).resolve() / "cmake")
        if not build_dir.is_absolute():
            build_dir = REPOSITORY / build_dir
        if not (build_dir / "CMakeCache.txt").exists():
            subprocess.run(
                [
                    "cmake", "-S", str(REPOSITORY), "-B", str(build_dir), "-G", "Ninja",
                    "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DAUTOCUT_BUILD_TESTS=OFF", "-DAUTOCUT_BUILD_BENCH=OFF",
                    f"-DPython_EXECUTABLE={sys.executable}",
                ],
                check=True,
            )
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 2)
        subprocess.run(["cmake", "--build", str(build_dir), "-j", jobs, "--target", *TARGETS], check=True)

        staged = build_dir / "python" / "autocut_runtime"
        built = next(staged.glob("_core*.so"), None)
        if built is None:
            raise RuntimeError(f"the extension was not built in {staged}")
        destination = Path(self.get_ext_fullpath(extension.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, destination)
        worker = build_dir / "bin" / "autocut-analyze-worker"
        shutil.copy2(worker, destination.parent / worker.name)
        # The build keeps debug information (about 90 MB in the extension); the installed package does not need it.
        if shutil.which("strip"):
            subprocess.run(["strip", "--strip-debug", str(destination), str(destination.parent / worker.name)],
                           check=True)


setup(ext_modules=[CMakeExtension("autocut_runtime._core")], cmdclass={"build_ext": CMakeBuild})
