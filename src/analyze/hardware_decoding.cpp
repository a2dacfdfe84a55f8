#include "analyze/hardware_decoding.hpp"

namespace autocut::analyze {

HardwareDecoderChoice proven_hardware(std::vector<ProvenDecoder> proven) {
  return [proven = std::move(proven)](const AVStream& stream, std::string& error) -> std::unique_ptr<FrameDecoder> {
    const auto sample = decode_sample_of(*stream.codecpar);
    std::string refusals;
    for (const auto& decoder : proven) {
      if (decoder.sample != sample) continue;
      std::string why;
      if (auto opened = open_hardware_decoder(stream, decoder.hwaccel, why)) return opened;
      refusals += (refusals.empty() ? "" : "; ") + decoder.hwaccel + ": " + why;
    }
    error = refusals.empty() ? "no decode trial proved " + sample + " on a GPU here" : refusals;
    return nullptr;
  };
}

}  // namespace autocut::analyze
