#include "detect/gpu/amdgpu_reading.hpp"

namespace autocut::detect {

AmdgpuReading read_amdgpu(const GpuSysfs& device) {
  AmdgpuReading reading;
  reading.vram_total_bytes = device.number("mem_info_vram_total");
  reading.vram_used_bytes = device.number("mem_info_vram_used");
  reading.gtt_total_bytes = device.number("mem_info_gtt_total");
  reading.gtt_used_bytes = device.number("mem_info_gtt_used");
  reading.has_vram_vendor = device.exists("mem_info_vram_vendor");
  if (const auto busy = device.number("gpu_busy_percent"); busy && *busy <= 100)
    reading.busy_percent = static_cast<double>(*busy);
  reading.temperature_celsius = device.hwmon_scaled("temp1_input", 1000.0);
  // Kernels before 6.0 report the average, later ones (for some boards) only the instant value.
  reading.power_watts = device.hwmon_scaled("power1_average", 1e6);
  if (!reading.power_watts) reading.power_watts = device.hwmon_scaled("power1_input", 1e6);
  reading.product_name = device.text("product_name");
  return reading;
}

}  // namespace autocut::detect
