// libFuzzer entry for the GGUF header reader: a model file anyone may have made must parse, or be truncated or
// rejected, never crash, read out of bounds or allocate by a forged count.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model_fit/gguf_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autocut::model_fit;
  const auto read = read_gguf_header(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!read.header) return 0;
  for (const auto& tensor : read.header->tensors) (void)tensor_bytes(tensor);
  (void)weights_of(*read.header);
  (void)read.header->metadata.dump();  // what the API later does with it
  return 0;
}
