// libFuzzer entry for the runtime answer parsers (Ollama, llama.cpp, LM Studio, vLLM): any bytes must parse or be
// rejected, never crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detect/runtimes/runtime_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace autocut::detect;
  (void)parse_version_reply(text);
  (void)parse_ollama_tags(text);
  (void)parse_ollama_ps(text);
  (void)parse_ollama_show(text);
  (void)parse_openai_models(text);
  (void)parse_llama_cpp_vision(text);
  (void)parse_llama_cpp_props(text);
  (void)parse_lm_studio_models(text);
  return 0;
}
