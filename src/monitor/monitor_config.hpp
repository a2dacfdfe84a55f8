// The monitor's settings from configuration: the DESIGN §3 defaults with whatever the user tuned laid over them.
#pragma once

#include <string>
#include <vector>

#include "config/monitor_knobs.hpp"
#include "monitor/monitor.hpp"

namespace autocut::monitor {

// A rule whose exit threshold does not lie past its enter threshold would flap; such a pair is refused (one line
// in `errors`) and the rule keeps its defaults.
MonitorSettings configured_monitor(const config::MonitorKnobs& knobs, std::vector<std::string>& errors);

}  // namespace autocut::monitor
