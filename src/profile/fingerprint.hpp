// A short, stable identifier of the hardware, to notice when a saved profile belongs to another machine. Pure.
#pragma once

#include <string>

#include "core/host_facts.hpp"

namespace autocut::profile {

// Built from what changes only with the hardware: CPU identity and counts, installed memory rounded to whole GiB
// (the kernel's own reservations move MemTotal by a few MiB between versions), and each GPU's address, PCI ids
// and memory. Limits and load do not count.
std::string hardware_fingerprint(const core::HostFacts& facts);

}  // namespace autocut::profile
