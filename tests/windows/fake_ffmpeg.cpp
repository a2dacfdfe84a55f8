// ffmpeg.exe as a Windows build of FFmpeg 7.1 (gyan.dev's "full" build) answers on a machine without an NVIDIA, AMD
// or Intel media driver: its listings, libx264 encoding a frame, and each hardware encoder failing with the message
// it gives when its driver's DLL is missing. For autocut.exe's ffmpeg probe under Wine, where no Windows ffmpeg is
// installed. It refuses to work if it is handed an API key, as autocut must never pass one to a tool.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

int fail(const char* message) {
  std::fputs(message, stderr);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (std::getenv("OPENAI_API_KEY") || std::getenv("DEEPSEEK_API_KEY")) return fail("an API key reached ffmpeg\n");
  std::string last = argc > 1 ? argv[argc - 1] : "";
  std::string encoder;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "-c:v") == 0) encoder = argv[i + 1];
  if (last == "-version") {
    std::puts("ffmpeg version 7.1-full_build-www.gyan.dev Copyright (c) 2000-2024 the FFmpeg developers");
    std::puts("built with gcc 14.2.0 (Rev1, Built by MSYS2 project)");
    return 0;
  }
  if (last == "-encoders") {
    std::puts("Encoders:\n V..... = Video\n A..... = Audio\n ------");
    std::puts(" V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)");
    std::puts(" V....D h264_amf             AMD AMF H.264 Encoder (codec h264)");
    std::puts(" V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)");
    std::puts(
        " V..... h264_qsv             H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (Intel Quick Sync Video "
        "acceleration) (codec h264)");
    std::puts(" A....D aac                  AAC (Advanced Audio Coding)");
    return 0;
  }
  if (last == "-hwaccels") {
    std::puts("Hardware acceleration methods:\ncuda\ndxva2\nqsv\nd3d11va\nopencl\nvulkan\n");
    return 0;
  }
  if (encoder == "libx264") return 0;
  if (encoder == "h264_nvenc") return fail("[h264_nvenc @ 000001c3a0f4e2c0] Cannot load nvEncodeAPI64.dll\n");
  if (encoder == "h264_amf") return fail("[h264_amf @ 000001c3a0f4e2c0] DLL amfrt64.dll failed to open\n");
  if (encoder == "h264_qsv") return fail("[h264_qsv @ 000001c3a0f4e2c0] Error creating a MFX session: -9.\n");
  return fail("Unrecognized option\n");
}
