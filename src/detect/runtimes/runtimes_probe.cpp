// All local AI runtimes, asked at once in the background since detection started (detect/slow_probes.hpp); a
// closed port costs milliseconds.
#include "detect/probe.hpp"
#include "detect/program_path.hpp"
#include "detect/runtimes/local_runtimes.hpp"
#include "detect/runtimes/runtimes_outcome.hpp"
#include "detect/slow_probes.hpp"

namespace autocut::detect {

ProbeOutcome probe_ai_runtimes(const ProbeContext& context, core::HostFacts& facts) {
  if (!context.root.is_live())
    return absent("not probed: local AI servers answer for this machine, not the captured one under --root");

  const auto& options = context.options;
  const bool started = context.slow && context.slow->runtimes.valid();
  facts.runtimes = started ? context.slow->runtimes.get() : query_all_runtimes(options);
  for (auto& runtime : facts.runtimes)
    if (runtime.kind == core::RuntimeKind::ollama)
      runtime.installed = runtime.running || find_program(context.root, options.path, "ollama").has_value();
  return runtimes_outcome(facts.runtimes);
}

}  // namespace autocut::detect
