// The scenarios AUTOCUT_FAKE_NVML_SCENARIO names:
//   one-card (default)  GeForce RTX 4060 at 0000:01:00.0, 8188 MiB
//   two-cards           GeForce RTX 4090 (24564 MiB) and GeForce RTX 3060 (12288 MiB)
//   laptop              GeForce RTX 4060 Laptop GPU at 0000:01:00.0, beside an Intel iGPU
//   unified             a Jetson-class SoC GPU: memory queries answer NOT_SUPPORTED
//   driver-not-loaded   nvmlInit_v2 fails with DRIVER_NOT_LOADED
//   gpu-lost            the first memory query works, every later one answers GPU_IS_LOST
//   gpu-returns         as gpu-lost for memory queries 2 to 4; from the fifth on the card answers again
//   no-memory-v2        nvmlDeviceGetMemoryInfo_v2 answers FUNCTION_NOT_FOUND (older driver)
//   hang                nvmlInit_v2 never returns, as with a wedged driver (a GPU fallen off the bus)
//   mig                 NVIDIA A100-SXM4-40GB at 0000:41:00.0, 40960 MiB, MIG on, with three instances: GPU instance 1
//                       (compute instance 0) 3g.20gb of 19968 MiB, 512 MiB used; GPU instance 5 1g.5gb of 4864 MiB,
//                       none used; GPU instance 6 1g.5gb of 4864 MiB, 4096 MiB used. They sit at MIG device indices 0,
//                       1 and 3 of 7 (2 answers NOT_FOUND, as after an instance was destroyed). No NVENC: encoder
//                       queries answer NOT_SUPPORTED
//   encoding            as one-card, with 2 NVENC sessions open and 64% of H.264 encoding capacity left
// GeForce cards have no MIG: nvmlDeviceGetMigMode answers NOT_SUPPORTED. Bus widths and memory clocks are the cards'
// own (RTX 4090 384 bit at 10501 MHz, 3060 192 bit at 7501 MHz, 4060 128 bit at 8501 MHz (8001 on the laptop), A100
// 5120 bit at 1215 MHz); the SoC GPU answers NOT_SUPPORTED for them and for the encoder.

#include "scenarios.hpp"

#include <cstdio>
#include <cstdlib>

namespace fake_nvml {
namespace {

FakeGpu a100_with_mig() {
  FakeGpu a100{"NVIDIA A100-SXM4-40GB",
               "GPU-a100ffff-0000-4000-8000-000000000006",
               0x41,
               0x20b0,
               40960,
               4608,
               0,
               8,
               0,
               0,
               34,
               62000};
  a100.bus_width_bits = 5120;
  a100.memory_clock_max_mhz = 1215;
  a100.has_encoder = false;
  a100.mig = Mig::enabled;
  a100.mig_instances = {{0, 1, 0, "3g.20gb", "MIG-a1000001-0000-4000-8000-000000000061", 19968, 512},
                        {1, 5, 0, "1g.5gb", "MIG-a1000005-0000-4000-8000-000000000065", 4864, 0},
                        {3, 6, 0, "1g.5gb", "MIG-a1000006-0000-4000-8000-000000000066", 4864, 4096}};
  return a100;
}

FakeGpu encoding(FakeGpu gpu) {
  gpu.encoder_sessions = 2;
  gpu.encoder_capacity_percent = 64;
  return gpu;
}

}  // namespace

Scenario load_scenario(const std::string& name) {
  const FakeGpu rtx4060{"NVIDIA GeForce RTX 4060",
                        "GPU-4060aaaa-0000-4000-8000-000000000001",
                        1,
                        0x2882,
                        8188,
                        612,
                        318,
                        8,
                        9,
                        3,
                        41,
                        12500,
                        128,
                        8501};
  Scenario scenario;
  scenario.name = name;
  if (name == "one-card")
    scenario.gpus = {rtx4060};
  else if (name == "two-cards")
    scenario.gpus = {{"NVIDIA GeForce RTX 4090", "GPU-4090bbbb-0000-4000-8000-000000000002", 1, 0x2684, 24564, 1830,
                      480, 8, 9, 27, 52, 61000, 384, 10501},
                     {"NVIDIA GeForce RTX 3060", "GPU-3060cccc-0000-4000-8000-000000000003", 2, 0x2504, 12288, 240, 270,
                      8, 6, 0, 35, 14000, 192, 7501}};
  else if (name == "laptop")
    scenario.gpus = {{"NVIDIA GeForce RTX 4060 Laptop GPU", "GPU-4060dddd-0000-4000-8000-000000000004", 1, 0x28e0, 8188,
                      9, 318, 8, 9, 0, 46, 3500, 128, 8001}};
  else if (name == "unified")
    scenario.gpus = {
        {"Orin (nvgpu)", "GPU-0rineeee-0000-4000-8000-000000000005", 0, 0x0000, 0, 0, 0, 8, 7, 12, 38, 0, 0, 0, false}};
  else if (name == "driver-not-loaded")
    scenario.init_result = kDriverNotLoaded;
  else if (name == "gpu-lost")
    scenario.gpus = {rtx4060}, scenario.lose_after_first_memory_query = true;
  else if (name == "gpu-returns")
    scenario.gpus = {rtx4060}, scenario.lose_after_first_memory_query = true, scenario.back_from_query = 5;
  else if (name == "no-memory-v2")
    scenario.gpus = {rtx4060}, scenario.v2_unsupported = true;
  else if (name == "hang")
    scenario.gpus = {rtx4060}, scenario.hang = true;
  else if (name == "mig")
    scenario.gpus = {a100_with_mig()};
  else if (name == "encoding")
    scenario.gpus = {encoding(rtx4060)};
  else
    std::fprintf(stderr, "fake NVML: unknown scenario %s\n", name.c_str()), std::abort();
  return scenario;
}

}  // namespace fake_nvml
