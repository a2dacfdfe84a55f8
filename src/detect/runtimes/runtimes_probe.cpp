// All local AI runtimes, asked at once in the background since detection started (detect/slow_probes.hpp); a
// closed port costs milliseconds. A captured machine's are replayed from its recorded answers; only a server named
// on the command line (--ollama-host) is asked live for it.
#include "detect/probe.hpp"
#include "detect/program_path.hpp"
#include "detect/runtimes/local_runtimes.hpp"
#include "detect/runtimes/runtimes_outcome.hpp"
#include "detect/slow_probes.hpp"

namespace autocut::detect {

ProbeOutcome probe_ai_runtimes(const ProbeContext& context, core::HostFacts& facts) {
  const auto& options = context.options;
  if (!context.root.is_live() && !replayed(options.answers, "runtimes")) {
    if (!options.ollama_host_given) {
      facts.not_asked.emplace_back("ai-runtimes");
      return absent(
          "not probed: local AI servers answer for this machine, and the capture under --root holds no recorded "
          "answers of its own (scripts/capture-host records them)");
    }
    facts.runtimes = {query_ollama(runtime_query(options, "ollama", options.ollama_host))};
  } else {
    const bool started = context.slow && context.slow->runtimes.valid();
    facts.runtimes = started ? context.slow->runtimes.get() : query_all_runtimes(options);
  }
  for (auto& runtime : facts.runtimes)
    if (runtime.kind == core::RuntimeKind::ollama)
      runtime.installed = runtime.running || find_program(context.root, options.path, "ollama").has_value();
  return runtimes_outcome(facts.runtimes);
}

}  // namespace autocut::detect
