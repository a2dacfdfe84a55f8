// /metrics in Prometheus' text format. Every name is defined once in metrics.cpp (and listed in docs/metrics.md):
// autocut_<subsystem>_<name>_<unit>, base units, counters ending in _total.
#pragma once

#include <string>

#include "service/runtime_service.hpp"

namespace autocut::api {

std::string render_metrics(const service::RuntimeService& service);

}  // namespace autocut::api
