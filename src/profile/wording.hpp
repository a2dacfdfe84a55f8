// The sentences of the explanation in each language, and the small formatting helpers they share.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/language.hpp"
#include "core/units.hpp"

namespace autocut::profile::wording {

// Every sentence in both languages, side by side; a sentence missing from one table is a compiler warning
// (-Wmissing-field-initializers).
struct Phrases {
  const char* heading;
  const char* no_gpu;
  const char* no_discrete_gpu;
  const char* gpu;
  const char* gpu_usable;      // "%s GiB usable"
  const char* gpu_driver;      // ", driver %s"
  const char* gpu_integrated;  // in parentheses after the name, as are the two above
  const char* gpu_unknown;
  const char* gpu_display_only;
  const char* gpu_no_driver;
  const char* gpu_best;             // marks the GPU AI work uses, when there are several
  const char* gpu_encoding;         // "%d video encoder session(s) open, %d%% of H.264 encoding left"
  const char* gpu_bandwidth;        // "memory %s GB/s": what bounds a model's tokens per second
  const char* gpu_typed_bandwidth;  // "%s memory %s GB/s", with the memory's type
  const char* gpu_mig;              // "  MIG on, each instance a GPU of its own: "
  const char* gpu_mig_instance;     // "%s (%s GiB free)"
  const char* cpu;
  const char* cores;  // "%d cores"
  const char* one_core;
  const char* separator;  // between cores and threads
  const char* threads;    // "%d threads"
  const char* hybrid;     // " (%dP + %dE)"
  const char* tier;       // " (%s performance)"
  const char* usable;     // "; %s CPUs usable"
  const char* isa;
  const char* memory;
  const char* size;        // "%s GiB"
  const char* available;   // "(%s available)"
  const char* limited;     // ", limited by the container (host %s)"
  const char* memory_cap;  // "memory ≤ %s"
  const char* memory_name;
  const char* container;
  const char* job_object;  // what a Windows job object is called
  const char* no_limits;
  const char* pressure;
  const char* system;
  const char* kernel;
  const char* wsl;
  const char* probe_failed;
  const char* local_ai;        // "- Local AI: "
  const char* runtime_models;  // ", %d models, %d with vision"
  const char* not_installed;
  const char* installed_not_running;
  const char* cloud;           // "- Cloud: "
  const char* cloud_vision;    // "vision %s"
  const char* cloud_planning;  // "planning %s"
  const char* key_set;
  const char* key_missing;
  const char* editors;              // "- Editors: "
  const char* resolve_scriptable;   // "DaVinci Resolve Studio %s (scriptable)"
  const char* resolve_free;         // "DaVinci Resolve %s (free edition: not scriptable from outside)"
  const char* resolve_not_running;  // "DaVinci Resolve Studio %s (not running)"
  const char* no_resolve;
  const char* ffmpeg_encoders;    // "ffmpeg %s with %s"
  const char* ffmpeg_decoders;    // "; decodes on the GPU: %s"
  const char* ffmpeg_no_decoder;  // "; no GPU decoder passed its trial (%d tried: %s)"
  const char* no_ffmpeg;
  const char* suggestions;
  const char* suggest_install_ollama;
  const char* suggest_start_ollama;
  const char* suggest_pull_vision;
  const char* suggest_openai_key;
  const char* suggest_deepseek_key;
  const char* level;
  const char* why;
  const char* why_cpu_only;
  const char* why_gpu_memory;  // name, GiB, threshold, level
  const char* why_gpu_too_small;
  const char* why_gpu_unknown;
  const char* unknown;
  const char* still_checking;    // "- Still checking: "
  const char* local_ai_servers;  // the ai-runtimes probe, in words
};

constexpr Phrases kEnglish{
    "🧠 Runtime mode",
    "- GPU: none detected",
    "- GPU: no discrete GPU",
    "- GPU: ",
    "%s GiB usable",
    ", driver %s",
    "integrated: shares system memory",
    "memory unknown",
    "display only",
    "no driver bound",
    "  ← used for AI work",
    "%d video encoder session(s) open, %d%% of H.264 encoding left",
    "memory %s GB/s",
    "%s memory %s GB/s",
    "  MIG on, each instance a GPU of its own: ",
    "%s (%s GiB free)",
    "- CPU: ",
    "%d cores",
    "1 core",
    ", ",
    "%d threads",
    " (%dP + %dE)",
    " (%s performance)",
    "; %s CPUs usable here",
    "; inference instructions: ",
    "- Memory: ",
    "%s GiB",
    " (%s GiB available)",
    ", limited by the container (host %s GiB)",
    "memory ≤ %s GiB",
    "memory",
    "- Container: ",
    "job object",
    "no memory or CPU limit",
    "- Pressure (avg10): ",
    "- System: ",
    "kernel ",
    ", under WSL",
    " probe failed: ",
    "- Local AI: ",
    ", %d models, %d with vision",
    "not installed",
    "Ollama is installed but not running",
    "- Cloud: ",
    "vision %s",
    "planning %s",
    " (key set)",
    " (no key)",
    "- Editors: ",
    "DaVinci Resolve Studio %s (scriptable)",
    "DaVinci Resolve %s (free edition: not scriptable from outside)",
    "DaVinci Resolve Studio %s (not running, or without its scripting library)",
    "no DaVinci Resolve",
    "ffmpeg %s with %s",
    "; decodes on the GPU: %s",
    "; no GPU decoder passed its trial (%d tried: %s)",
    "no ffmpeg",
    "💡 Suggestions",
    "install Ollama (https://ollama.com) and run `ollama pull moondream` for free local vision",
    "Ollama is installed but not running: start it with `ollama serve`",
    "no local model can see images: `ollama pull moondream`",
    "set OPENAI_API_KEY for cloud vision",
    "set DEEPSEEK_API_KEY for cloud planning",
    "📊 Profile class: ",
    "   Why: ",
    "no GPU was detected, so local AI work runs on the CPU; heavy vision work is better sent to the cloud.",
    "the best GPU, %s, has %s GiB; %s GiB or more is %s.",
    "no GPU has the 3.5 GiB a local vision model needs, so local AI work runs on the CPU.",
    "no GPU reports its memory, so local AI work is planned for the CPU.",
    "unknown",
    "- Still checking: ",
    "local AI servers",
};

constexpr Phrases kChinese{
    "🧠 系统运行模式",
    "- 未检测到独立显卡",
    "- 未检测到独立显卡",
    "- GPU: ",
    "可用 %sGiB",
    ", 驱动 %s",
    "集成显卡，共享系统内存",
    "显存未知",
    "仅用于显示",
    "未加载驱动",
    "  ← 用于 AI 任务",
    "%d 个视频编码会话进行中，H.264 编码余量 %d%%",
    "显存带宽 %s GB/s",
    "%s 显存带宽 %s GB/s",
    "  已启用 MIG，每个实例相当于一块独立 GPU：",
    "%s（空闲 %sGiB）",
    "- CPU: ",
    "%d 核",
    "1 核",
    " ",
    "%d 线程",
    " (%dP + %dE)",
    " (%s 性能)",
    "; 本环境可用 %s 个 CPU",
    "; 推理指令集: ",
    "- 内存: ",
    "%sGiB",
    " (可用 %sGiB)",
    ", 受容器限制 (主机 %sGiB)",
    "内存 ≤ %sGiB",
    "内存",
    "- 容器: ",
    "作业对象",
    "无内存与 CPU 限制",
    "- 压力 (avg10): ",
    "- 系统: ",
    "内核 ",
    ", 运行于 WSL",
    " 检测失败: ",
    "- 本地 AI: ",
    "，%d 个模型，其中 %d 个支持视觉",
    "未安装",
    "Ollama 已安装但未运行",
    "- 云端: ",
    "视觉 %s",
    "规划 %s",
    " (已配置密钥)",
    " (未配置密钥)",
    "- 剪辑: ",
    "DaVinci Resolve Studio %s (可脚本控制)",
    "DaVinci Resolve %s (免费版：不支持外部脚本控制)",
    "DaVinci Resolve Studio %s (未运行或缺少脚本库)",
    "未安装 DaVinci Resolve",
    "ffmpeg %s，编码器 %s",
    "；GPU 解码：%s",
    "；没有 GPU 解码器通过试解码（试了 %d 项：%s）",
    "未安装 ffmpeg",
    "💡 建议",
    "安装 Ollama 以使用本地视觉模型（零成本）：https://ollama.com，然后运行 `ollama pull moondream`",
    "Ollama 已安装但未运行：运行 `ollama serve` 启动",
    "没有能识别图像的本地模型：运行 `ollama pull moondream`",
    "设置 OPENAI_API_KEY 以使用云端视觉",
    "设置 DEEPSEEK_API_KEY 以使用云端规划",
    "📊 运行级别: ",
    "   原因: ",
    "未检测到 GPU，本地 AI 任务在 CPU 上运行；较重的视觉任务建议交给云端。",
    "最佳 GPU %s 显存 %s GiB，达到 %s GiB 即为 %s。",
    "没有 GPU 达到本地视觉模型所需的 3.5 GiB，本地 AI 任务在 CPU 上运行。",
    "GPU 未报告显存，本地 AI 任务按 CPU 规划。",
    "未知",
    "- 仍在检测: ",
    "本地 AI 服务",
};

inline const Phrases& phrases(core::Language language) { return language == core::Language::zh ? kChinese : kEnglish; }

template <class... Args>
std::string format(const char* pattern, Args... args) {
  const int size = std::snprintf(nullptr, 0, pattern, args...);
  std::string text(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
  std::snprintf(text.data(), text.size() + 1, pattern, args...);
  return text;
}

inline std::string one_decimal(double value) { return format("%.1f", value); }

inline std::string gigabytes(std::uint64_t bytes) { return core::gib_text(bytes); }

}  // namespace autocut::profile::wording
